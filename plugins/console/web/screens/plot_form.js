// Registering a household's plot: its outline drawn by tapping the corners on the map, or
// imported from a GeoJSON file (from a GPS app); the area follows from the outline.
import {h, field, fill, notice, formValues} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {onSubmit, Invalid} from '../forms.js';
import {createMap, drawOutline, polygonFromGeoJSON, areaM2} from '../map.js';

const kCrops = ['tea', 'pomelo', 'rice', 'cashew', 'mango', 'durian', 'banana', 'orange', 'garlic', 'coffee'];

export async function render(ctx) {
  const household = h('input', {name: 'household_id', required: true, autocomplete: 'off', spellcheck: 'false'});
  const name = h('input', {name: 'household_name', required: true});
  const crop = h('input', {name: 'crop', required: true, list: 'crops'});
  const area = h('input', {name: 'area_m2', inputmode: 'numeric', required: true});
  const scheme = h('input', {name: 'certification.scheme', list: 'schemes'});
  const number = h('input', {name: 'certification.number'});
  const expires = h('input', {name: 'certification.expires', type: 'date'});
  const status = h('p', {class: 'hint', 'aria-live': 'polite'}, t('plot.outline_none'));
  const mapEl = h('div', {class: 'map tall', id: 'draw-map', role: 'application', 'aria-label': t('plot.draw_label')});
  const file = h('input', {type: 'file', accept: '.geojson,.json,application/geo+json,application/json', id: 'geojson-file'});
  let drawing = null;
  const changed = points => {
    status.textContent = points.length ? t('plot.outline_points', {n: points.length}) : t('plot.outline_none');
    if (points.length >= 3) area.value = String(Math.round(areaM2(points)));
  };
  createMap(mapEl, ctx.config, [ctx.party?.lat || 21.3, ctx.party?.lon || 105.2], 15)
    .then(({L, map}) => { drawing = drawOutline(L, map, changed); });
  const fileMessage = h('div', {'aria-live': 'polite'});
  file.addEventListener('change', async () => {
    fill(fileMessage);
    try {
      drawing?.set(polygonFromGeoJSON(await file.files[0].text()));
    } catch {
      fill(fileMessage, notice(t('plot.geojson_bad'), 'error'));
    }
  });
  const form = h('form', {class: 'card', id: 'plot-form', novalidate: true},
    h('div', {class: 'row'}, field(t('plot.household_id'), household, t('plot.household_id_hint')),
      field(t('plot.household'), name)),
    field(t('plot.crop'), crop),
    h('datalist', {id: 'crops'}, kCrops.map(c => h('option', {value: c}, t(`crop.${c}`)))),
    h('fieldset', {}, h('legend', {}, t('plot.outline')),
      h('p', {class: 'hint'}, t('plot.draw_hint')), mapEl, status,
      h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', onclick: () => drawing?.undo()}, t('plot.undo')),
        h('button', {type: 'button', class: 'secondary', onclick: () => drawing?.clear()}, t('plot.clear'))),
      field(t('plot.import'), file, t('plot.import_hint')), fileMessage),
    field(t('plot.area_m2'), area, t('plot.area_hint')),
    h('details', {}, h('summary', {}, t('plot.certification')),
      field(t('plot.scheme'), scheme), h('datalist', {id: 'schemes'}, ['VietGAP', 'GlobalGAP', 'Organic'].map(s => h('option', {value: s}))),
      field(t('plot.cert_number'), number), field(t('plot.cert_expires'), expires)),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, t('plots.register')),
      h('a', {class: 'button secondary', href: '/app/plots'}, t('action.cancel'))));
  onSubmit(form, {
    build() {
      const v = formValues(form);
      const points = drawing?.points() || [];
      if (points.length > 0 && points.length < 3) throw new Invalid('area_m2', t('plot.outline_short'));
      if (points.length < 3) throw new Invalid('area_m2', t('plot.outline_needed'));
      const m2 = Number(String(v.area_m2).replace(/[.,\s]/g, ''));
      if (!Number.isInteger(m2) || m2 < 1) throw new Invalid('area_m2', t('form.bad_number'));
      const body = {household_id: v.household_id, household_name: v.household_name, crop: v.crop,
                    area_m2: m2, polygon: points};
      if (v['certification.scheme'])
        body.certification = {scheme: v['certification.scheme'], expires: v['certification.expires'],
                              ...(v['certification.number'] ? {number: v['certification.number']} : {})};
      return ['farming.plot.register', body];
    },
    done: r => ctx.navigate(`/app/plots/${encodeURIComponent(r.plot.id)}`),
  });
  return h('section', {}, h('h1', {}, t('plots.new')), form);
}
