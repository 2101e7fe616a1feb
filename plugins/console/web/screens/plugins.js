// The node and its plugins: versions, what each serves, and whether it is healthy (a plugin
// that hung is quarantined and its messages answered "unavailable").
import {call} from '../api.js';
import {h, table} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';

export async function render(ctx) {
  const [info, ready] = await Promise.all([
    call('node.info', {}),
    fetch('/readyz').then(r => r.json()).catch(() => ({}))]);
  const node = info.node || {};
  const facts = Object.entries(node).filter(([, v]) => typeof v !== 'object' || v === null)
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]);
  const health = p => {
    // node.info gives the reason a plugin was quarantined ("" while it is healthy).
    if (p.quarantined) return h('span', {}, h('span', {class: 'badge breached'}, t('plugins.quarantined')), ' ',
                                typeof p.quarantined === 'string' ? p.quarantined : '');
    return h('span', {class: 'badge fulfilled'}, t('plugins.ok'));
  };
  return h('section', {}, h('h1', {}, t('plugins.title')),
    h('p', {}, ready.status === 'ready' ? t('plugins.ready', {seq: f.number(ready.last_seq ?? 0)}) : t('plugins.not_ready')),
    h('dl', {class: 'facts', id: 'node-facts'}, facts),
    table([
      {label: t('plugins.name'), value: p => p.name},
      {label: t('plugins.version'), value: p => p.version || ''},
      {label: t('plugins.prefixes'), value: p => (p.prefixes || []).join(', ')},
      {label: t('plugins.kind'), value: p => (p.builtin ? t('plugins.builtin') : p.path || '')},
      {label: t('plugins.health'), value: health},
    ], info.plugins || [], t('plugins.none')));
}
