// Entry point: hash routes  #/ (queue)  ·  #/s/<id> (first page with an open flag)  ·  #/s/<id>/p/<page>
// ·  #/audit (admins). With accounts on the server, the login form comes first.
import { loadSession, logout, session, takeTokenFromHash, whenLoginNeeded } from './api.js';
import { showAudit } from './audit.js';
import { h, toast } from './dom.js';
import { showLogin } from './login.js';
import { showQueue } from './queue.js';
import { showReview } from './review.js';

const main = document.getElementById('main');

/** Who is reviewing, top right: the account (or the script / single-user identity), the audit for admins, log out. */
function renderAccount() {
  const box = document.getElementById('account');
  const u = session.user;
  if (!u) return box.replaceChildren();
  const parts = [h('span', { class: 'who', id: 'who', title: `${u.role}, ${u.via === 'session' ? 'logged in' : u.via === 'token' ? 'script token' : 'single-user mode on this machine'}` }, u.name), h('span', { class: 'role' }, u.role)];
  if (u.role === 'admin') parts.push(h('a', { href: '#/audit', id: 'audit-link' }, 'Audit'));
  if (u.via === 'session') {
    parts.push(
      h('button', {
        type: 'button',
        id: 'logout',
        onclick: async () => {
          try {
            await logout();
          } catch (e) {
            toast(e.message, 'error');
          }
          route();
        },
      }, 'Log out'),
    );
  }
  box.replaceChildren(...parts);
}

function route() {
  renderAccount();
  if (session.loginRequired) {
    return showLogin(main, () => {
      renderAccount();
      route();
    });
  }
  const a = /^#\/audit(?:\?(.*))?$/.exec(location.hash);
  if (a) return showAudit(main, new URLSearchParams(a[1] || ''));
  const m = /^#\/s\/(\d+)(?:\/p\/(\d+))?/.exec(location.hash);
  if (m) return showReview(main, Number(m[1]), m[2] ? Number(m[2]) : null);
  const q = /^#\/\?(.*)$/.exec(location.hash);
  return showQueue(main, new URLSearchParams(q ? q[1] : ''));
}

document.addEventListener('keydown', (e) => {
  if (e.altKey && (e.key === 'q' || e.key === 'Q')) {
    e.preventDefault();
    location.hash = '#/';
  }
});

async function start() {
  takeTokenFromHash();
  try {
    await loadSession();
  } catch (e) {
    main.replaceChildren(h('p', { class: 'error' }, `The server did not answer: ${e.message}`));
    return;
  }
  whenLoginNeeded(route);
  window.addEventListener('hashchange', route);
  route();
}

start();
