// Building the page: small helpers over the DOM, so screens read as the markup they make.
// Text always goes in as text nodes (never innerHTML), so names typed by people cannot run script.

// h('button', {class: 'big', onclick: f}, 'Lưu') -> <button class="big">Lưu</button>
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

let uid = 0;
// A labelled form control: the label is tied to the input so screen readers and taps work.
export function field(label, input, hint) {
  if (!input.id) input.id = `f${++uid}`;
  const hintEl = hint ? h('small', {class: 'hint', id: `${input.id}-hint`}, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return h('div', {class: 'field'}, h('label', {for: input.id}, label), input, hintEl,
           h('small', {class: 'field-error', id: `${input.id}-error`, 'aria-live': 'polite'}));
}

// A <select> from [[value, label], ...].
export function select(name, options, value) {
  return h('select', {name}, options.map(([v, label]) =>
    // defaultSelected, so that form.reset() comes back to this choice.
    h('option', {value: v, defaultSelected: String(v) === String(value ?? '')}, label)));
}

// A table from column specs {label, value: row => text|Node, class?}; an empty list says so.
export function table(columns, rows, empty) {
  if (!rows.length) return h('p', {class: 'empty'}, empty);
  return h('div', {class: 'table-wrap'}, h('table', {},
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col', class: c.class}, c.label)))),
    h('tbody', {}, rows.map(r => h('tr', {}, columns.map(c =>
      h('td', {class: c.class, 'data-label': c.label}, c.value(r))))))));
}

// Replaces an element's children (a section refreshed by a live update).
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// A message for everyone, screen readers included (role="status" is polite, "alert" is not).
export function notice(text, kind = 'info') {
  return h('p', {class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status'}, text);
}

// Reads a form's named controls into an object of strings (checkbox groups become arrays).
export function formValues(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'checkbox') {
      if (el.dataset.group) (out[el.name] ||= []).push(...(el.checked ? [el.value] : []));
      else out[el.name] = el.checked;
    } else out[el.name] = el.value.trim();
  }
  return out;
}
