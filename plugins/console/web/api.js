// The node's HTTP API, as any program uses it (docs/http.md): a session cookie set at sign-in, the
// session's CSRF token on every POST, an Idempotency-Key on every write, and RFC 9457 problems
// turned into an Error that names the code and the field.
import {t, tMaybe} from './i18n.js';

let csrf = '';
// What to do when the node no longer knows the session (expired, signed out elsewhere).
let sessionLost = () => {};
export function onSessionLost(f) { sessionLost = f; }

export class Problem extends Error {
  constructor(p, status) {
    super(p.detail || p.title || `HTTP ${status}`);
    this.status = status;
    this.code = p.code || 'unavailable';
    this.field = p.field || '';   // "body.quantity", "csrf", "cookie"
    this.detail = p.detail || '';
  }
}

async function send(method, path, body, headers = {}) {
  let res;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {...(body ? {'Content-Type': 'application/json'} : {}),
                ...(method !== 'GET' && csrf ? {'X-CSRF-Token': csrf} : {}), ...headers},
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new Problem({code: 'offline', detail: String(e.message || e)}, 0);
  }
  const text = await res.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch { json = {detail: text}; }
  if (res.status === 401 && path !== '/api/v1/session' && csrf) { csrf = ''; sessionLost(); }
  if (!res.ok) throw new Problem(json, res.status);
  return json;
}

// A random id for one user action (crypto.getRandomValues works on plain http too).
export function newKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
}

// Runs one message. Writes carry an Idempotency-Key: pass the action's key so that pressing
// "Lưu" again after a timeout returns the first answer instead of posting twice.
export function call(type, body = {}, {key} = {}) {
  return send('POST', `/api/v1/messages/${type}`, body, key ? {'Idempotency-Key': key} : {});
}

// One user action = one key, kept until the node answers for sure (success or a refusal): a
// retry after a network failure or a timeout reuses it, a new action gets a fresh one.
export function action() {
  let key = newKey();
  return async (type, body) => {
    try {
      const result = await call(type, body, {key});
      key = newKey();
      return result;
    } catch (e) {
      if (e.status >= 400 && e.status < 500 && e.status !== 429) key = newKey();
      throw e;
    }
  };
}

// Reads every page of a paged list ({…, next_after}) up to `max` records.
export async function listAll(type, body, member, max = 2000) {
  const out = [];
  let after;
  for (;;) {
    const page = await call(type, {...body, limit: 500, ...(after ? {after} : {})});
    out.push(...(page[member] || []));
    after = page.next_after;
    if (!after || out.length >= max) return out;
  }
}

// Sessions: POST signs in, GET says who is signed in (after a reload), DELETE signs out.
export async function signIn(login, password) {
  const s = await send('POST', '/api/v1/session', {login, password});
  csrf = s.csrf_token;
  return s;
}

export async function currentSession() {
  const s = await send('GET', '/api/v1/session');
  csrf = s.csrf_token;
  return s;
}

export async function signOut() {
  try { await send('DELETE', '/api/v1/session'); } finally { csrf = ''; }
}

// A problem in words for people: the catalogue's sentence for its code, with the node's own
// detail kept for whoever has to report it.
export function describe(problem) {
  if (!(problem instanceof Problem)) return t('error.unexpected', {detail: String(problem)});
  const sentence = tMaybe(`error.${problem.code}`) || t('error.unexpected', {detail: ''});
  return problem.detail && problem.code !== 'offline' ? `${sentence} (${problem.detail})` : sentence;
}
