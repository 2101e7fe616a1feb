// The cooperative's supply offers (chào bán): posted, taken or withdrawn; withdrawing an open one.
import {listAll, action, describe} from '../api.js';
import {h, fill, notice, table} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {badge, reasonForm} from '../widgets.js';
import {productName} from '../directory.js';
import {canWrite} from '../roles.js';

export async function render(ctx) {
  const list = h('div', {id: 'offer-list'});
  const message = h('div', {'aria-live': 'polite'});
  const run = action();
  const withdraw = (o, cell) => cell.after(reasonForm({
    label: t('offer.withdraw_reason'), button: t('offer.withdraw'),
    onConfirm(form, input) {
      form.addEventListener('submit', async e => {
        e.preventDefault();
        try {
          await run('offtake.offer.withdraw', {offer_id: o.id, ...(input.value.trim() ? {reason: input.value.trim()} : {})});
          await load();
        } catch (err) { fill(message, notice(describe(err), 'error')); }
      });
    }}));
  const load = async () => {
    const offers = (await listAll('offtake.offer.list', {seller: ctx.user.party}, 'offers')).reverse();
    fill(list, table([
      {label: t('offer.id'), class: 'id', value: o => o.id},
      {label: t('proposal.product'), value: o => o.grade ? `${productName(o.product_id)} · ${o.grade}` : productName(o.product_id)},
      {label: t('offer.quantity'), class: 'num', value: o => f.quantity(o.quantity, o.unit)},
      {label: t('offer.min_price'), class: 'num', value: o => f.price(o.min_unit_price_vnd, o.unit)},
      {label: t('offer.window'), value: o => `${f.date(o.available_from)} – ${f.date(o.available_to)}`},
      {label: t('contract.signed'), class: 'num', value: o => f.quantity(o.signed, o.unit)},
      {label: t('contract.proposed'), class: 'num', value: o => f.quantity(o.proposed, o.unit)},
      {label: t('contract.status'), value: o => badge(o.status)},
      {label: t('proposal.actions'), value: o => {
        if (o.status !== 'open' || !canWrite(ctx.user)) return '';
        const cell = h('div', {}, h('button', {type: 'button', class: 'danger', onclick: () => withdraw(o, cell)},
                                    t('offer.withdraw')));
        return cell;
      }},
    ], offers, t('offer.none')));
  };
  await load();
  ctx.live(['offtake.'], load);
  return h('section', {}, h('h1', {}, t('offers.title')),
    canWrite(ctx.user) ? h('div', {class: 'actions'}, h('a', {class: 'button', href: '/app/offers/new'}, t('offers.new'))) : null,
    message, list);
}
