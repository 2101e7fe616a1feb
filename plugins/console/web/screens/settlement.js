// One settlement: the cooperative's totals and a statement per household (deliveries priced,
// advances and interest shared out, net to be paid), laid out to print one household per page.
import {call, action, describe} from '../api.js';
import {h, fill, notice, table} from '../dom.js';
import {t, currentLanguage, loadLanguage} from '../i18n.js';
import * as f from '../format.js';
import {partyName, productName} from '../directory.js';
import {canWrite} from '../roles.js';

function totals(s) {
  const rows = [[t('settlement.quantity'), f.quantity(s.totals.quantity, s.unit)],
    [t('settlement.gross'), f.money(s.totals.gross_vnd)], [t('settlement.advances'), f.money(s.totals.advances_vnd)],
    [t('settlement.interest'), f.money(s.totals.interest_vnd)], [t('settlement.deductions'), f.money(s.totals.deductions_vnd)],
    [t('settlement.net'), f.money(s.totals.net_payable_vnd)]];
  return h('dl', {class: 'facts'}, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

// One household's statement: its deliveries, the lines of its account, its deductions, its net.
function statement(s, hh) {
  const deliveries = s.deliveries.filter(d => d.household_id === hh.household_id);
  return h('article', {class: 'card statement'},
    h('p', {class: 'print-only'}, t('settlement.print_heading', {coop: partyName(s.cooperative)})),
    h('h2', {}, t('settlement.household', {name: hh.household_name})),
    h('p', {}, t('settlement.statement_intro', {enterprise: partyName(s.enterprise), product: productName(s.product_id),
                                                 date: f.date(s.date)})),
    table([
      {label: t('harvest.date'), value: d => f.date(d.date)},
      {label: t('harvest.lot'), value: d => d.lot_id},
      {label: t('harvest.grade'), value: d => d.grade},
      {label: t('harvest.quantity'), class: 'num', value: d => f.quantity(d.quantity, s.unit)},
      {label: t('proposal.price'), class: 'num', value: d => f.price(d.unit_price_vnd, s.unit)},
    ], deliveries, t('harvest.none')),
    // The node's own wording of each line (goods by grade, advances, fee, tax, penalties, debts
    // carried over), in Vietnamese as the household reads it.
    hh.statement ? table([
      {label: t('settlement.item'), value: i => i.text},
      {label: t('settlement.amount'), class: 'num', value: i => f.money(i.amount_vnd)},
    ], hh.statement, t('settlement.no_items')) : null,
    h('dl', {class: 'facts'},
      [[t('settlement.quantity'), f.quantity(hh.quantity, s.unit)], [t('settlement.gross'), f.money(hh.gross_vnd)],
       [t('settlement.deduction_share'), f.money(hh.deduction_vnd)],
       [hh.net_vnd < 0 ? t('settlement.owes') : t('settlement.to_pay'), h('strong', {}, f.money(Math.abs(hh.net_vnd)))]]
        .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h('div', {class: 'signatures print-only'}, h('div', {}, t('settlement.sign_household')), h('div', {}, t('settlement.sign_coop'))));
}

// Statements go to member households in Vietnamese, whatever language the screen is read in.
async function printInVietnamese(ctx) {
  const was = currentLanguage();
  await loadLanguage('vi');
  await ctx.rerender();
  window.print();
  await loadLanguage(was);
  await ctx.rerender();
}

export async function render(ctx) {
  const id = ctx.params.id;
  const body = h('div', {});
  const message = h('div', {'aria-live': 'polite'});
  const run = action();
  const load = async () => {
    const {settlement: s} = await call('farming.settlement.get', {settlement_id: id});
    const confirmed = s.confirmations?.[ctx.user.party];
    fill(body,
      h('p', {}, t('settlement.summary', {agreement: s.agreement_id, enterprise: partyName(s.enterprise),
                                          date: f.date(s.date)}), ' ',
        h('span', {class: `badge ${s.status}`}, t(`status.${s.status}`))),
      totals(s),
      h('div', {class: 'actions'},
        h('button', {type: 'button', onclick: () => window.print()}, t('settlement.print')),
        currentLanguage() !== 'vi' ? h('button', {type: 'button', class: 'secondary', lang: 'vi',
                                                   onclick: () => printInVietnamese(ctx)}, t('settlement.print_vi')) : null,
        canWrite(ctx.user) && s.status === 'computed' && !confirmed && [s.cooperative, s.enterprise].includes(ctx.user.party)
          ? h('button', {type: 'button', class: 'secondary', onclick: async () => {
              try { await run('farming.settlement.confirm', {settlement_id: id}); await load(); }
              catch (err) { fill(message, notice(describe(err), 'error')); }
            }}, t('settlement.confirm')) : null),
      h('p', {class: 'hint no-print'}, s.rounding),
      s.households.map(hh => statement(s, hh)));
  };
  await load();
  ctx.live(['farming.settlement.'], load);
  return h('section', {}, h('p', {class: 'no-print'}, h('a', {href: '/app/settlements'}, `← ${t('settlements.title')}`)),
           h('h1', {}, t('settlement.title', {id})), message, body);
}
