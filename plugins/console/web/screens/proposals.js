// Proposals from matching, for either side: the other party, the distance and the quantity,
// and the two answers. Both sides accepting signs a consumption contract.
import {listAll, action, describe} from '../api.js';
import {h, fill, notice, table} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {badge, reasonForm} from '../widgets.js';
import {partyName, productName} from '../directory.js';
import {canWrite} from '../roles.js';

// Where the proposal stands, said from the reader's side.
function answers(p, side) {
  if (p.status !== 'pending') return badge(p.status);
  const mine = p[`${side}_accepted`], theirs = p[`${side === 'buyer' ? 'seller' : 'buyer'}_accepted`];
  if (mine) return t('proposal.waiting_other');
  if (theirs) return t('proposal.other_accepted');
  return t('proposal.waiting_both');
}

export async function render(ctx) {
  const side = ctx.audience === 'seller' ? 'seller' : 'buyer';
  const list = h('div', {id: 'proposal-list'});
  const message = h('div', {'aria-live': 'polite'});
  const run = action();
  const act = async (type, body) => {
    fill(message);
    try { await run(type, body); await load(); }
    catch (err) { fill(message, notice(describe(err), 'error')); }
  };
  const buttons = p => {
    if (p.status === 'signed' && p.consumption_id)
      return h('a', {href: `/app/consumptions/${p.consumption_id}`}, t('proposal.see_contract'));
    if (p.status !== 'pending' || p[`${side}_accepted`] || !canWrite(ctx.user)) return '';
    const cell = h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'accept', onclick: () => act('offtake.proposal.accept', {proposal_id: p.id})},
        t('proposal.accept')),
      h('button', {type: 'button', class: 'danger reject', onclick: () => cell.after(reasonForm({
        label: t('proposal.reject_reason'), button: t('proposal.reject'),
        onConfirm(form, input) {
          form.addEventListener('submit', e => {
            e.preventDefault();
            act('offtake.proposal.reject', {proposal_id: p.id, ...(input.value.trim() ? {reason: input.value.trim()} : {})});
          });
        }}))}, t('proposal.reject')));
    return cell;
  };
  const load = async () => {
    const all = await listAll('offtake.proposal.list', {party: ctx.user.party}, 'proposals');
    // Pending first (what needs an answer), newest first within each group.
    all.sort((a, b) => (a.status === 'pending' ? 0 : 1) - (b.status === 'pending' ? 0 : 1) ||
                       b.id.localeCompare(a.id));
    const other = side === 'buyer' ? 'seller' : 'buyer';
    fill(list, table([
      {label: t('proposal.id'), class: 'id', value: p => h('span', {class: 'proposal-id'}, p.id)},
      {label: t(`proposal.${other}`), value: p => partyName(p[other])},
      {label: t('proposal.product'), value: p => productName(p.product_id)},
      {label: t('proposal.quantity'), class: 'num', value: p => f.quantity(p.quantity, p.unit)},
      {label: t('proposal.price'), class: 'num', value: p => f.price(p.unit_price_vnd, p.unit)},
      {label: t('proposal.distance'), class: 'num', value: p => f.km(p.distance_km)},
      {label: t('proposal.expires'), value: p => (p.status === 'pending' ? f.dateTime(p.expires_at) : '')},
      {label: t('proposal.state'), value: p => answers(p, side)},
      {label: t('proposal.actions'), value: buttons},
    ], all, t('proposals.none')));
    for (const [i, p] of all.entries()) list.querySelectorAll('tbody tr')[i]?.setAttribute('data-id', p.id);
  };
  await load();
  ctx.live(['offtake.'], load);
  return h('section', {}, h('h1', {}, t('proposals.title')),
           h('p', {class: 'hint'}, t(`proposals.intro_${side}`)), message, list);
}
