// Consumption contracts (hợp đồng tiêu thụ): what was signed, how much is delivered and
// accepted, how much is paid.
import {listAll} from '../api.js';
import {h, fill, table} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {badge} from '../widgets.js';
import {partyName, productName} from '../directory.js';

export async function render(ctx) {
  const list = h('div', {id: 'consumption-list'});
  const load = async () => {
    const body = ctx.audience === 'union' ? {} : {party: ctx.user.party};
    const all = (await listAll('offtake.consumption.list', body, 'consumptions')).reverse();
    fill(list, table([
      {label: t('consumption.id'), class: 'id', value: x => h('a', {href: `/app/consumptions/${x.id}`}, x.id)},
      // A party sees the other side; the union sees both.
      ctx.audience !== 'seller' ? {label: t('proposal.seller'), value: x => partyName(x.seller)} : null,
      ctx.audience !== 'buyer' ? {label: t('proposal.buyer'), value: x => partyName(x.buyer)} : null,
      {label: t('proposal.product'), value: x => productName(x.product_id)},
      {label: t('consumption.quantity'), class: 'num', value: x => f.quantity(x.quantity, x.unit)},
      {label: t('consumption.accepted'), class: 'num', value: x => f.quantity(x.accepted, x.unit)},
      {label: t('consumption.value'), class: 'num', value: x => f.money(x.value_vnd)},
      {label: t('consumption.paid'), class: 'num', value: x => f.money(x.paid_vnd)},
      {label: t('consumption.deliver_by'), value: x => f.date(x.deliver_to)},
      {label: t('contract.status'), value: x => badge(x.status)},
    ].filter(Boolean), all, t('consumptions.none')));
  };
  await load();
  ctx.live(['offtake.'], load);
  return h('section', {}, h('h1', {}, t('consumptions.title')), list);
}
