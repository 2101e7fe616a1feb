// Posting a supply offer: one of the cooperative's own products (its category, certifications
// and OCOP stars come from the registry), the grade of these goods, how much, when, from where, and the lowest price.
import {h, field, select, formValues} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {onSubmit, Invalid} from '../forms.js';
import {quantityField, placeField, moneyValue} from '../widgets.js';
import {allProducts} from '../directory.js';

export async function render(ctx) {
  const mine = allProducts().filter(p => p.owner === ctx.user.party);
  const byId = new Map(mine.map(p => [p.id, p]));
  const product = select('product_id', [['', t('form.choose')], ...mine.map(p => [p.id, p.name])],
                         mine.length === 1 ? mine[0].id : '');
  const qty = quantityField(t('offer.quantity'), 'quantity', {unit: mine[0]?.unit || 'g'});
  const about = h('p', {class: 'hint', 'aria-live': 'polite'});
  const describeProduct = () => {
    const p = byId.get(product.value);
    qty.setUnit(p?.unit || 'g');
    about.textContent = p ? t('offer.product_marks', {
      certs: p.certifications.join(', ') || t('word.none'),
      stars: p.ocop_stars ? `${p.ocop_stars} ★` : t('word.none')}) : '';
  };
  product.addEventListener('change', describeProduct);
  const grade = h('input', {name: 'grade', maxlength: 100});
  const price = h('input', {name: 'min_unit_price_vnd', inputmode: 'numeric', required: true});
  const from = h('input', {name: 'available_from', type: 'date', required: true, value: f.today()});
  const to = h('input', {name: 'available_to', type: 'date', required: true, value: f.addDays(f.today(), 60)});
  const note = h('textarea', {name: 'note', rows: 2, maxlength: 500});
  const place = placeField(ctx, {province: ctx.party?.province, lat: ctx.party?.lat, lon: ctx.party?.lon});
  const form = h('form', {class: 'card', id: 'offer-form', novalidate: true},
    mine.length ? null : h('p', {class: 'notice warn'}, t('offer.no_products')),
    field(t('proposal.product'), product), about, field(t('offer.grade'), grade, t('offer.grade_hint')), qty.el,
    field(t('offer.min_price_per', {unit: f.priceUnit(mine[0]?.unit || 'g')}), price, t('offer.min_price_hint')),
    h('div', {class: 'row'}, field(t('offer.from'), from), field(t('offer.to'), to)),
    place.el, field(t('contract.note'), note),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, t('offers.post')),
      h('a', {class: 'button secondary', href: '/app/offers'}, t('action.cancel'))));
  describeProduct();
  onSubmit(form, {
    build() {
      const v = formValues(form);
      if (!v.product_id) throw new Invalid('product_id', t('form.required'));
      return ['offtake.offer.post', {product_id: v.product_id, quantity: qty.value(),
        available_from: v.available_from, available_to: v.available_to, place: place.value(),
        min_unit_price_vnd: moneyValue(v.min_unit_price_vnd, 'min_unit_price_vnd'),
        ...(v.grade?.trim() ? {grade: v.grade.trim()} : {}), ...(v.note ? {note: v.note} : {})}];
    },
    done: () => ctx.navigate('/app/offers'),
  });
  return h('section', {}, h('h1', {}, t('offers.new')), form);
}
