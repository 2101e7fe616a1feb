// The province on a map: its cooperatives (a dot sized by members) and their plots' outlines.
import {listAll} from '../api.js';
import {h, table} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {createMap, point, fit} from '../map.js';
import {drawPlots, cropName} from './plots.js';
import {kSellerKinds} from '../roles.js';

export async function render(ctx) {
  const province = ctx.party.province;
  const parties = await listAll('party.list', {province}, 'parties');
  const coops = parties.filter(p => kSellerKinds.includes(p.kind));
  // One paged read of every plot rather than one per cooperative (a province has hundreds).
  const ids = new Set(coops.map(c => c.id));
  const plots = (await listAll('farming.plot.list', {}, 'plots', 20000)).filter(p => ids.has(p.cooperative));
  const mapEl = h('div', {class: 'map tall', id: 'union-map', role: 'region', 'aria-label': t('map.label', {province})});
  createMap(mapEl, ctx.config, [ctx.party.lat, ctx.party.lon], 9).then(({L, map}) => {
    const dots = coops.map(c => point(L, c.lat, c.lon, {color: '#2f7bbf', radius: 6 + Math.min(10, Math.sqrt(c.members || 0)),
                                                        label: `${c.name} · ${t('map.members', {n: c.members})}`}).addTo(map));
    const outlines = drawPlots(L, map, plots, ctx.navigate);
    fit(L, map, [...dots, ...outlines]);
  });
  return h('section', {}, h('h1', {}, t('map.title', {province})), mapEl,
    h('h2', {}, t('map.coops', {n: coops.length})),
    table([
      {label: t('dash.coop'), value: c => c.name},
      {label: t('map.kind'), value: c => t(`kind.${c.kind}`)},
      {label: t('map.members_col'), class: 'num', value: c => f.number(c.members)},
      {label: t('map.plots'), class: 'num', value: c => f.number(plots.filter(p => p.cooperative === c.id).length)},
      {label: t('map.crops'), value: c => [...new Set(plots.filter(p => p.cooperative === c.id).map(p => cropName(p.crop)))].join(', ')},
    ], coops, t('map.no_coops')));
}
