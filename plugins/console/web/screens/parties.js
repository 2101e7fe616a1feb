// The node admin's registry of parties: who takes part, and registering a new one.
import {listAll} from '../api.js';
import {h, fill, field, select, table, formValues} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {onSubmit, Invalid} from '../forms.js';
import {createMap, pickPoint} from '../map.js';
import {loadDirectory} from '../directory.js';

const kKinds = ['cooperative', 'cooperative_group', 'cooperative_union', 'enterprise', 'distributor', 'retailer'];

export async function render(ctx) {
  const list = h('div', {id: 'party-list'});
  const load = async () => {
    const parties = await listAll('party.list', {}, 'parties', 5000);
    fill(list, table([
      {label: t('party.id'), value: p => p.id},
      {label: t('party.name'), value: p => p.name},
      {label: t('map.kind'), value: p => t(`kind.${p.kind}`)},
      {label: t('party.province'), value: p => (p.district ? `${p.district}, ${p.province}` : p.province)},
      {label: t('map.members_col'), class: 'num', value: p => f.number(p.members)},
      {label: t('party.registered_at'), value: p => f.dateTime(p.registered_at)},
    ], parties, t('party.none')));
  };
  await load();
  ctx.live(['party.'], load);

  const lat = h('input', {name: 'lat', inputmode: 'decimal', required: true});
  const lon = h('input', {name: 'lon', inputmode: 'decimal', required: true});
  const mapEl = h('div', {class: 'map', role: 'application', 'aria-label': t('place.map_label')});
  createMap(mapEl, ctx.config, [21.3, 105.2], 7).then(({L, map}) => pickPoint(L, map, null, p => { lat.value = p.lat; lon.value = p.lon; }));
  const form = h('form', {class: 'card', id: 'party-form', novalidate: true}, h('h2', {}, t('party.register')),
    h('div', {class: 'row'}, field(t('party.id'), h('input', {name: 'id', spellcheck: 'false'}), t('party.id_hint')),
      field(t('party.name'), h('input', {name: 'name', required: true}))),
    h('div', {class: 'row'}, field(t('map.kind'), select('kind', kKinds.map(k => [k, t(`kind.${k}`)]), 'cooperative')),
      field(t('party.province'), h('input', {name: 'province', required: true}))),
    h('div', {class: 'row'}, field(t('party.district'), h('input', {name: 'district'}), t('party.district_hint')),
      field(t('map.members_col'), h('input', {name: 'members', inputmode: 'numeric'}))),
    h('p', {class: 'hint'}, t('place.tap_hint')), mapEl,
    h('div', {class: 'row'}, field(t('place.lat'), lat), field(t('place.lon'), lon)),
    h('button', {type: 'submit'}, t('party.register')));
  onSubmit(form, {
    build() {
      const v = formValues(form);
      if (!v.lat || !v.lon) throw new Invalid('lat', t('place.pick'));
      const body = {name: v.name, kind: v.kind, province: v.province, lat: Number(v.lat), lon: Number(v.lon)};
      if (v.id) body.id = v.id;
      if (v.members) body.members = Number(v.members);
      if (v.district) body.district = v.district;  // the union's report groups by it
      return ['party.register', body];
    },
    async done() { form.reset(); await Promise.all([load(), loadDirectory()]); },
  });
  return h('section', {}, h('h1', {}, t('parties.title')), form, list);
}
