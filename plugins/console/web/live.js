// Live updates: the node's event stream (GET /api/v1/events, Server-Sent Events; the browser
// sends the session cookie and reconnects by itself with Last-Event-ID). The node already keeps
// to each user the events that concern their party; a screen says which prefixes matter to it
// and is refreshed, once per burst, when one arrives.
//
// A browser holds at most six HTTP/1.1 connections to one node and each open stream keeps one,
// so the console's tabs share a single stream: the tab holding the lock "lk.events" reads it and
// passes each event type to the others over a BroadcastChannel. A page leaving for the
// back-forward cache closes its stream and lets another tab take over.

// SSE delivers named events only to listeners of that name, so the types are listed here.
const kTypes = [
  'offtake.contract.posted', 'offtake.contract.amended', 'offtake.contract.cancelled',
  'offtake.offer.posted', 'offtake.offer.withdrawn', 'offtake.proposal.created', 'offtake.match.completed',
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

const channel = 'BroadcastChannel' in window ? new BroadcastChannel('lk.events') : null;
// Web Locks exist only in secure contexts (https, or the node on loopback): elsewhere each tab
// reads its own stream.
const shared = Boolean(channel && navigator.locks);
let source = null;
let release = null;   // lets go of the lock (this tab stops reading the stream)
let wanted = false;
let watchers = [];
let timer = null;
let pending = new Set();

if (channel) channel.onmessage = e => arrived(e.data);

function open() {
  source = new EventSource('/api/v1/events');
  for (const type of kTypes) source.addEventListener(type, () => {
    arrived(type);
    channel?.postMessage(type);
  });
  source.addEventListener('open', () => document.body.classList.add('live'));
  source.addEventListener('error', () => document.body.classList.remove('live'));
}

function close() {
  if (source) source.close();
  source = null;
  if (release) release();
  release = null;
}

// Reads the stream in this tab, or waits for the lock to do so. Each call makes the ones before
// it stale, so a lock granted late to an old request lets go at once.
let generation = 0;
function connect() {
  const mine = ++generation;
  if (!shared) return open();
  // Another tab may read for us meanwhile; the dot shows the stream is looked after.
  document.body.classList.add('live');
  navigator.locks.request('lk.events', () => new Promise(resolve => {
    if (mine !== generation || !wanted) return resolve();
    release = resolve;
    open();
  }));
}

export function start() {
  if (wanted) return;
  wanted = true;
  connect();
}

export function stop() {
  wanted = false;
  watchers = watchers.filter(w => w.always);
  generation++;
  close();
  document.body.classList.remove('live');
}

// Hidden for the back-forward cache: let the stream go, keep the screen's watchers.
window.addEventListener('pagehide', () => { generation++; close(); });
window.addEventListener('pageshow', e => { if (e.persisted && wanted) connect(); });

// A phone that comes back to the console may have missed what happened meanwhile (and some events
// name no party, so they never reach it): the open screen reads again.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') for (const w of watchers) w.refresh();
});

// A screen's refresh for events whose type starts with one of `prefixes`; forgotten when the
// screen changes (clearWatchers).
export function watch(prefixes, refresh) { watchers.push({prefixes, refresh}); }
export function clearWatchers() { watchers = watchers.filter(w => w.always); }
// A watcher of the whole console (the names of parties and products), kept across screens.
export function watchAlways(prefixes, refresh) { watchers.push({prefixes, refresh, always: true}); }

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
