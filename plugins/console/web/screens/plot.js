// One plot on a phone: where it is, its planting diary, and big buttons to write today's work
// (fertiliser, spraying, watering, inspection) or a harvest. A harvest during a pesticide's
// pre-harvest interval is refused by the node; the refusal is said in words.
import {call} from '../api.js';
import {h, fill, field, select, notice, table, formValues} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {onSubmit, Invalid} from '../forms.js';
import {createMap, outline, point, fit} from '../map.js';
import {quantityField} from '../widgets.js';
import {preHarvestInterval} from '../explain.js';
import {cropName} from './plots.js';
import {productName} from '../directory.js';
import {canWrite} from '../roles.js';

const kKinds = ['fertiliser', 'pesticide', 'irrigation', 'inspection', 'sowing'];

// The agreements in force (not settled) that include this plot: a harvest is delivered under one.
async function agreementsFor(plot, party) {
  const {agreements} = await call('farming.agreement.list', party ? {party} : {});
  const open = agreements.filter(a => a.in_force && !a.settled);
  const full = await Promise.all(open.map(a => call('farming.agreement.get', {id: a.id})));
  return full.map(r => r.agreement)
             .filter(a => a.status === 'in_force' && a.plots.some(p => p.plot_id === plot.id));
}

// The first day a harvest is allowed when a pesticide's interval still runs today, else null
// (the rule farming.harvest.record applies: sprayed on d with p days, no harvest before d + p).
function harvestAllowedFrom(entries) {
  const today = f.today();
  const ends = entries.filter(e => e.kind === 'pesticide' && e.date <= today)
                      .map(e => f.addDays(e.date, e.phi_days || 0)).filter(d => d > today).sort();
  return ends.length ? ends[ends.length - 1] : null;
}

function diaryLine(e) {
  const bits = [e.input, e.quantity ? `${f.number(e.quantity)} ${e.quantity_unit || ''}`.trim() : '',
                e.dose, e.active_ingredient, e.phi_days !== undefined ? t('diary.phi_short', {days: e.phi_days}) : '',
                e.inspector, e.result, e.note].filter(Boolean);
  return bits.join(' · ');
}

export async function render(ctx) {
  const id = ctx.params.id;
  const {plot} = await call('farming.plot.get', {id});
  const mine = plot.cooperative === ctx.user.party && canWrite(ctx.user);
  const crop = cropName(plot.crop);
  let entries = [];
  const diary = h('div', {id: 'diary'});
  const harvests = h('div', {id: 'harvests'});
  const formSlot = h('div', {id: 'form-slot'});
  let agreements = [];

  const waiting = h('div', {id: 'phi-waiting', 'aria-live': 'polite'});
  const loadDiary = async () => {
    entries = (await call('farming.diary.list', {plot_id: id})).entries;
    const until = harvestAllowedFrom(entries);
    fill(waiting, until ? h('p', {class: 'notice warn'}, t('plot.waiting', {date: f.date(until)})) : null);
    const sorted = [...entries].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
    fill(diary, table([
      {label: t('diary.date'), value: e => f.date(e.date)},
      {label: t('diary.kind'), value: e => t(`diary.kind.${e.kind}`)},
      {label: t('diary.details'), value: diaryLine},
    ], sorted, t('diary.none')));
  };
  const loadHarvests = async () => {
    const lists = await Promise.all(agreements.map(a => call('farming.harvest.list', {agreement_id: a.id, plot_id: id})));
    const all = lists.flatMap(l => l.harvests).sort((a, b) => b.date.localeCompare(a.date));
    fill(harvests, table([
      {label: t('harvest.date'), value: x => f.date(x.date)},
      {label: t('harvest.lot'), value: x => x.lot_id},
      {label: t('harvest.quantity'), class: 'num', value: x => f.quantity(x.quantity, x.unit)},
      {label: t('harvest.grade'), value: x => x.grade},
    ], all, t('harvest.none')));
  };
  agreements = await agreementsFor(plot, mine ? ctx.user.party : plot.cooperative).catch(() => []);
  await Promise.all([loadDiary(), loadHarvests()]);
  ctx.live(['farming.diary.', 'farming.harvest.'], () => Promise.all([loadDiary(), loadHarvests()]));

  const open = form => { fill(formSlot, form); form.querySelector('input, select')?.focus(); formSlot.scrollIntoView({block: 'start'}); };
  const buttons = mine ? h('div', {class: 'big-buttons'},
    kKinds.map(k => h('button', {type: 'button', class: `big diary-${k}`, onclick: () => open(diaryForm(k))},
                      t(`diary.add.${k}`))),
    h('button', {type: 'button', class: 'big harvest', onclick: () => open(harvestForm())}, t('harvest.add'))) : null;

  const mapEl = h('div', {class: 'map', role: 'region', 'aria-label': t('plots.map')});
  createMap(mapEl, ctx.config, [plot.location.lat, plot.location.lon], 16).then(({L, map}) => {
    const layer = (plot.polygon ? outline(L, plot.polygon) : point(L, plot.location.lat, plot.location.lon)).addTo(map);
    fit(L, map, [layer]);
  });

  // A diary entry of one kind: the fields that kind needs, today's date by default.
  function diaryForm(kind) {
    const date = h('input', {name: 'date', type: 'date', required: true, value: f.today(), max: f.today()});
    const fields = [field(t('diary.date'), date)];
    const text = (name, label, hint, attrs = {}) => {
      const el = h('input', {name, ...attrs});
      fields.push(field(label, el, hint));
      return el;
    };
    if (kind !== 'irrigation' && kind !== 'inspection') text('input', t(`diary.input.${kind}`), t(`diary.input_hint.${kind}`));
    if (kind === 'pesticide') {
      text('active_ingredient', t('diary.active_ingredient'), t('diary.active_ingredient_hint'), {required: true});
      text('dose', t('diary.dose'), t('diary.dose_hint'), {required: true});
      text('phi_days', t('diary.phi_days'), t('diary.phi_hint'), {required: true, inputmode: 'numeric'});
    } else if (kind === 'fertiliser' || kind === 'sowing') {
      text('quantity', t('diary.quantity'), '', {inputmode: 'numeric'});
      text('quantity_unit', t('diary.quantity_unit'), t('diary.quantity_unit_hint'));
    } else if (kind === 'inspection') {
      text('inspector', t('diary.inspector'));
      text('result', t('diary.result'));
    }
    text('note', t('diary.note'));
    const form = h('form', {class: 'card', id: 'diary-form', novalidate: true},
      h('h2', {}, t(`diary.add.${kind}`)), fields,
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'big'}, t('diary.save')),
        h('button', {type: 'button', class: 'secondary', onclick: () => fill(formSlot)}, t('action.cancel'))));
    onSubmit(form, {
      build() {
        const v = formValues(form);
        const body = {plot_id: id, kind, date: v.date};
        for (const k of ['input', 'active_ingredient', 'dose', 'quantity_unit', 'inspector', 'result', 'note'])
          if (v[k]) body[k] = v[k];
        for (const k of ['quantity', 'phi_days']) if (v[k]) {
          const n = Number(v[k]);
          if (!Number.isInteger(n) || n < 0) throw new Invalid(k, t('form.bad_number'));
          body[k] = n;
        }
        return ['farming.diary.record', body];
      },
      async done() { fill(formSlot, notice(t('diary.saved'))); await loadDiary(); },
    });
    return form;
  }

  // A harvest (a household's delivery under an agreement in force): quantity, grade, date, lot.
  function harvestForm() {
    if (!agreements.length) return h('div', {}, notice(t('harvest.no_agreement'), 'warn'));
    const agreement = select('agreement_id', agreements.map(a =>
      [a.id, `${a.id} · ${productName(a.product_id)}`]), agreements[0].id);
    const unit = agreements[0].unit;
    const qty = quantityField(t('harvest.quantity'), 'quantity', {unit, preferred: unit === 'g' ? 'kg' : ''});
    const grade = select('grade', [['A', 'A'], ['B', 'B'], ['C', 'C']], 'A');
    const date = h('input', {name: 'date', type: 'date', required: true, value: f.today(), max: f.today()});
    const lot = h('input', {name: 'lot_id', autocomplete: 'off', spellcheck: 'false'});
    const form = h('form', {class: 'card', id: 'harvest-form', novalidate: true},
      h('h2', {}, t('harvest.add')),
      field(t('harvest.agreement'), agreement), qty.el, field(t('harvest.grade'), grade),
      field(t('harvest.date'), date), field(t('harvest.lot'), lot, t('harvest.lot_hint')),
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'big'}, t('harvest.save')),
        h('button', {type: 'button', class: 'secondary', onclick: () => fill(formSlot)}, t('action.cancel'))));
    onSubmit(form, {
      build: () => ['farming.harvest.record', {agreement_id: agreement.value, plot_id: id, quantity: qty.value(),
                    grade: grade.value, date: date.value, ...(lot.value.trim() ? {lot_id: lot.value.trim()} : {})}],
      async done(r) {
        fill(formSlot, notice(t('harvest.saved', {lot: r.harvest.lot_id, q: f.quantity(r.harvest.quantity, r.harvest.unit)})));
        await loadHarvests();
      },
      explain(err) {
        const text = preHarvestInterval(err, entries, crop);
        return text ? h('p', {class: 'notice refusal warn', role: 'alert', id: 'phi-refusal'}, text) : null;
      },
    });
    return form;
  }

  return h('section', {},
    h('p', {}, h('a', {href: ctx.audience === 'seller' ? '/app/plots' : '/app/map'}, `← ${t('plots.title')}`)),
    h('h1', {}, t('plot.title', {household: plot.household_name, crop})),
    h('dl', {class: 'facts'},
      [[t('plot.id'), plot.id], [t('plot.area'), f.area(plot.area_m2)],
       [t('plot.certification'), plot.certification ? `${plot.certification.scheme} · ${t('plot.until', {date: f.date(plot.certification.expires)})}` : '–'],
       [t('plot.agreements'), agreements.map(a => a.id).join(', ') || '–']]
        .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    waiting, buttons, formSlot, mapEl,
    h('h2', {}, t('diary.title')), diary,
    h('h2', {}, t('harvest.title')), harvests);
}
