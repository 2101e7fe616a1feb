// One consumption contract: progress, deliveries (the seller records them with lot numbers; the
// buyer accepts them, with a grade, or rejects them with a reason) and payments (the buyer).
import {call, action, describe} from '../api.js';
import {h, fill, field, notice, table, select} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {badge, quantityField, moneyValue, reasonForm} from '../widgets.js';
import {partyName, productName} from '../directory.js';
import {onSubmit, Invalid} from '../forms.js';
import {canWrite} from '../roles.js';

function progress(label, done, total, text) {
  return h('div', {class: 'progress'}, h('span', {}, label, ': ', text),
           h('progress', {max: total || 1, value: Math.min(done, total), 'aria-label': label}));
}

function summary(c) {
  return h('div', {},
    h('dl', {class: 'facts'},
      [[t('proposal.buyer'), partyName(c.buyer)], [t('proposal.seller'), partyName(c.seller)],
       [t('proposal.product'), productName(c.product_id)], [t('contract.status'), badge(c.status)],
       [t('consumption.quantity'), f.quantity(c.quantity, c.unit)],
       [t('proposal.price'), f.price(c.unit_price_vnd, c.unit)],
       [t('consumption.value'), f.money(c.value_vnd)],
       [t('contract.window'), `${f.date(c.deliver_from)} – ${f.date(c.deliver_to)}`],
       [t('consumption.signed_at'), f.dateTime(c.signed_at)],
       ...(c.contract_id ? [[t('consumption.contract'), h('a', {href: `/app/contracts/${c.contract_id}`}, c.contract_id)]] : []),
       ...(c.breach_reason ? [[t('consumption.breach'), `${c.breach_reason} (${t(`side.${c.at_fault}`)})`]] : []),
      ].map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    progress(t('consumption.accepted'), c.accepted, c.quantity,
             `${f.quantity(c.accepted, c.unit)} / ${f.quantity(c.quantity, c.unit)}`),
    progress(t('consumption.paid'), c.paid_vnd, c.value_vnd,
             `${f.money(c.paid_vnd)} / ${f.money(c.value_vnd)}`));
}

export async function render(ctx) {
  const id = ctx.params.id;
  const body = h('div', {});
  const message = h('div', {'aria-live': 'polite'});
  const run = action();
  const act = async (type, b) => {
    fill(message);
    try { await run(type, b); await load(); }
    catch (err) { fill(message, notice(describe(err), 'error')); }
  };
  const load = async () => {
    const {consumption: c} = await call('offtake.consumption.get', {consumption_id: id});
    const open = c.status === 'signed' || c.status === 'delivering';
    const buyer = open && canWrite(ctx.user) && c.buyer === ctx.user.party;
    const seller = open && canWrite(ctx.user) && c.seller === ctx.user.party;
    const answer = d => {
      if (!buyer || d.status !== 'pending') return d.reason || (d.grade ? t('delivery.graded', {grade: d.grade}) : '');
      const grade = select('grade', [['', t('delivery.no_grade')], ['A', 'A'], ['B', 'B'], ['C', 'C']]);
      grade.setAttribute('aria-label', t('delivery.grade'));
      const cell = h('div', {class: 'actions'}, grade,
        h('button', {type: 'button', class: 'accept-delivery',
                     onclick: () => act('offtake.delivery.accept', {consumption_id: id, delivery_no: d.no,
                                                                  ...(grade.value ? {grade: grade.value} : {})})},
          t('delivery.accept')),
        h('button', {type: 'button', class: 'danger reject-delivery', onclick: () => cell.after(reasonForm({
          label: t('delivery.reject_reason'), button: t('delivery.reject'), required: true,
          onConfirm(form, input) {
            form.addEventListener('submit', e => {
              e.preventDefault();
              act('offtake.delivery.reject', {consumption_id: id, delivery_no: d.no, reason: input.value.trim()});
            });
          }}))}, t('delivery.reject')));
      return cell;
    };
    fill(body, summary(c),
      h('h2', {}, t('delivery.title')),
      table([
        {label: t('delivery.no'), value: d => String(d.no)},
        {label: t('delivery.date'), value: d => f.date(d.date)},
        {label: t('delivery.quantity'), class: 'num', value: d => f.quantity(d.quantity, c.unit)},
        {label: t('delivery.lot'), value: d => d.lot_id || '–'},
        {label: t('contract.status'), value: d => badge(d.status)},
        {label: t('delivery.answer'), value: answer},
      ], c.deliveries, t('delivery.none')),
      seller ? deliveryForm(c, load) : null,
      h('h2', {}, t('payment.title')),
      table([
        {label: t('payment.date'), value: p => f.date(p.date)},
        {label: t('payment.amount'), class: 'num', value: p => f.money(p.amount_vnd)},
        {label: t('payment.reference'), value: p => p.reference || '–'},
      ], c.payments, t('payment.none')),
      buyer && c.paid_vnd < c.value_vnd ? paymentForm(c, load) : null);
  };
  await load();
  ctx.live(['offtake.'], load);
  return h('section', {}, h('p', {}, h('a', {href: '/app/consumptions'}, `← ${t('consumptions.title')}`)),
           h('h1', {}, t('consumption.title', {id})), message, body);
}

// The seller records a delivery: how much, when, and the traceability lot it came from.
function deliveryForm(c, reload) {
  const left = c.quantity - c.accepted - c.deliveries.filter(d => d.status === 'pending')
                                                     .reduce((s, d) => s + d.quantity, 0);
  const qty = quantityField(t('delivery.quantity'), 'quantity', {unit: c.unit, preferred: c.unit === 'g' ? 'kg' : ''});
  const date = h('input', {name: 'date', type: 'date', required: true, value: f.today()});
  const lot = h('input', {name: 'lot_id', autocomplete: 'off', spellcheck: 'false'});
  const form = h('form', {class: 'card', id: 'delivery-form'}, h('h3', {}, t('delivery.record')),
    h('p', {class: 'hint'}, t('delivery.left', {q: f.quantity(left, c.unit)})),
    qty.el, field(t('delivery.date'), date), field(t('delivery.lot'), lot, t('delivery.lot_hint')),
    h('button', {type: 'submit'}, t('delivery.record')));
  onSubmit(form, {
    build: () => ['offtake.delivery.record', {consumption_id: c.id, quantity: qty.value(), date: date.value,
                                              ...(lot.value.trim() ? {lot_id: lot.value.trim()} : {})}],
    done: reload,
  });
  return form;
}

// The buyer records a payment (at most what is still due).
function paymentForm(c, reload) {
  const due = c.value_vnd - c.paid_vnd;
  const amount = h('input', {name: 'amount_vnd', inputmode: 'numeric', required: true, value: String(due)});
  const date = h('input', {name: 'date', type: 'date', value: f.today()});
  const ref = h('input', {name: 'reference', maxlength: 100});
  const form = h('form', {class: 'card', id: 'payment-form'}, h('h3', {}, t('payment.record')),
    h('p', {class: 'hint'}, t('payment.due', {amount: f.money(due)})),
    field(t('payment.amount_vnd'), amount), field(t('payment.date'), date),
    field(t('payment.reference'), ref, t('payment.reference_hint')),
    h('button', {type: 'submit'}, t('payment.record')));
  onSubmit(form, {
    build() {
      const v = moneyValue(amount.value, 'amount_vnd');
      if (v < 1) throw new Invalid('amount_vnd', t('form.bad_money'));
      return ['offtake.payment.record', {consumption_id: c.id, amount_vnd: v, date: date.value,
                                         ...(ref.value.trim() ? {reference: ref.value.trim()} : {})}];
    },
    done: reload,
  });
  return form;
}
