// Posting a purchase contract: a product (or any product of a category), the quality asked for
// (grade, certifications, OCOP stars), how much at what price per kg, when, and where it is delivered,
// picked on a map.
import {h, field, select, formValues} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {onSubmit, Invalid} from '../forms.js';
import {quantityField, placeField, moneyValue} from '../widgets.js';
import {allProducts} from '../directory.js';
import {listAll} from '../api.js';

// The schemes buyers ask for most, plus whatever the registry's products hold.
const kCertifications = ['VietGAP', 'GlobalGAP', 'Organic', 'OCOP'];

export function certificationChoices() {
  const seen = new Set(kCertifications);
  for (const p of allProducts()) for (const c of p.certifications || []) seen.add(c);
  return [...seen];
}

// A grade field whose suggestions are the grades open offers state, so a buyer writes a grade the
// way sellers do (grades match only when equal). Asked once per page load.
let offeredGrades = null;
export async function gradeField(name, label, hint, value = '') {
  offeredGrades ??= listAll('offtake.offer.list', {status: 'open'}, 'offers', 2000)
    .then(offers => [...new Set(offers.map(o => o.grade).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'vi')))
    .catch(() => []);
  const listId = `${name}-grades`;
  const input = h('input', {name, maxlength: 100, list: listId, value});
  return h('div', {}, field(label, input, hint),
           h('datalist', {id: listId}, (await offeredGrades).map(g => h('option', {value: g}))));
}

export async function render(ctx) {
  const products = allProducts().sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const categories = [...new Set(products.map(p => p.category))].sort();
  const byId = new Map(products.map(p => [p.id, p]));

  const kind = select('kind', [['product', t('contract.by_product')], ['category', t('contract.by_category')]], 'product');
  const product = select('product_id', [['', t('form.choose')],
    ...products.map(p => [p.id, `${p.name} (${p.id})`])]);
  const category = h('input', {name: 'category', list: 'categories'});
  const unit = select('unit', [['g', t('unit.by_weight')], ['ml', t('unit.by_volume')], ['piece', t('unit.by_piece')]], 'g');
  const productBox = field(t('contract.product'), product);
  const categoryBox = h('div', {hidden: true}, field(t('contract.category'), category),
    h('datalist', {id: 'categories'}, categories.map(c => h('option', {value: c}))),
    field(t('contract.unit'), unit));
  const qty = quantityField(t('contract.quantity'), 'quantity');
  const minLot = quantityField(t('contract.min_lot'), 'min_lot', {required: false});
  const currentUnit = () => (kind.value === 'product' ? byId.get(product.value)?.unit : unit.value) || 'g';
  const priceLabel = h('span', {}, t('contract.price_per', {unit: f.priceUnit('g')}));
  const syncUnit = () => {
    qty.setUnit(currentUnit()); minLot.setUnit(currentUnit());
    priceLabel.textContent = t('contract.price_per', {unit: f.priceUnit(currentUnit())});
  };
  kind.addEventListener('change', () => {
    productBox.hidden = kind.value !== 'product';
    categoryBox.hidden = kind.value !== 'category';
    syncUnit();
  });
  product.addEventListener('change', syncUnit);
  unit.addEventListener('change', syncUnit);

  const price = h('input', {name: 'unit_price_vnd', inputmode: 'numeric', required: true});
  const priceField = field('', price, t('contract.price_hint'));
  priceField.querySelector('label').append(priceLabel);
  const from = h('input', {name: 'deliver_from', type: 'date', required: true, value: f.addDays(f.today(), 7)});
  const to = h('input', {name: 'deliver_to', type: 'date', required: true, value: f.addDays(f.today(), 37)});
  const stars = select('min_ocop_stars', [['0', t('contract.no_stars')], ['3', '3 ★'], ['4', '4 ★'], ['5', '5 ★']], '0');
  const grade = await gradeField('grade', t('contract.grade'), t('contract.grade_hint'));
  const certs = h('fieldset', {}, h('legend', {}, t('contract.certifications')),
    h('div', {class: 'checks'}, certificationChoices().map(c =>
      h('label', {}, h('input', {type: 'checkbox', name: 'certifications', value: c, dataset: {group: '1'}}), c))));
  const distance = h('input', {name: 'max_distance_km', inputmode: 'numeric'});
  const note = h('textarea', {name: 'note', maxlength: 500, rows: 2});
  const place = placeField(ctx, {province: ctx.party?.province, lat: ctx.party?.lat, lon: ctx.party?.lon});

  const form = h('form', {class: 'card', id: 'contract-form', novalidate: true},
    field(t('contract.kind'), kind), productBox, categoryBox, grade,
    certs, field(t('contract.min_ocop'), stars),
    qty.el, priceField,
    h('div', {class: 'row'}, field(t('contract.window_from'), from), field(t('contract.window_to'), to)),
    place.el,
    h('details', {}, h('summary', {}, t('form.more')),
      minLot.el, field(t('contract.max_distance'), distance), field(t('contract.note'), note)),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, t('contracts.post')),
      h('a', {class: 'button secondary', href: '/app/contracts'}, t('action.cancel'))));

  onSubmit(form, {
    build() {
      const v = formValues(form);
      const body = {quantity: qty.value(), unit_price_vnd: moneyValue(v.unit_price_vnd, 'unit_price_vnd'),
                    deliver_from: v.deliver_from, deliver_to: v.deliver_to, place: place.value(),
                    min_ocop_stars: Number(v.min_ocop_stars)};
      if (v.kind === 'product') {
        if (!v.product_id) throw new Invalid('product_id', t('form.required'));
        body.product_id = v.product_id;
      } else {
        if (!v.category) throw new Invalid('category', t('form.required'));
        Object.assign(body, {category: v.category, unit: v.unit});
      }
      if (v.certifications?.length) body.certifications = v.certifications;
      if (v.grade?.trim()) body.grade = v.grade.trim();
      const lot = minLot.value();
      if (lot) body.min_lot = lot;
      if (v.max_distance_km) body.max_distance_km = Number(v.max_distance_km);
      if (v.note) body.note = v.note;
      return ['offtake.contract.post', body];
    },
    done: r => ctx.navigate(`/app/contracts/${r.contract_id}`),
  });
  return h('section', {}, h('h1', {}, t('contracts.new')), form);
}
