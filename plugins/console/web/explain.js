// Refusals explained in plain words. The node says why in English for integrators
// ("plot tn-p5 may not be harvested before 2026-12-04: diary entry diary-7 (emamectin benzoate
// on 2026-11-20, 14-day pre-harvest interval)"); a cooperative director needs a sentence.
import {t} from './i18n.js';
import * as f from './format.js';

const kPhi = /may not be harvested before (\d{4}-\d{2}-\d{2}): diary entry (\S+) \((.+) on (\d{4}-\d{2}-\d{2}), (\d+)-day pre-harvest interval\)/;

// The pre-harvest-interval refusal of farming.harvest.record, or null for any other problem.
// `entries` are the plot's diary entries, to name the product sprayed rather than only its
// active ingredient; `crop` names the plot's crop.
export function preHarvestInterval(problem, entries, crop) {
  if (problem?.code !== 'failed_precondition' || problem.field !== 'body.date') return null;
  const m = kPhi.exec(problem.detail || '');
  if (!m) return null;
  const [, allowed, entryId, ingredient, sprayed, days] = m;
  const entry = entries.find(e => e.id === entryId);
  const product = entry?.input ? `${entry.input} (${ingredient})` : ingredient;
  return t('phi.refusal', {crop, product, sprayed: f.dayMonth(sprayed), days, allowed: f.date(allowed)});
}
