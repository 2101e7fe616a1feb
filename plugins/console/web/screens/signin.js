// Signing in: a login and a password; the node sets an HttpOnly cookie and answers with the user
// and the session's CSRF token. Throttled logins (429) and wrong passwords are told apart.
import {signIn, describe} from '../api.js';
import {h, field, notice, fill} from '../dom.js';
import {t} from '../i18n.js';

export async function render(ctx) {
  const login = h('input', {name: 'login', autocomplete: 'username', required: true,
                            autocapitalize: 'none', spellcheck: 'false'});
  const password = h('input', {name: 'password', type: 'password', autocomplete: 'current-password',
                               required: true});
  const message = h('div', {'aria-live': 'polite'});
  const submit = h('button', {type: 'submit', class: 'big'}, t('signin.submit'));
  const form = h('form', {class: 'card', onsubmit: async e => {
    e.preventDefault();
    submit.disabled = true;
    fill(message);
    try {
      await ctx.signedIn(await signIn(login.value.trim(), password.value));
    } catch (err) {
      const text = err.status === 401 || err.code === 'unauthenticated' ? t('signin.wrong')
                 : err.status === 429 ? t('signin.throttled') : describe(err);
      fill(message, notice(text, 'error'));
      submit.disabled = false;
      password.select();
    }
  }}, field(t('signin.login'), login), field(t('signin.password'), password), message, submit);
  setTimeout(() => login.focus(), 0);
  return h('section', {class: 'signin'}, h('h1', {}, t('signin.title')),
           h('p', {class: 'hint'}, t('signin.intro')), form);
}
