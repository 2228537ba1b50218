// The login form, shown when the server has accounts and this browser has no session.
import { login } from './api.js';
import { h } from './dom.js';

export function showLogin(main, done) {
  document.getElementById('crumbs').replaceChildren(h('span', {}, 'Log in'));
  const name = h('input', { id: 'login-name', name: 'username', autocomplete: 'username', maxlength: 64, required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', maxlength: 1024, required: true });
  const message = h('p', { class: 'error', role: 'alert', id: 'login-error' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h(
    'form',
    {
      class: 'login',
      onsubmit: async (e) => {
        e.preventDefault();
        button.disabled = true;
        message.textContent = '';
        try {
          await login(name.value, password.value);
          password.value = '';
          done();
        } catch (err) {
          message.textContent = err.message;
          password.select();
        } finally {
          button.disabled = false;
        }
      },
    },
    h('h1', {}, 'Log in to review'),
    h('label', {}, 'Name', name),
    h('label', {}, 'Password', password),
    button,
    message,
    h('p', { class: 'muted' }, 'Accounts are made by an admin on the server: ', h('code', {}, 'npm run cli -- users add NAME --role reviewer')),
  );
  main.replaceChildren(h('section', { class: 'login-page' }, form));
  name.focus();
}
