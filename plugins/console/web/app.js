// The console's shell and router. One page (index.html) serves every path under /app/; this
// script reads location.pathname, shows the top bar and the audience's navigation, and loads the
// screen's module on demand, so a page fetches only the code (and Leaflet or Chart.js) it needs.
import * as api from './api.js';
import {h, fill, notice} from './dom.js';
import {t, loadLanguage, preferredLanguage, rememberLanguage, currentLanguage} from './i18n.js';
import {setToday} from './format.js';
import * as live from './live.js';
import {audience, navigation} from './roles.js';
import {loadDirectory} from './directory.js';
import {typedValues, retype} from './forms.js';

// [pattern, module under screens/, audiences allowed]. ':x' captures a path segment.
const kRoutes = [
  ['/app/signin', 'signin', null],
  ['/app/contracts', 'contracts', ['buyer']],
  ['/app/contracts/new', 'contract_form', ['buyer']],
  ['/app/contracts/:id', 'contract', ['buyer', 'union', 'admin']],
  ['/app/offers', 'offers', ['seller']],
  ['/app/offers/new', 'offer_form', ['seller']],
  ['/app/proposals', 'proposals', ['buyer', 'seller']],
  ['/app/consumptions', 'consumptions', ['buyer', 'seller', 'union']],
  ['/app/consumptions/:id', 'consumption', ['buyer', 'seller', 'union', 'admin']],
  ['/app/plots', 'plots', ['seller']],
  ['/app/plots/new', 'plot_form', ['seller']],
  ['/app/plots/:id', 'plot', ['seller', 'union', 'admin']],
  ['/app/settlements', 'settlements', ['seller']],
  ['/app/settlements/:id', 'settlement', ['seller', 'union', 'admin']],
  ['/app/dashboard', 'dashboard', ['union']],
  ['/app/alerts', 'alerts', ['union']],
  ['/app/map', 'union_map', ['union']],
  ['/app/parties', 'parties', ['admin']],
  ['/app/users', 'users', ['admin', 'buyer', 'seller', 'union']],
  ['/app/tokens', 'tokens', ['admin', 'buyer', 'seller', 'union']],
  ['/app/connectors', 'connectors', ['admin']],
  ['/app/plugins', 'plugins', ['admin']],
];

const state = {config: null, session: null, party: null, audience: null};

function match(path) {
  const parts = path.replace(/\/+$/, '').split('/');
  for (const [pattern, module, audiences] of kRoutes) {
    const want = pattern.split('/');
    if (want.length !== parts.length) continue;
    const params = {};
    if (want.every((w, i) => (w.startsWith(':') ? (params[w.slice(1)] = decodeURIComponent(parts[i]), true)
                                                  : w === parts[i])))
      return {module, audiences, params};
  }
  return null;
}

// After moving to another screen, the keyboard focus and the screen reader start at its heading.
let moved = false;

export function navigate(path, {replace = false} = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  moved = !replace;
  render();
}

// Links inside the console change the screen without reloading the page.
document.addEventListener('click', e => {
  const a = e.target.closest('a[href^="/app/"]');
  if (!a || a.target || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  if (a.hasAttribute('download')) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', () => { moved = true; render(); });

function home() {
  return navigation(state.audience, state.session.user)[0][0];
}

function topBar() {
  const user = state.session?.user;
  const other = currentLanguage() === 'vi' ? 'en' : 'vi';
  const switcher = h('button', {type: 'button', class: 'link lang', lang: other,
                                onclick: () => switchLanguage(other)}, t(`language.${other}`));
  if (!user) return h('header', {class: 'top'}, h('span', {class: 'brand'}, 'Liên kết'), switcher);
  const who = state.party ? state.party.name : t('party.admin');
  return h('header', {class: 'top'},
    h('a', {class: 'brand', href: home()}, 'Liên kết'),
    h('span', {class: 'who'}, h('strong', {class: 'party-name'}, who),
      h('span', {class: 'user-name'}, ` · ${user.name || user.login}`)),
    h('span', {class: 'live-dot', title: t('live.on'), 'aria-hidden': 'true'}),
    switcher,
    h('button', {type: 'button', class: 'link signout', onclick: doSignOut}, t('action.sign_out')));
}

function navBar(path) {
  const items = navigation(state.audience, state.session.user);
  return h('nav', {class: 'main-nav', 'aria-label': t('nav.label')},
    h('ul', {}, items.map(([href, key]) => h('li', {},
      h('a', {href, 'aria-current': path === href || path.startsWith(href + '/') ? 'page' : null},
        t(key))))));
}

async function switchLanguage(lang) {
  rememberLanguage(lang);
  await loadLanguage(lang);
  render();
}

async function doSignOut() {
  live.stop();
  await api.signOut().catch(() => {});
  localStorage.removeItem('lk.signed_in');
  localStorage.removeItem('lk.user');
  state.session = null;
  state.party = null;
  navigate('/app/signin', {replace: true});
}

// Called by the sign-in screen once the node has set the session cookie.
export async function signedIn(session) {
  localStorage.setItem('lk.signed_in', '1');
  // GET /api/v1/session (after a reload) leaves the user's name out: keep the one sign-in gave.
  localStorage.setItem('lk.user', JSON.stringify({login: session.user.login, name: session.user.name}));
  await adopt(session);
  navigate(home(), {replace: true});
}

async function adopt(session) {
  const known = JSON.parse(localStorage.getItem('lk.user') || '{}');
  if (!session.user.name && known.login === session.user.login) session.user.name = known.name;
  state.session = session;
  state.party = null;
  if (session.user.party) {
    state.party = (await api.call('party.get', {id: session.user.party})).party;
  }
  state.audience = audience(session.user, state.party);
  if (!localStorage.getItem('lk.language')) await loadLanguage(preferredLanguage(session.user.language, state.config.language));
  live.start();
}

let renderSeq = 0;
async function render() {
  const seq = ++renderSeq;
  live.clearWatchers();
  const path = location.pathname;
  if (!state.session && path !== '/app/signin') return navigate('/app/signin', {replace: true});
  const route = match(path);
  if (state.session && (path === '/app' || path === '/app/' || path === '/app/signin'))
    return navigate(home(), {replace: true});
  const main = h('main', {id: 'main', tabindex: '-1'});
  const shell = document.getElementById('app');
  fill(shell, h('a', {class: 'skip', href: '#main'}, t('nav.skip')), topBar(),
       state.session ? navBar(path) : null, main);
  if (!route || (route.audiences && !route.audiences.includes(state.audience))) {
    fill(main, h('h1', {}, t('notfound.title')), h('p', {}, t('notfound.text')),
         h('p', {}, h('a', {href: state.session ? home() : '/app/signin'}, t('notfound.home'))));
    document.title = `${t('notfound.title')} · Liên kết`;
    return;
  }
  fill(main, h('p', {class: 'loading', role: 'status'}, t('loading')));
  try {
    const screen = await import(`./screens/${route.module}.js`);
    if (seq !== renderSeq) return;
    const ctx = screenContext(route.params, main);
    const content = await screen.render(ctx);
    if (seq !== renderSeq) return;
    fill(main, content);
    const heading = main.querySelector('h1');
    document.title = heading ? `${heading.textContent} · Liên kết` : 'Liên kết';
    if (moved && heading) {
      heading.tabIndex = -1;
      heading.focus({preventScroll: true});
      window.scrollTo(0, 0);
    }
    moved = false;
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e instanceof api.Problem && e.status === 401) return sessionEnded();
    fill(main, notice(api.describe(e), 'error'));
  }
}

// What a screen gets: who is signed in, its path parameters, and ways to move and stay fresh.
function screenContext(params, main) {
  return {
    params,
    user: state.session?.user,
    party: state.party,
    audience: state.audience,
    config: state.config,
    navigate,
    signedIn,
    // Refresh a part of the screen when events with these prefixes arrive.
    live: (prefixes, refresh) => live.watch(prefixes, () => whenIdle(main, async () => {
      const kept = typedValues(main);
      try { await refresh(); } catch (e) { if (e.status === 401) sessionEnded(); }
      retype(main, kept);
    })),
    rerender: () => render(),
    main,
  };
}

// A refresh redraws lists and forms: never under someone's fingers. While a field of the screen
// has the focus, or a small form opened in place (a reason, an amendment) is still there, the
// refresh waits until that is over; what was typed into a form and not sent yet is put back.
function whenIdle(main, refresh) {
  const busy = () => main.querySelector('form.inline') ||
                     (main.contains(document.activeElement) &&
                      ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement.tagName));
  if (!busy()) return refresh();
  const check = () => setTimeout(() => {
    if (busy() || !main.isConnected) return;
    watcher.disconnect();
    main.removeEventListener('focusout', check);
    refresh();
  }, 0);
  const watcher = new MutationObserver(check);
  watcher.observe(main, {childList: true, subtree: true});
  main.addEventListener('focusout', check);
}

function sessionEnded() {
  live.stop();
  localStorage.removeItem('lk.signed_in');
  localStorage.removeItem('lk.user');
  state.session = null;
  navigate('/app/signin', {replace: true});
}

api.onSessionLost(() => { if (state.session) sessionEnded(); });
// A party or product registered meanwhile gets its name in every table without a reload.
live.watchAlways(['party.registered', 'product.registered'], () => loadDirectory().catch(() => {}));

async function start() {
  state.config = await fetch('/app/config.json').then(r => r.json());
  // Asking who is signed in costs a 401 when nobody is: only ask when this browser signed in.
  let session = null;
  if (localStorage.getItem('lk.signed_in')) {
    session = await api.currentSession().catch(() => null);
    if (!session) localStorage.removeItem('lk.signed_in');
  }
  // Today is the node's (tests and demos run a manual clock), read with everything else.
  const today = api.call('node.info').then(info => {
    const now = info.node?.now || info.node?.clock?.now;
    if (now) setToday(now.slice(0, 10));
  }).catch(() => {});
  await Promise.all([loadLanguage(preferredLanguage(session?.user.language, state.config.language)),
                     loadDirectory().catch(() => {}), today]);
  if (session) await adopt(session);
  render();
}

start();
