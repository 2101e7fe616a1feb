// Live updates: the node's event stream (GET /api/v1/events, Server-Sent Events; the browser
// sends the session cookie and reconnects by itself with Last-Event-ID). The node already keeps
// to each user the events that concern their party; a screen says which prefixes matter to it
// and is refreshed, once per burst, when one arrives.

// SSE delivers named events only to listeners of that name, so the types are listed here.
const kTypes = [
  'offtake.contract.posted', 'offtake.contract.cancelled', 'offtake.offer.posted',
  'offtake.offer.withdrawn', 'offtake.proposal.created', 'offtake.match.completed',
  'offtake.proposal.accepted', 'offtake.proposal.rejected', 'offtake.proposal.expired',
  'offtake.proposal.cancelled', 'offtake.consumption.signed', 'offtake.delivery.recorded',
  'offtake.delivery.accepted', 'offtake.delivery.rejected', 'offtake.payment.recorded',
  'offtake.consumption.fulfilled', 'offtake.consumption.breached',
  'farming.plot.registered', 'farming.agreement.proposed', 'farming.agreement.amended',
  'farming.agreement.signed', 'farming.market_price.set', 'farming.advance.recorded',
  'farming.diary.recorded', 'farming.harvest.recorded', 'farming.settlement.computed',
  'farming.settlement.confirmed',
  'party.registered', 'product.registered', 'token.created', 'token.revoked',
  'account.user.created', 'account.user.updated',
];

let source = null;
let watchers = [];
let timer = null;
let pending = new Set();

// A browser holds at most six HTTP/1.1 connections to one node, and each open stream keeps one.
// A page kept in the back-forward cache would keep its stream too, so the stream closes when the
// page is hidden and opens again if the page comes back.
let wanted = false;
window.addEventListener('pagehide', () => { if (source) source.close(); source = null; });
window.addEventListener('pageshow', e => { if (e.persisted && wanted) start(); });

// A phone that comes back to the console may have missed what happened meanwhile (and some events
// name no party, so they never reach it): the open screen reads again.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') for (const w of watchers) w.refresh();
});

export function start() {
  wanted = true;
  if (source) return;
  source = new EventSource('/api/v1/events');
  for (const type of kTypes) source.addEventListener(type, e => arrived(type, e));
  source.addEventListener('open', () => document.body.classList.add('live'));
  source.addEventListener('error', () => document.body.classList.remove('live'));
}

export function stop() {
  wanted = false;
  if (source) source.close();
  source = null;
  watchers = [];
}

// A screen's refresh for events whose type starts with one of `prefixes`; forgotten when the
// screen changes (clearWatchers).
export function watch(prefixes, refresh) { watchers.push({prefixes, refresh}); }
export function clearWatchers() { watchers = []; }

function arrived(type) {
  for (const w of watchers)
    if (w.prefixes.some(p => type.startsWith(p))) pending.add(w);
  if (!pending.size || timer) return;
  // A match run emits one event per proposal: refresh once for the whole burst.
  timer = setTimeout(() => {
    const due = [...pending];
    pending = new Set();
    timer = null;
    for (const w of due) if (watchers.includes(w)) w.refresh();
  }, 250);
}
