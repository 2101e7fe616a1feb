// One purchase contract: its terms, the proposals matching found for it, the consumption
// contracts signed under it, and withdrawing it while it is open.
import {call, action, describe} from '../api.js';
import {h, fill, notice, table} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {badge, reasonForm} from '../widgets.js';
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
    [t('contract.certifications'), c.certifications.join(', ') || t('word.none')],
    [t('contract.min_ocop'), c.min_ocop_stars ? `${c.min_ocop_stars} ★` : t('contract.no_stars')],
    [t('contract.min_lot'), f.quantity(c.min_lot, c.unit)],
    [t('contract.signed'), f.quantity(c.signed, c.unit)],
    [t('contract.proposed'), f.quantity(c.proposed, c.unit)],
    [t('contract.posted_at'), f.dateTime(c.posted_at)],
  ];
  if (c.max_distance_km) rows.push([t('contract.max_distance'), f.km(c.max_distance_km)]);
  if (c.note) rows.push([t('contract.note'), c.note]);
  if (c.cancel_reason) rows.push([t('contract.cancel_reason'), c.cancel_reason]);
  return h('dl', {class: 'facts'}, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export async function render(ctx) {
  const id = ctx.params.id;
  const body = h('div', {});
  const load = async () => {
    const [{contract: c}, {proposals}, {consumptions}] = await Promise.all([
      call('offtake.contract.get', {contract_id: id}),
      call('offtake.proposal.list', {contract_id: id, limit: 500}),
      call('offtake.consumption.list', {contract_id: id, limit: 500})]);
    const mine = c.buyer === ctx.user.party && canWrite(ctx.user);
    const actions = h('div', {class: 'actions'});
    if (mine && c.status === 'open')
      actions.append(h('button', {type: 'button', class: 'danger', id: 'withdraw',
                                  onclick: () => actions.after(withdrawForm(c, load))}, t('contract.withdraw')));
    fill(body, facts(c), actions,
      mine ? h('p', {class: 'hint'}, t('contract.amend_gap')) : null,
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
