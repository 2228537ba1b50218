// Talks to the review server's JSON API. Who is asking is the server's business: a login session (an
// HttpOnly cookie the page never sees), the shared script token, or nobody in the single-user mode. Every write
// carries the session's CSRF token, which the page gets from /api/session; the script token (when a server
// runs without accounts but with a token) comes from the page URL's #token=… fragment once and is kept for
// this browser tab only.

const TOKEN_KEY = 'apa-review-token';

/** {mode, user: {name, role, via} | null, csrf, loginRequired} */
export let session = { mode: 'open', user: null, csrf: null, loginRequired: false };

export function takeTokenFromHash() {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!m) return;
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
  history.replaceState(null, '', location.pathname + '#/');
}

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Called when the server says a login is needed (the session ended, or the account was disabled). */
let onLoginNeeded = () => {};
export function whenLoginNeeded(f) {
  onLoginNeeded = f;
}

async function handle(res) {
  const type = res.headers.get('content-type') || '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const err = new ApiError(res.status, (body && body.error) || `HTTP ${res.status}`, body && body.code);
    if (err.status === 401 && err.code === 'login') {
      session = { ...session, user: null, csrf: null, loginRequired: true };
      onLoginNeeded();
    }
    throw err;
  }
  return body;
}

export async function loadSession() {
  session = await handle(await fetch('/api/session', { headers: { accept: 'application/json' } }));
  return session;
}

export async function get(path, query) {
  const qs = query ? '?' + new URLSearchParams(Object.entries(query).filter(([, v]) => v != null)) : '';
  return handle(await fetch(`/api${path}${qs}`, { headers: { accept: 'application/json' } }));
}

function send(path, body) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token && session.mode === 'token') headers.authorization = `Bearer ${token}`;
  if (session.csrf) headers['x-csrf-token'] = session.csrf;
  return fetch(`/api${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

export async function post(path, body) {
  let res = await send(path, body);
  if (res.status === 403 && (res.headers.get('content-type') || '').includes('json')) {
    // the server restarted (single-user mode) or the session changed in another tab: fetch the token again, once
    const copy = res.clone();
    const b = await copy.json().catch(() => null);
    if (b && b.code === 'csrf') {
      await loadSession();
      res = await send(path, body);
    }
  }
  return handle(res);
}

export async function login(name, password) {
  const r = await post('/login', { name, password });
  session = { mode: 'accounts', user: r.user, csrf: r.csrf, loginRequired: false };
  return r;
}

export async function logout() {
  await post('/logout', {});
  session = { mode: 'accounts', user: null, csrf: null, loginRequired: true };
}

export const imageUrl = (id, page) => `/api/submissions/${id}/pages/${page}/image`;

export function cropUrl(id, page, box, pad = 14) {
  const r = (x) => Math.round(x);
  return `/api/submissions/${id}/pages/${page}/crop?x0=${r(box.x0)}&y0=${r(box.y0)}&x1=${r(box.x1)}&y1=${r(box.y1)}&pad=${pad}`;
}
