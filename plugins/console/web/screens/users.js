// People's accounts: the node admin sees every party's, a party's manager its own. Creating an
// account, changing a role, disabling it, signing it out everywhere, setting a new password.
import {call, action, describe} from '../api.js';
import {h, fill, field, select, notice, table, formValues} from '../dom.js';
import {t} from '../i18n.js';
import * as f from '../format.js';
import {onSubmit, Invalid} from '../forms.js';
import {allParties, partyName} from '../directory.js';

const kRoles = ['viewer', 'operator', 'manager'];
const kNodeAdmin = '*';  // the party choice that means "the node itself"; ids never contain '*'

export async function render(ctx) {
  const admin = ctx.audience === 'admin';
  const list = h('div', {id: 'user-list'});
  const message = h('div', {'aria-live': 'polite'});
  const run = action();
  const update = async body => {
    fill(message);
    try { await run('account.user.update', body); fill(message, notice(t('users.updated', {login: body.login}))); await load(); }
    catch (err) { fill(message, notice(describe(err), 'error')); }
  };
  const rowActions = u => {
    const role = select('role', kRoles.map(r => [r, t(`role.${r}`)]), u.role);
    role.setAttribute('aria-label', t('users.role_of', {login: u.login}));
    role.addEventListener('change', () => update({login: u.login, role: role.value}));
    const password = h('input', {type: 'password', autocomplete: 'new-password', 'aria-label': t('users.new_password_of', {login: u.login}),
                                 placeholder: t('users.new_password')});
    return h('div', {class: 'actions'}, role,
      h('button', {type: 'button', class: 'secondary', onclick: () => update({login: u.login, disabled: !u.disabled})},
        u.disabled ? t('users.enable') : t('users.disable')),
      h('button', {type: 'button', class: 'secondary end-sessions', onclick: () => update({login: u.login, end_sessions: true})}, t('users.sign_out_everywhere')),
      password, h('button', {type: 'button', class: 'secondary', onclick: () => password.value && update({login: u.login, password: password.value})},
                  t('users.set_password')));
  };
  const load = async () => {
    const {users} = await call('account.user.list', {});
    fill(list, table([
      {label: t('users.login'), value: u => u.login},
      {label: t('users.name'), value: u => u.name},
      admin ? {label: t('users.party'), value: u => (u.party ? partyName(u.party) : t('party.admin'))} : null,
      {label: t('users.role'), value: u => t(`role.${u.role}`)},
      {label: t('users.language'), value: u => t(`language.${u.language}`)},
      {label: t('users.state'), value: u => (u.disabled ? t('users.disabled') : t('users.active'))},
      {label: t('users.created'), value: u => f.dateTime(u.created_at)},
      {label: t('proposal.actions'), value: rowActions},
    ].filter(Boolean), users, t('users.none')));
  };
  await load();
  ctx.live(['account.user.'], load);

  const form = h('form', {class: 'card', id: 'user-form', novalidate: true}, h('h2', {}, t('users.create')),
    h('div', {class: 'row'}, field(t('users.login'), h('input', {name: 'login', required: true, autocomplete: 'off', spellcheck: 'false'}), t('users.login_hint')),
      field(t('users.name'), h('input', {name: 'name', required: true}))),
    // No default party: making a node administrator is a choice, never an oversight.
    admin ? field(t('users.party'), select('party', [['', t('form.choose')], [kNodeAdmin, t('users.node_admin')],
                                                     ...allParties().map(p => [p.id, `${p.name} (${p.id})`])])) : null,
    h('div', {class: 'row'}, field(t('users.role'), select('role', kRoles.map(r => [r, t(`role.${r}`)]), 'operator')),
      field(t('users.language'), select('language', [['vi', t('language.vi')], ['en', t('language.en')]], 'vi'))),
    field(t('users.password'), h('input', {name: 'password', type: 'password', required: true, autocomplete: 'new-password', minlength: 10}), t('users.password_hint')),
    h('button', {type: 'submit'}, t('users.create')));
  onSubmit(form, {
    build() {
      const v = formValues(form);
      if (admin && !v.party) throw new Invalid('party', t('form.required'));
      return ['account.user.create', {login: v.login, name: v.name, role: v.role, language: v.language,
                                      password: form.elements.password.value,
                                      // The admin names the party, or makes a node administrator.
                                      ...(admin ? (v.party === kNodeAdmin ? {admin: true} : {party: v.party}) : {})}];
    },
    async done(r) { form.reset(); fill(message, notice(t('users.created_ok', {login: r.user.login}))); await load(); },
  });
  return h('section', {}, h('h1', {}, t('users.title')), message, form, list);
}
