// Sending a form: one action (one Idempotency-Key until the node answers for sure), the button
// disabled while it runs, and a refusal shown next to the field the node names.
import {action, call, describe, Problem} from './api.js';
import {h, fill, notice} from './dom.js';
import {t} from './i18n.js';

// Wires `form` so that submitting runs `build(values)` -> [type, body] and then `done(result)`.
// `explain(problem)` may turn a refusal into a sentence of its own (the pre-harvest interval).
// `unkeyed`: a message that refuses an Idempotency-Key (token.create: its answer holds a secret).
export function onSubmit(form, {build, done, explain, unkeyed = false}) {
  const run = unkeyed ? (type, body) => call(type, body) : action();
  const message = form.querySelector('.form-message') ||
                  form.appendChild(h('div', {class: 'form-message', 'aria-live': 'polite'}));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const button = e.submitter || form.querySelector('button[type="submit"]');
    clearErrors(form);
    fill(message);
    let request;
    try {
      request = build(form);
    } catch (err) {  // a value the console can check itself (a number that is not one)
      return showProblem(form, message, err);
    }
    if (!request) return;
    if (button) button.disabled = true;
    try {
      const result = await run(...request);
      await done(result);
    } catch (err) {
      const said = explain?.(err);
      if (said) fill(message, said);
      else showProblem(form, message, err);
    } finally {
      if (button && button.isConnected) button.disabled = false;
    }
  });
}

// A refusal of the console's own, before anything is sent: {field, text}.
export class Invalid extends Error {
  constructor(field, text) { super(text); this.field = field; }
}

function clearErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
}

// Marks the input the node blames ("body.place.lat" -> name="place.lat") and says why; a
// problem with no field of this form is said above the button.
export function showProblem(form, message, err) {
  const name = (err.field || '').replace(/^body\./, '').replace(/\[\d+\].*$/, '');
  const input = name && form.querySelector(`[name="${CSS.escape(name)}"]`);
  const text = err instanceof Invalid ? err.message : describe(err);
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    const slot = document.getElementById(`${input.id}-error`);
    if (slot) slot.textContent = text;
    input.focus();
  }
  fill(message, notice(input ? t('form.fix_field') : text, 'error'));
  if (!(err instanceof Invalid) && !(err instanceof Problem)) console.warn(err);
}
