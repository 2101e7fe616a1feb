// Connectors (webhooks, CSV exports, …) and the node's durable subscribers: where each stands,
// and the events they could not deliver (dead letters), with a button to try them again.
import {call, action, describe} from '../api.js';
import {h, fill, notice, table} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';

export async function render(ctx) {
  const body = h('div', {});
  const message = h('div', {'aria-live': 'polite'});
  const run = action();
  const replay = async (type, b) => {
    fill(message);
    try { const r = await run(type, b); fill(message, notice(t('connectors.replaying', {n: r.replaying ?? (r.delivered ? 1 : 0)}))); await load(); }
    catch (err) { fill(message, notice(describe(err), 'error')); }
  };
  const load = async () => {
    const [{connectors}, subs] = await Promise.all([
      call('connector.status', {}), call('node.subscriber.status', {}).catch(() => ({subscribers: []}))]);
    const letters = await Promise.all(connectors.map(c => (c.dead_letters
      ? call('connector.deadletter.list', {connector: c.connector, limit: 100}).then(r => r.dead_letters).catch(() => [])
      : Promise.resolve([]))));
    const subLetters = await Promise.all(subs.subscribers.map(s => (s.dead_letters
      ? call('node.subscriber.deadletter.list', {plugin: s.plugin, limit: 100}).then(r => r.dead_letters).catch(() => [])
      : Promise.resolve([]))));
    fill(body,
      table([
        {label: t('connectors.name'), value: c => c.connector},
        {label: t('connectors.state'), value: c => h('span', {class: `badge ${c.state === 'retrying' || c.state === 'stopped' ? 'breached' : 'open'}`}, t(`connector.state.${c.state}`))},
        {label: t('connectors.lag'), class: 'num', value: c => f.number(c.lag)},
        {label: t('connectors.delivered'), class: 'num', value: c => f.number(c.delivered ?? 0)},
        {label: t('connectors.dead'), class: 'num', value: c => f.number(c.dead_letters ?? 0)},
        {label: t('connectors.last_success'), value: c => f.dateTime(c.last_success_at)},
        {label: t('connectors.last_error'), value: c => (c.last_error ? `${c.last_error.code}: ${c.last_error.message}` : '–')},
      ], connectors, t('connectors.none')),
      connectors.map((c, i) => (letters[i].length ? h('div', {class: 'card'},
        h('h2', {}, t('connectors.dead_of', {name: c.connector})),
        h('div', {class: 'actions'}, h('button', {type: 'button', onclick: () => replay('connector.deadletter.replay', {connector: c.connector})},
                                       t('connectors.replay_all'))),
        table([
          {label: 'seq', class: 'num', value: d => String(d.seq)},
          {label: t('connectors.event'), value: d => d.type},
          {label: t('connectors.attempts'), class: 'num', value: d => String(d.attempts)},
          {label: t('connectors.error'), value: d => (d.error?.message || d.error?.code || JSON.stringify(d.error))},
          {label: t('proposal.actions'), value: d => h('button', {type: 'button', class: 'secondary replay',
            onclick: () => replay('connector.deadletter.replay', {connector: c.connector, seqs: [d.seq]})}, t('connectors.replay'))},
        ], letters[i], '')) : null)),
      h('h2', {}, t('connectors.subscribers')),
      table([
        {label: t('connectors.plugin'), value: s => s.plugin},
        {label: t('connectors.lag'), class: 'num', value: s => f.number(s.lag)},
        {label: t('connectors.dead'), class: 'num', value: s => f.number(s.dead_letters)},
        {label: t('connectors.last_error'), value: s => s.last_error || '–'},
      ], subs.subscribers, t('connectors.no_subscribers')),
      subs.subscribers.map((s, i) => (subLetters[i].length ? h('div', {class: 'card'},
        h('h2', {}, t('connectors.dead_of', {name: s.plugin})),
        table([
          {label: 'seq', class: 'num', value: d => String(d.event.seq)},
          {label: t('connectors.event'), value: d => d.event.type},
          {label: t('connectors.error'), value: d => d.error.message},
          {label: t('proposal.actions'), value: d => h('button', {type: 'button', class: 'secondary replay',
            onclick: () => replay('node.subscriber.deadletter.replay', {plugin: s.plugin, seq: d.event.seq})}, t('connectors.replay'))},
        ], subLetters[i], '')) : null)));
  };
  await load();
  return h('section', {}, h('h1', {}, t('connectors.title')), message,
    h('div', {class: 'actions'}, h('button', {type: 'button', class: 'secondary', onclick: load}, t('action.refresh'))), body);
}
