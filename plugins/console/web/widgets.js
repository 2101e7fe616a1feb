// Pieces several screens share: a status badge, a quantity input in kg or t, a place picked on a
// map, a small confirm-with-reason form.
import {h, field, select} from './dom.js';
import {t} from './i18n.js';
import {toSmallest} from './format.js';
import {createMap, pickPoint} from './map.js';
import {Invalid} from './forms.js';

export function badge(status) {
  return h('span', {class: `badge ${status}`}, t(`status.${status}`));
}

// The units people type a quantity in, for a product counted in g, ml or pieces.
function inputUnits(unit) {
  if (unit === 'g') return [['t', t('unit.t')], ['kg', t('unit.kg')]];
  if (unit === 'ml') return [['l', t('unit.l')]];
  return [['piece', t('unit.piece')]];
}

// A quantity field: a number and its unit; value() is the integer in the smallest unit.
// `name` is the body member the node would blame, so its refusals land here.
export function quantityField(label, name, {unit = 'g', preferred = 't', required = true} = {}) {
  const input = h('input', {name, inputmode: 'decimal', required, autocomplete: 'off'});
  let unitSelect = select(`${name}__unit`, inputUnits(unit), preferred);
  unitSelect.setAttribute('aria-label', t('form.unit'));
  const el = field(label, input);
  // The number and its unit side by side, in the place field() gave the input.
  const wrap = h('div', {class: 'qty'});
  el.replaceChild(wrap, input);
  wrap.append(input, unitSelect);
  return {
    el,
    setUnit(u) {
      const next = select(`${name}__unit`, inputUnits(u), u === 'g' ? 't' : '');
      next.setAttribute('aria-label', t('form.unit'));
      unitSelect.replaceWith(next);
      unitSelect = next;
    },
    // The integer the node stores, or undefined when left empty and optional.
    value() {
      if (!input.value.trim() && !required) return undefined;
      const q = toSmallest(input.value, unitSelect.value);
      if (!Number.isFinite(q) || q < 1) throw new Invalid(name, t('form.bad_quantity'));
      return q;
    },
  };
}

// An integer amount of money typed with or without group marks ("1.200.000").
export function moneyValue(text, name) {
  const n = Number(String(text).replace(/[.,\s₫]/g, ''));
  if (!Number.isInteger(n) || n < 0 || !String(text).trim()) throw new Invalid(name, t('form.bad_money'));
  return n;
}

// Province and a point picked on a map (or typed, for keyboards and screen readers).
export function placeField(ctx, start) {
  const province = h('input', {name: 'place.province', required: true, value: start.province || ''});
  const lat = h('input', {name: 'place.lat', inputmode: 'decimal', required: true,
                          value: start.lat ?? ''});
  const lon = h('input', {name: 'place.lon', inputmode: 'decimal', required: true,
                          value: start.lon ?? ''});
  const mapEl = h('div', {class: 'map', role: 'application', 'aria-label': t('place.map_label')});
  const box = h('fieldset', {}, h('legend', {}, t('place.legend')),
    field(t('place.province'), province),
    h('p', {class: 'hint'}, t('place.tap_hint')), mapEl,
    h('div', {class: 'row'}, field(t('place.lat'), lat), field(t('place.lon'), lon)));
  createMap(mapEl, ctx.config, [Number(start.lat) || 21.3, Number(start.lon) || 105.2], 10)
    .then(({L, map}) => {
      const pin = pickPoint(L, map, start.lat ? start : null, p => { lat.value = p.lat; lon.value = p.lon; });
      const typed = () => { if (lat.value && lon.value) pin.move({lat: +lat.value, lon: +lon.value}); };
      lat.addEventListener('change', typed);
      lon.addEventListener('change', typed);
    });
  return {
    el: box,
    value() {
      const la = Number(lat.value), lo = Number(lon.value);
      if (!lat.value || !Number.isFinite(la)) throw new Invalid('place.lat', t('place.pick'));
      if (!lon.value || !Number.isFinite(lo)) throw new Invalid('place.lon', t('place.pick'));
      return {province: province.value.trim(), lat: la, lon: lo};
    },
  };
}

// An inline "why?" form for refusing or withdrawing: reason box and a confirm button.
export function reasonForm({label, button, required = false, onConfirm}) {
  const input = h('input', {name: 'reason', required, maxlength: 500});
  const form = h('form', {class: 'card reason inline'}, field(label, input),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'danger'}, button),
      h('button', {type: 'button', class: 'secondary', onclick: () => form.remove()}, t('action.cancel'))));
  onConfirm(form, input);
  setTimeout(() => input.focus(), 0);
  return form;
}
