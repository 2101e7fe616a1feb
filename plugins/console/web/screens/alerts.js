// Open alerts for the province: consumption contracts in breach (goods short or unpaid) or about
// to be (the window closes within a week, most of the goods still missing), and
// farming alerts: a household delivering far less than its plot should (possible side-selling),
// an agreement falling short; plots waiting out a pre-harvest interval are listed apart, as they
// are no alarm.
import {call, listAll} from '../api.js';
import {h, table} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {party, partyName} from '../directory.js';

const kShortfallDays = 7;

export async function render(ctx) {
  const province = ctx.party.province;
  const inProvince = id => party(id)?.province === province;
  const [consumptions, farming] = await Promise.all([
    listAll('offtake.consumption.list', {}, 'consumptions', 10000),
    call('farming.alerts', {}).catch(() => ({alerts: [], waiting: []}))]);
  const mine = consumptions.filter(x => inProvince(x.seller) || inProvince(x.buyer));
  const breaches = mine.filter(x => x.status === 'breached');
  // Not yet in breach but likely to be: the delivery window ends within a week and less than
  // four fifths of the goods have been accepted.
  const soon = f.addDays(f.today(), kShortfallDays);
  const shortfalls = mine.filter(x => (x.status === 'signed' || x.status === 'delivering') &&
                                      x.deliver_to <= soon && x.accepted * 5 < x.quantity * 4);
  const alerts = farming.alerts.filter(a => inProvince(a.cooperative));
  const waiting = (farming.waiting || []).filter(a => inProvince(a.cooperative));
  // Alerts name the plot and the household's id; people know the household by its name.
  const plotIds = [...new Set([...alerts, ...waiting].map(a => a.plot_id).filter(Boolean))];
  const plots = new Map((await Promise.all(plotIds.map(id => call('farming.plot.get', {id})
    .then(r => r.plot).catch(() => null)))).filter(Boolean).map(p => [p.id, p]));
  const plotLink = a => h('a', {href: `/app/plots/${encodeURIComponent(a.plot_id)}`},
                          plots.has(a.plot_id) ? `${plots.get(a.plot_id).household_name} (${a.plot_id})` : a.plot_id);
  ctx.live(['offtake.consumption.', 'offtake.delivery.', 'farming.'], () => ctx.rerender());

  const kindText = a => t(`alert.kind.${a.kind}`);
  const whatText = a => (a.kind === 'shortfall'
    ? t('alert.shortfall_text', {delivered: f.quantity(a.delivered, a.unit), expected: f.quantity(a.expected, a.unit),
                                 end: f.date(a.window_end), days: a.days_left})
    : t('alert.low_yield_text', {delivered: f.quantity(a.delivered, a.unit), due: f.quantity(a.due_by_now, a.unit)}));
  return h('section', {}, h('h1', {}, t('alerts.title', {province})),
    h('h2', {}, t('alerts.breaches', {n: breaches.length})),
    table([
      {label: t('consumption.id'), value: x => h('a', {href: `/app/consumptions/${x.id}`}, x.id)},
      {label: t('proposal.seller'), value: x => partyName(x.seller)},
      {label: t('proposal.buyer'), value: x => partyName(x.buyer)},
      {label: t('alert.at_fault'), value: x => partyName(x[x.at_fault])},
      {label: t('alert.what'), value: x => t('alert.breach_text', {accepted: f.quantity(x.accepted, x.unit),
        quantity: f.quantity(x.quantity, x.unit), paid: f.money(x.paid_vnd), value: f.money(x.value_vnd)})},
    ], breaches, t('alerts.no_breaches')),
    h('h2', {}, t('alerts.shortfalls', {n: shortfalls.length, days: kShortfallDays})),
    table([
      {label: t('consumption.id'), class: 'id', value: x => h('a', {href: `/app/consumptions/${x.id}`}, x.id)},
      {label: t('proposal.seller'), value: x => partyName(x.seller)},
      {label: t('proposal.buyer'), value: x => partyName(x.buyer)},
      {label: t('consumption.deliver_by'), value: x => f.date(x.deliver_to)},
      {label: t('alert.what'), value: x => t('alert.shortfall_offtake', {accepted: f.quantity(x.accepted, x.unit),
        quantity: f.quantity(x.quantity, x.unit)})},
    ], shortfalls, t('alerts.no_shortfalls')),
    h('h2', {}, t('alerts.farming', {n: alerts.length})),
    table([
      {label: t('alert.kind'), value: kindText},
      {label: t('dash.coop'), value: a => partyName(a.cooperative)},
      {label: t('alert.where'), value: a => (a.plot_id ? plotLink(a) : a.agreement_id)},
      {label: t('alert.what'), value: whatText},
    ], alerts, t('alerts.no_farming')),
    h('h2', {}, t('alerts.waiting', {n: waiting.length})),
    h('p', {class: 'hint'}, t('alerts.waiting_intro')),
    table([
      {label: t('dash.coop'), value: a => partyName(a.cooperative)},
      {label: t('alert.where'), value: plotLink},
      {label: t('alert.allowed_from'), value: a => f.date(a.harvest_allowed_from)},
      {label: t('diary.active_ingredient'), value: a => `${a.active_ingredient} (${f.date(a.applied_on)})`},
    ], waiting, t('alerts.no_waiting')));
}
