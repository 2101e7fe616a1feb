// The cooperative's plots (lô / vùng trồng) on a map and in a list; each opens its diary.
import {listAll} from '../api.js';
import {h, table} from '../dom.js';
import {t, tMaybe} from '../i18n.js';
import * as f from '../format.js';
import {createMap, outline, point, fit} from '../map.js';
import {canWrite} from '../roles.js';

export function cropName(crop) { return tMaybe(`crop.${crop}`) || crop; }

// Draws plots on a map: outlines when known, else their point. Tapping one opens it.
export function drawPlots(L, map, plots, navigate) {
  const layers = plots.map(p => {
    const label = `${p.household_name} · ${cropName(p.crop)} · ${f.area(p.area_m2)}`;
    const layer = p.polygon ? outline(L, p.polygon, {label}) : point(L, p.location.lat, p.location.lon, {label});
    layer.on('click', () => navigate(`/app/plots/${encodeURIComponent(p.id)}`));
    return layer.addTo(map);
  });
  fit(L, map, layers);
  return layers;
}

export async function render(ctx) {
  const plots = await listAll('farming.plot.list', {cooperative: ctx.user.party}, 'plots');
  const mapEl = h('div', {class: 'map', id: 'plots-map', role: 'region', 'aria-label': t('plots.map')});
  createMap(mapEl, ctx.config, [ctx.party?.lat || 21.3, ctx.party?.lon || 105.2], 12)
    .then(({L, map}) => drawPlots(L, map, plots, ctx.navigate));
  return h('section', {}, h('h1', {}, t('plots.title')),
    canWrite(ctx.user) ? h('div', {class: 'actions'}, h('a', {class: 'button', href: '/app/plots/new'}, t('plots.new'))) : null,
    mapEl,
    h('h2', {}, t('plots.list', {n: plots.length})),
    table([
      {label: t('plot.household'), value: p => h('a', {class: 'household', href: `/app/plots/${encodeURIComponent(p.id)}`}, p.household_name)},
      {label: t('plot.id'), value: p => p.id},
      {label: t('plot.crop'), value: p => cropName(p.crop)},
      {label: t('plot.area'), class: 'num', value: p => f.area(p.area_m2)},
      {label: t('plot.certification'), value: p => (p.certification ? `${p.certification.scheme} (${t('plot.until', {date: f.date(p.certification.expires)})})` : '–')},
    ], plots, t('plots.none')));
}
