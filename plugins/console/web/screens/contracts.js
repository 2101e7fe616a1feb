// The buyer's purchase contracts (hợp đồng mua): what is open, filled or withdrawn, how much is
// signed or proposed, and the list as CSV.
import {listAll} from '../api.js';
import {h, fill, table} from '../dom.js';
import {t, tMaybe} from '../i18n.js';
import * as f from '../format.js';
import {badge} from '../widgets.js';
import {productName} from '../directory.js';
import {toCsv, download, plainQuantity} from '../csv.js';
import {canWrite} from '../roles.js';

// Categories are the registry's words ("tea"); the crop names of the catalogue read better.
export function categoryName(category) { return tMaybe(`crop.${category}`) || category; }

export function what(c) {
  const goods = c.product_id ? productName(c.product_id) : t('contract.any_of', {category: categoryName(c.category)});
  return c.grade ? `${goods} · ${c.grade}` : goods;
}

export async function render(ctx) {
  const list = h('div', {id: 'contract-list'});
  let contracts = [];
  const load = async () => {
    contracts = await listAll('offtake.contract.list', {buyer: ctx.user.party}, 'contracts');
    contracts.reverse();  // newest first
    fill(list, table([
      {label: t('contract.id'), class: 'id', value: c => h('a', {href: `/app/contracts/${c.id}`}, c.id)},
      {label: t('contract.what'), value: what},
      {label: t('contract.quantity'), class: 'num', value: c => f.quantity(c.quantity, c.unit)},
      {label: t('contract.price'), class: 'num', value: c => f.price(c.unit_price_vnd, c.unit)},
      {label: t('contract.window'), value: c => `${f.date(c.deliver_from)} – ${f.date(c.deliver_to)}`},
      {label: t('contract.signed'), class: 'num', value: c => f.quantity(c.signed, c.unit)},
      {label: t('contract.proposed'), class: 'num', value: c => f.quantity(c.proposed, c.unit)},
      {label: t('contract.status'), value: c => badge(c.status)},
    ], contracts, t('contract.none')));
  };
  await load();
  ctx.live(['offtake.'], load);
  const exportCsv = () => download(`hop-dong-mua-${f.today()}.csv`, toCsv(
    [t('contract.id'), t('contract.what'), t('csv.product_id'), t('csv.category'), t('csv.quantity'),
     t('csv.unit'), t('csv.price'), t('contract.window_from'), t('contract.window_to'),
     t('contract.province'), t('csv.signed'), t('csv.proposed'), t('contract.status'), t('csv.posted_at')],
    contracts.map(c => [c.id, what(c), c.product_id || '', c.category, plainQuantity(c.quantity, c.unit),
      c.unit === 'g' ? 'kg' : c.unit === 'ml' ? 'l' : t('unit.piece'), c.unit_price_vnd,
      c.deliver_from, c.deliver_to, c.place.province, plainQuantity(c.signed, c.unit),
      plainQuantity(c.proposed, c.unit), t(`status.${c.status}`), c.posted_at])));
  return h('section', {},
    h('h1', {}, t('contracts.title')),
    h('div', {class: 'actions'},
      canWrite(ctx.user) ? h('a', {class: 'button', href: '/app/contracts/new'}, t('contracts.new')) : null,
      h('button', {type: 'button', class: 'secondary', id: 'export-csv', onclick: exportCsv}, t('action.export_csv'))),
    list);
}
