// Numbers, money, quantities and dates as people read them, in the current locale.
// The node stores quantities as integers in the product's smallest unit (g, ml, piece) and money
// as integer VND; people think in kg and tonnes, litres, ₫/kg. Nothing here rounds money.
import {locale, t} from './i18n.js';

const kZone = 'Asia/Ho_Chi_Minh';  // the node's dates are local to +07:00

function number(value, maxFraction = 0) {
  return new Intl.NumberFormat(locale(), {maximumFractionDigits: maxFraction}).format(value);
}

export {number};

// 1200000 -> "1.200.000 ₫" (vi) / "₫1,200,000" (en).
export function money(vnd) {
  if (vnd === undefined || vnd === null) return '';
  return new Intl.NumberFormat(locale(), {style: 'currency', currency: 'VND'}).format(vnd);
}

// A quantity in the unit people use: 40000000 g -> "40 t", 1250000 g -> "1.250 kg",
// 500 g -> "0,5 kg"; ml in litres; pieces as they are.
export function quantity(q, unit) {
  if (q === undefined || q === null) return '';
  if (unit === 'g') {
    if (Math.abs(q) >= 10_000_000) return `${number(q / 1_000_000, 2)} ${t('unit.t')}`;
    // Grams matter on a small lot, not on a tonne: 0,25 kg but 1.524,6 kg.
    return `${number(q / 1000, Math.abs(q) >= 100_000 ? 1 : 3)} ${t('unit.kg')}`;
  }
  if (unit === 'ml') {
    if (Math.abs(q) >= 10_000_000) return `${number(q / 1_000_000, 2)} ${t('unit.m3')}`;
    return `${number(q / 1000, 3)} ${t('unit.l')}`;
  }
  return `${number(q)} ${t('unit.piece')}`;
}

// The unit a price is quoted in: VND per kg (g), per litre (ml), per piece.
export function priceUnit(unit) {
  return unit === 'g' ? t('unit.kg') : unit === 'ml' ? t('unit.l') : t('unit.piece_one');
}

// 150000 with unit g -> "150.000 ₫/kg".
export function price(vnd, unit) { return `${money(vnd)}/${priceUnit(unit)}`; }

// What people type (kg or t, with a comma or a dot) -> integer grams; NaN when it is not a number.
export function toSmallest(text, inputUnit) {
  const n = parseDecimal(text);
  const factor = {t: 1_000_000, kg: 1000, l: 1000, piece: 1}[inputUnit] ?? 1;
  return Math.round(n * factor);
}

// "1.250,5" (vi) or "1,250.5" (en) or "1250.5" -> 1250.5. The locale decides which mark is the
// decimal one, as people type what they read.
export function parseDecimal(text) {
  let s = String(text).trim().replace(/\s/g, '');
  if (!s) return NaN;
  const decimal = locale() === 'vi-VN' ? ',' : '.';
  const group = decimal === ',' ? '.' : ',';
  // A lone dot in Vietnamese ("1.5") is more often a decimal point typed on a phone keypad.
  if (decimal === ',' && !s.includes(',') && /^\d+\.\d{1,2}$/.test(s)) return Number(s);
  s = s.split(group).join('').replace(decimal, '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
}

// "2026-11-30" -> "30/11/2026"; a date is a calendar day, so no time zone moves it.
export function date(ymd) {
  if (!ymd) return '';
  const [y, m, d] = ymd.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), {day: '2-digit', month: '2-digit', year: 'numeric',
                                           timeZone: 'UTC'}).format(Date.UTC(y, m - 1, d));
}

// "2026-11-20" -> "20/11" (a date within the season, when the year is clear). Both languages
// write day/month; Intl's Vietnamese short form would give "20-11".
export function dayMonth(ymd) {
  const [, m, d] = ymd.slice(0, 10).split('-');
  return `${d}/${m}`;
}

// An RFC 3339 time -> "30/11/2026 08:15" in Vietnam time.
export function dateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), {day: '2-digit', month: '2-digit', year: 'numeric',
                                           hour: '2-digit', minute: '2-digit', timeZone: kZone})
      .format(new Date(iso));
}

export function percent(pct) {
  if (pct === null || pct === undefined) return '–';
  return `${number(pct, 1)} %`;
}

export function km(n) { return `${number(n)} km`; }

// Square metres -> hectares (1 ha = 10.000 m²), the unit farmers use.
export function area(m2) { return `${number(m2 / 10000, 2)} ha`; }

// Today in Vietnam, as YYYY-MM-DD (the node's clock when known: tests run a manual clock).
let nodeToday = null;
export function setToday(ymd) { nodeToday = ymd; }
export function today() {
  if (nodeToday) return nodeToday;
  return new Intl.DateTimeFormat('en-CA', {timeZone: kZone}).format(new Date());
}

// YYYY-MM-DD plus n days.
export function addDays(ymd, n) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
