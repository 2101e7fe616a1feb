// One purchase contract: its terms, the proposals matching found for it, the consumption
// contracts signed under it, and withdrawing it while it is open.
import {call, action, describe} from '../api.js';
import {h, fill, field, select, notice, table, formValues} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {badge, reasonForm, quantityField, moneyValue} from '../widgets.js';
import {onSubmit, Invalid} from '../forms.js';
import {certificationChoices, gradeField} from './contract_form.js';
import {partyName} from '../directory.js';
import {what} from './contracts.js';
import {canWrite} from '../roles.js';

function facts(c) {
  const rows = [
    [t('contract.what'), what(c)],
    [t('contract.status'), badge(c.status)],
    [t('contract.quantity'), f.quantity(c.quantity, c.unit)],
    [t('contract.price'), f.price(c.unit_price_vnd, c.unit)],
    [t('contract.value'), f.money(c.unit === 'piece' ? c.quantity * c.unit_price_vnd
                                                     : Math.round(c.quantity * c.unit_price_vnd / 1000))],
    [t('contract.window'), `${f.date(c.deliver_from)} – ${f.date(c.deliver_to)}`],
    [t('contract.place'), `${c.place.province} (${c.place.lat}, ${c.place.lon})`],
    [t('contract.grade'), c.grade || t('contract.any_grade')],
    [t('contract.certifications'), c.certifications.join(', ') || t('word.none')],
    [t('contract.min_ocop'), c.min_ocop_stars ? `${c.min_ocop_stars} ★` : t('contract.no_stars')],
    // min_lot 1 (one gram) is the node's "no minimum".
    [t('contract.min_lot'), c.min_lot > 1 ? f.quantity(c.min_lot, c.unit) : t('contract.no_min_lot')],
    [t('contract.signed'), f.quantity(c.signed, c.unit)],
    [t('contract.proposed'), f.quantity(c.proposed, c.unit)],
    [t('contract.posted_at'), f.dateTime(c.posted_at)],
  ];
  if (c.max_distance_km) rows.push([t('contract.max_distance'), f.km(c.max_distance_km)]);
  if (c.note) rows.push([t('contract.note'), c.note]);
  if (c.cancel_reason) rows.push([t('contract.cancel_reason'), c.cancel_reason]);
  if (c.amended_at) rows.push([t('contract.amended'), t('contract.amended_text', {
    version: c.version, at: f.dateTime(c.amended_at), reason: c.amend_reason || '–'})]);
  return h('dl', {class: 'facts'}, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export async function render(ctx) {
  const id = ctx.params.id;
  const body = h('div', {});
  const message = h('div', {'aria-live': 'polite'});
  const load = async () => {
    const [{contract: c}, {proposals}, {consumptions}] = await Promise.all([
      call('offtake.contract.get', {contract_id: id}),
      call('offtake.proposal.list', {contract_id: id, limit: 500}),
      call('offtake.consumption.list', {contract_id: id, limit: 500})]);
    const mine = c.buyer === ctx.user.party && canWrite(ctx.user);
    const actions = h('div', {class: 'actions'});
    const amendable = mine && c.status === 'open' && await canAmend();
    if (amendable)
      actions.append(h('button', {type: 'button', class: 'secondary', id: 'amend',
                                  onclick: async () => actions.after(await amendForm(c, load, message))}, t('contract.amend')));
    if (mine && c.status === 'open')
      actions.append(h('button', {type: 'button', class: 'danger', id: 'withdraw',
                                  onclick: () => actions.after(withdrawForm(c, load))}, t('contract.withdraw')));
    fill(body, facts(c), message, actions,
      mine && c.status === 'open' && !amendable ? h('p', {class: 'hint'}, t('contract.amend_gap')) : null,
      h('h2', {}, t('proposals.title')),
      table([
        {label: t('proposal.id'), class: 'id', value: p => p.id},
        {label: t('proposal.seller'), value: p => partyName(p.seller)},
        {label: t('proposal.quantity'), class: 'num', value: p => f.quantity(p.quantity, p.unit)},
        {label: t('proposal.distance'), class: 'num', value: p => f.km(p.distance_km)},
        {label: t('contract.status'), value: p => badge(p.status)},
      ], proposals, t('proposals.none')),
      h('p', {}, h('a', {href: '/app/proposals'}, t('proposals.answer_link'))),
      h('h2', {}, t('consumptions.title')),
      table([
        {label: t('consumption.id'), value: x => h('a', {href: `/app/consumptions/${x.id}`}, x.id)},
        {label: t('proposal.seller'), value: x => partyName(x.seller)},
        {label: t('consumption.quantity'), class: 'num', value: x => f.quantity(x.quantity, x.unit)},
        {label: t('consumption.value'), class: 'num', value: x => f.money(x.value_vnd)},
        {label: t('contract.status'), value: x => badge(x.status)},
      ], consumptions, t('consumptions.none')));
  };
  await load();
  ctx.live(['offtake.'], load);
  return h('section', {}, h('p', {}, h('a', {href: '/app/contracts'}, `← ${t('contracts.title')}`)),
           h('h1', {}, t('contract.title', {id})), body);
}

// Withdrawing (offtake.contract.cancel): pending proposals are cancelled, signed ones stay.
function withdrawForm(c, reload) {
  const run = action();
  return reasonForm({
    label: t('contract.withdraw_reason'), button: t('contract.withdraw_confirm'),
    onConfirm(form, input) {
      form.addEventListener('submit', async e => {
        e.preventDefault();
        try {
          await run('offtake.contract.cancel', {contract_id: c.id, ...(input.value.trim() ? {reason: input.value.trim()} : {})});
          await reload();
        } catch (err) { form.append(notice(describe(err), 'error')); }
      });
    },
  });
}

// Whether this node can amend a purchase contract (offtake.contract.amend came after the rest):
// asked once, from the node's own declarations.
let amendable = null;
function canAmend() {
  amendable ??= call('node.schema', {type: 'offtake.contract.'})
    .then(r => (r.messages || []).some(m => m.type === 'offtake.contract.amend')).catch(() => false);
  return amendable;
}

// Amending (offtake.contract.amend): only what changed is sent. A change of anything but the
// quantity or the note cancels the pending proposals; matching proposes again under the new terms.
async function amendForm(c, reload, message) {
  const unitName = c.unit === 'g' ? (c.quantity % 1_000_000 === 0 ? 't' : 'kg') : '';
  const qty = quantityField(t('contract.quantity'), 'quantity', {unit: c.unit, preferred: unitName});
  qty.el.querySelector('input[name=quantity]').value =
    String(c.unit === 'piece' ? c.quantity : c.quantity / (unitName === 't' ? 1_000_000 : 1000));
  const price = h('input', {name: 'unit_price_vnd', inputmode: 'numeric', required: true, value: String(c.unit_price_vnd)});
  const from = h('input', {name: 'deliver_from', type: 'date', value: c.deliver_from});
  const to = h('input', {name: 'deliver_to', type: 'date', value: c.deliver_to});
  const stars = select('min_ocop_stars', [['0', t('contract.no_stars')], ['3', '3 ★'], ['4', '4 ★'], ['5', '5 ★']],
                       String(c.min_ocop_stars));
  const certs = h('fieldset', {}, h('legend', {}, t('contract.certifications')),
    h('div', {class: 'checks'}, [...new Set([...certificationChoices(), ...c.certifications])].map(x =>
      h('label', {}, h('input', {type: 'checkbox', name: 'certifications', value: x, dataset: {group: '1'},
                                 defaultChecked: c.certifications.includes(x)}), x))));
  const grade = await gradeField('grade', t('contract.grade'), t('contract.grade_amend_hint'), c.grade || '');
  const note = h('textarea', {name: 'note', rows: 2, maxlength: 500}, c.note || '');
  const reason = h('input', {name: 'reason', maxlength: 500});
  const form = h('form', {class: 'card inline', id: 'amend-form', novalidate: true}, h('h2', {}, t('contract.amend')),
    h('p', {class: 'hint'}, t('contract.amend_hint')),
    qty.el, field(t('contract.price_per', {unit: f.priceUnit(c.unit)}), price),
    h('div', {class: 'row'}, field(t('contract.window_from'), from), field(t('contract.window_to'), to)),
    grade, certs, field(t('contract.min_ocop'), stars), field(t('contract.note'), note),
    field(t('contract.amend_reason'), reason),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, t('contract.amend_save')),
      h('button', {type: 'button', class: 'secondary', onclick: () => form.remove()}, t('action.cancel'))));
  onSubmit(form, {
    build() {
      const v = formValues(form);
      const body = {contract_id: c.id};
      const q = qty.value();
      if (q !== c.quantity) body.quantity = q;
      const p = moneyValue(v.unit_price_vnd, 'unit_price_vnd');
      if (p !== c.unit_price_vnd) body.unit_price_vnd = p;
      if (v.deliver_from !== c.deliver_from) body.deliver_from = v.deliver_from;
      if (v.deliver_to !== c.deliver_to) body.deliver_to = v.deliver_to;
      if (Number(v.min_ocop_stars) !== c.min_ocop_stars) body.min_ocop_stars = Number(v.min_ocop_stars);
      const picked = [...(v.certifications || [])].sort();
      if (picked.join('|') !== [...c.certifications].sort().join('|')) body.certifications = picked;
      // An emptied grade is sent as null: the node drops it and offers of any grade match.
      const g = (v.grade || '').trim();
      if (g !== (c.grade || '')) body.grade = g || null;
      if ((v.note || '') !== (c.note || '')) body.note = v.note;
      if (Object.keys(body).length === 1) throw new Invalid('quantity', t('contract.amend_nothing'));
      if (v.reason) body.reason = v.reason;
      return ['offtake.contract.amend', body];
    },
    async done(r) {
      fill(message, notice(t('contract.amended_ok', {
        changed: r.changed.map(k => t(`contract.field.${k}`)).join(', '), n: r.proposals_cancelled})));
      await reload();
    },
  });
  return form;
}
