// Message catalogues: every word people read comes from i18n/vi.json or i18n/en.json, so the
// console speaks one language at a time and a translator edits JSON, not code.

const kLanguages = ['vi', 'en'];
let language = 'vi';
let messages = {};

export function languages() { return kLanguages; }
export function currentLanguage() { return language; }
// The locale Intl formats numbers and dates with: 1.200.000 ₫ and 30/11/2026 in Vietnamese.
export function locale() { return language === 'vi' ? 'vi-VN' : 'en-GB'; }

export async function loadLanguage(lang) {
  if (!kLanguages.includes(lang)) lang = 'vi';
  if (lang === language && Object.keys(messages).length) return;
  const res = await fetch(`/app/i18n/${lang}.json`);
  messages = await res.json();
  language = lang;
  document.documentElement.lang = lang;
}

// The language to start in: the one the person last picked on this device, else the user's
// account language, else the node's default.
export function preferredLanguage(userLanguage, nodeDefault) {
  const saved = localStorage.getItem('lk.language');
  return saved || userLanguage || nodeDefault || 'vi';
}

export function rememberLanguage(lang) { localStorage.setItem('lk.language', lang); }

// t('contracts.posted', {n: 3}) -> the catalogue's text with {n} filled in. A missing key shows
// itself, so a gap is visible in a screenshot rather than silently blank.
export function t(key, params = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// A key that may not exist (an error code, an event type): the text, or undefined.
export function tMaybe(key, params) { return key in messages ? t(key, params) : undefined; }
