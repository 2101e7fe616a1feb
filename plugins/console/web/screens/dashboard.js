// The provincial cooperative union's dashboard: the province's figures from offtake.report (the
// headline numbers are the report's own, so they agree with any other client of it), contracts
// posted, matched and fulfilled month by month, the value of signed contracts by category and by
// district, and each cooperative's fulfilment rate. The same as CSV.
import {call, listAll} from '../api.js';
import {h, table} from '../dom.js';
import {t, tMaybe} from '../i18n.js';
import * as f from '../format.js';
import {barChart} from '../chart.js';
import {party, partyName, product, district} from '../directory.js';
import {kSellerKinds} from '../roles.js';
import {toCsv, download, plainQuantity} from '../csv.js';

// The last `n` calendar months up to today's: [{label, from, to}].
function months(n) {
  const [y, m] = f.today().split('-').map(Number);
  const out = [];
  for (let i = n - 1; i >= 0; i--) {
    const first = new Date(Date.UTC(y, m - 1 - i, 1));
    const last = new Date(Date.UTC(y, m - i, 0));
    out.push({label: `${String(first.getUTCMonth() + 1).padStart(2, '0')}/${first.getUTCFullYear()}`,
              from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10)});
  }
  return out;
}

function figure(id, label, value, extra) {
  return h('div', {class: 'figure', id}, h('span', {class: 'value'}, value), h('span', {class: 'label'}, label),
           extra ? h('span', {class: 'extra'}, extra) : null);
}

// The headline figures, straight from the report.
export function headline(report) {
  const g = report.contracts.by_unit.g || {};
  return [
    ['fig-contracts', t('dash.contracts_posted'), f.number(report.contracts.posted)],
    ['fig-offers', t('dash.offers_posted'), f.number(report.offers.posted)],
    ['fig-matched', t('dash.matched'), f.number(report.consumption.count)],
    ['fig-fulfilled', t('dash.fulfilled'), f.number(report.consumption.by_status.fulfilled || 0)],
    ['fig-quantity', t('dash.matched_quantity'), f.quantity(g.matched || 0, 'g')],
    ['fig-value', t('dash.value'), f.money(report.consumption.value_vnd)],
    ['fig-paid', t('dash.paid'), f.money(report.consumption.paid_vnd), t('dash.paid_share', {pct: f.percent(report.consumption.paid_pct)})],
  ];
}

// Signed value by the product's category and by the seller's district; consumptions count for
// the province as the report counts them (their contract's or their offer's place is in it).
async function valueBreakdown(province) {
  const [contracts, offers, consumptions] = await Promise.all([
    listAll('offtake.contract.list', {province}, 'contracts', 10000),
    listAll('offtake.offer.list', {province}, 'offers', 10000),
    listAll('offtake.consumption.list', {}, 'consumptions', 10000)]);
  const cIds = new Set(contracts.map(c => c.id)), oIds = new Set(offers.map(o => o.id));
  const mine = consumptions.filter(x => cIds.has(x.contract_id) || oIds.has(x.offer_id));
  const byCategory = new Map(), byDistrict = new Map();
  const add = (map, key, v) => map.set(key, (map.get(key) || 0) + v);
  for (const x of mine) {
    const category = product(x.product_id)?.category;
    add(byCategory, category ? tMaybe(`crop.${category}`) || category : t('dash.unknown'), x.value_vnd);
    add(byDistrict, district(x.seller) || t('dash.unknown'), x.value_vnd);
  }
  return {byCategory, byDistrict};
}

export async function render(ctx) {
  const province = ctx.party.province;
  const periods = months(6);
  const [report, ...monthly] = await Promise.all([
    call('offtake.report', {province}),
    ...periods.map(p => call('offtake.report', {province, from: p.from, to: p.to}))]);
  const {byCategory, byDistrict} = await valueBreakdown(province);
  const coops = report.parties.filter(p => kSellerKinds.includes(party(p.party)?.kind));

  const overTime = h('canvas', {id: 'chart-time', role: 'img', 'aria-label': t('dash.over_time')});
  const categoryCanvas = h('canvas', {id: 'chart-category', role: 'img', 'aria-label': t('dash.by_category')});
  const districtCanvas = h('canvas', {id: 'chart-district', role: 'img', 'aria-label': t('dash.by_district')});
  const rateCanvas = h('canvas', {id: 'chart-rate', role: 'img', 'aria-label': t('dash.rate')});
  // Drawn once the page is in place: Chart.js sizes a canvas by its box.
  setTimeout(async () => {
    await barChart(ctx.config, overTime, periods.map(p => p.label), [
      {label: t('dash.contracts_posted'), data: monthly.map(r => r.contracts.posted)},
      {label: t('dash.matched'), data: monthly.map(r => r.consumption.count)},
      {label: t('dash.fulfilled'), data: monthly.map(r => r.consumption.by_status.fulfilled || 0)}]);
    await barChart(ctx.config, categoryCanvas, [...byCategory.keys()],
                   [{label: t('dash.value'), data: [...byCategory.values()]}], {horizontal: true, format: f.money});
    await barChart(ctx.config, districtCanvas, [...byDistrict.keys()],
                   [{label: t('dash.value'), data: [...byDistrict.values()]}], {horizontal: true, format: f.money});
    await barChart(ctx.config, rateCanvas, coops.map(p => partyName(p.party)),
                   [{label: t('dash.rate'), data: coops.map(p => p.fulfilment_rate_pct ?? 0)}],
                   {horizontal: true, format: v => f.percent(v)});
  }, 0);

  const exportCsv = () => download(`bao-cao-${province}-${f.today()}.csv`, toCsv(
    [t('csv.section'), t('csv.item'), t('csv.value')],
    [[t('dash.headline'), t('dash.contracts_posted'), report.contracts.posted],
     [t('dash.headline'), t('dash.offers_posted'), report.offers.posted],
     [t('dash.headline'), t('dash.matched'), report.consumption.count],
     [t('dash.headline'), t('dash.fulfilled'), report.consumption.by_status.fulfilled || 0],
     [t('dash.headline'), `${t('dash.matched_quantity')} (kg)`, plainQuantity(report.contracts.by_unit.g?.matched || 0, 'g')],
     [t('dash.headline'), `${t('dash.value')} (VND)`, report.consumption.value_vnd],
     [t('dash.headline'), `${t('dash.paid')} (VND)`, report.consumption.paid_vnd],
     ...periods.flatMap((p, i) => [
       [t('dash.over_time'), `${p.label} · ${t('dash.contracts_posted')}`, monthly[i].contracts.posted],
       [t('dash.over_time'), `${p.label} · ${t('dash.matched')}`, monthly[i].consumption.count],
       [t('dash.over_time'), `${p.label} · ${t('dash.fulfilled')}`, monthly[i].consumption.by_status.fulfilled || 0]]),
     ...[...byCategory].map(([k, v]) => [t('dash.by_category'), k, v]),
     ...[...byDistrict].map(([k, v]) => [t('dash.by_district'), k, v]),
     ...coops.map(p => [t('dash.rate'), partyName(p.party), p.fulfilment_rate_pct ?? ''])]));

  ctx.live(['offtake.consumption.', 'offtake.contract.', 'offtake.offer.', 'offtake.payment.', 'offtake.delivery.'],
           () => ctx.rerender());
  return h('section', {},
    h('h1', {}, t('dash.title', {province})),
    h('div', {class: 'actions'}, h('button', {type: 'button', class: 'secondary', id: 'export-csv', onclick: exportCsv},
                                   t('action.export_csv'))),
    h('div', {class: 'figures', id: 'headline'}, headline(report).map(([id, l, v, x]) => figure(id, l, v, x))),
    h('div', {class: 'grid2'},
      h('div', {class: 'chart-box'}, h('h2', {}, t('dash.over_time')), h('div', {class: 'chart-area'}, overTime)),
      h('div', {class: 'chart-box'}, h('h2', {}, t('dash.rate')), h('div', {class: 'chart-area'}, rateCanvas)),
      h('div', {class: 'chart-box'}, h('h2', {}, t('dash.by_category')), h('div', {class: 'chart-area'}, categoryCanvas)),
      h('div', {class: 'chart-box'}, h('h2', {}, t('dash.by_district')), districtCanvas)),
    h('h2', {}, t('dash.coops')),
    table([
      {label: t('dash.coop'), value: p => partyName(p.party)},
      {label: t('dash.contracts'), class: 'num', value: p => f.number(p.contracts)},
      {label: t('dash.open'), class: 'num', value: p => f.number(p.open)},
      {label: t('dash.fulfilled'), class: 'num', value: p => f.number(p.fulfilled)},
      {label: t('dash.breached'), class: 'num', value: p => f.number(p.breached)},
      {label: t('dash.rate'), class: 'num', value: p => f.percent(p.fulfilment_rate_pct)},
    ], coops, t('dash.no_coops')),
    h('p', {}, h('a', {href: '/app/alerts'}, t('dash.see_alerts'))));
}
