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

// What someone has typed into the forms under `root` and not sent yet, so that a live refresh
// redrawing them can put it back: a field counts when its value is no longer the one it was
// drawn with. Fields are found again by their form's id and their own name.
export function typedValues(root) {
  const kept = [];
  for (const el of root.querySelectorAll('form[id] [name]')) {
    if (!el.form || el.type === 'hidden' || el.type === 'submit' || el.type === 'button') continue;
    const changed = el.type === 'checkbox' || el.type === 'radio' ? el.checked !== el.defaultChecked
                  : el.tagName === 'SELECT' ? [...el.options].some(o => o.selected !== o.defaultSelected)
                  : 'defaultValue' in el && el.value !== el.defaultValue;
    if (changed) kept.push({form: el.form.id, name: el.name, value: el.value, checked: el.checked});
  }
  return kept;
}

// Puts `kept` (from typedValues) back into the redrawn forms, into fields the redraw left as drawn.
export function retype(root, kept) {
  for (const k of kept) {
    const form = root.querySelector(`form#${CSS.escape(k.form)}`);
    for (const el of form ? form.querySelectorAll(`[name="${CSS.escape(k.name)}"]`) : []) {
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.value === k.value) el.checked = k.checked;
      } else if (el.tagName === 'SELECT' || el.value === el.defaultValue) {
        el.value = k.value;
      }
    }
  }
}
