// API tokens for programs (a shop, an ERP): made here, shown once, revoked at once.
import {call, describe} from '../api.js';
import {h, fill, field, select, notice, table, formValues} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {onSubmit, Invalid} from '../forms.js';

const kAdminToken = '*';  // the choice that means "the node itself"; ids never contain '*'
import {allParties, partyName} from '../directory.js';
import {action} from '../api.js';

export async function render(ctx) {
  const admin = ctx.audience === 'admin';
  const list = h('div', {id: 'token-list'});
  const message = h('div', {'aria-live': 'polite'});
  const secret = h('div', {id: 'new-token', 'aria-live': 'polite'});
  const run = action();
  const revoke = async tok => {
    fill(message);
    try { await run('token.revoke', {id: tok.id}); await load(); }
    catch (err) { fill(message, notice(describe(err), 'error')); }
  };
  const load = async () => {
    const {tokens} = await call('token.list', {});
    tokens.sort((a, b) => b.created_at.localeCompare(a.created_at));
    fill(list, table([
      {label: t('tokens.id'), value: x => x.id},
      {label: t('tokens.label'), value: x => x.label},
      {label: t('users.party'), value: x => (x.admin ? t('tokens.admin') : partyName(x.party))},
      {label: t('tokens.scopes'), value: x => (x.scopes.length ? x.scopes.join(', ') : t('tokens.all')) + (x.read_only ? ` · ${t('tokens.read_only')}` : '')},
      {label: t('tokens.expires'), value: x => f.dateTime(x.expires_at)},
      {label: t('users.state'), value: x => (x.revoked_at ? t('tokens.revoked_at', {at: f.dateTime(x.revoked_at)}) : t('users.active'))},
      {label: t('proposal.actions'), value: x => (x.revoked_at ? '' : h('button', {type: 'button', class: 'danger', onclick: () => revoke(x)}, t('tokens.revoke')))},
    ], tokens, t('tokens.none')));
  };
  await load();
  ctx.live(['token.'], load);

  const form = h('form', {class: 'card', id: 'token-form', novalidate: true}, h('h2', {}, t('tokens.create')),
    field(t('tokens.label'), h('input', {name: 'label', required: true, maxlength: 100}), t('tokens.label_hint')),
    // No default: an admin token (it may do anything on the node) is a choice, never an oversight.
    admin ? field(t('tokens.for'), select('party', [['', t('form.choose')], [kAdminToken, t('tokens.admin_token')],
                                                    ...allParties().map(p => [p.id, `${p.name} (${p.id})`])])) : null,
    field(t('tokens.scopes'), h('input', {name: 'scopes', spellcheck: 'false'}), t('tokens.scopes_hint')),
    h('div', {class: 'row'}, field(t('tokens.days'), h('input', {name: 'expires_in_days', inputmode: 'numeric', value: '90'})),
      h('label', {class: 'checks'}, h('input', {type: 'checkbox', name: 'read_only'}), t('tokens.read_only'))),
    h('button', {type: 'submit'}, t('tokens.create')));
  // token.create refuses an Idempotency-Key (its answer holds the secret), so it is sent bare.
  onSubmit(form, {
    build() {
      const v = formValues(form);
      const body = {label: v.label};
      if (admin && !v.party) throw new Invalid('party', t('form.required'));
      if (admin) { if (v.party === kAdminToken) body.admin = true; else body.party = v.party; }
      const scopes = (v.scopes || '').split(/[\s,]+/).filter(Boolean);
      if (scopes.length) body.scopes = scopes;
      if (v.read_only) body.read_only = true;
      if (v.expires_in_days) body.expires_in_days = Number(v.expires_in_days);
      return ['token.create', body];
    },
    async done(r) {
      form.reset();
      const box = h('input', {readonly: true, value: r.token, id: 'token-secret', 'aria-label': t('tokens.secret')});
      fill(secret, h('div', {class: 'notice warn'}, h('p', {}, t('tokens.shown_once')), box,
        h('button', {type: 'button', class: 'secondary', onclick: () => { box.select(); navigator.clipboard?.writeText(r.token).catch(() => {}); }},
          t('tokens.copy'))));
      await load();
    },
    unkeyed: true,
  });
  return h('section', {}, h('h1', {}, t('tokens.title')), message, secret, form, list);
}
