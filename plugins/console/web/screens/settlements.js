// Season settlements (quyết toán) of the cooperative's farming agreements: compute one, open the
// latest, print the households' statements.
import {call, action, describe} from '../api.js';
import {h, fill, notice, table} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {partyName, productName} from '../directory.js';
import {canWrite} from '../roles.js';

export async function render(ctx) {
  const list = h('div', {id: 'agreement-list'});
  const message = h('div', {'aria-live': 'polite'});
  const run = action();
  const compute = async a => {
    fill(message);
    try {
      const {settlement} = await run('farming.settlement.compute', {agreement_id: a.id});
      ctx.navigate(`/app/settlements/${settlement.id}`);
    } catch (err) { fill(message, notice(describe(err), 'error')); }
  };
  const load = async () => {
    const {agreements} = await call('farming.agreement.list', {party: ctx.user.party});
    fill(list, table([
      {label: t('agreement.id'), value: a => a.id},
      {label: t('agreement.enterprise'), value: a => partyName(a.enterprise)},
      {label: t('proposal.product'), value: a => productName(a.product_id)},
      {label: t('agreement.state'), value: a => (a.settled ? t('agreement.settled') : a.in_force ? t('agreement.in_force') : t('agreement.proposed'))},
      {label: t('settlement.latest'), value: a => (a.last_settlement
        ? h('a', {href: `/app/settlements/${a.last_settlement.id || a.last_settlement}`}, a.last_settlement.id || a.last_settlement) : '–')},
      {label: t('proposal.actions'), value: a => (canWrite(ctx.user) && a.in_force && !a.settled
        ? h('button', {type: 'button', class: 'secondary', onclick: () => compute(a)}, t('settlement.compute')) : '')},
    ], agreements, t('agreement.none')));
  };
  await load();
  ctx.live(['farming.settlement.', 'farming.agreement.'], load);
  return h('section', {}, h('h1', {}, t('settlements.title')), h('p', {class: 'hint'}, t('settlements.intro')), message, list);
}
