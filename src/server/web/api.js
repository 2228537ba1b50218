// Talks to the review server's JSON API. The write token (when the server needs one) comes from the page
// URL's #token=… fragment once and is kept for this browser tab only.

const TOKEN_KEY = 'apa-review-token';

export function takeTokenFromHash() {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!m) return;
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
  history.replaceState(null, '', location.pathname + '#/');
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function handle(res) {
  const type = res.headers.get('content-type') || '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new ApiError(res.status, (body && body.error) || `HTTP ${res.status}`);
  return body;
}

export async function get(path, query) {
  const qs = query ? '?' + new URLSearchParams(Object.entries(query).filter(([, v]) => v != null)) : '';
  return handle(await fetch(`/api${path}${qs}`, { headers: { accept: 'application/json' } }));
}

export async function post(path, body) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  return handle(await fetch(`/api${path}`, { method: 'POST', headers, body: JSON.stringify(body) }));
}

export const imageUrl = (id, page) => `/api/submissions/${id}/pages/${page}/image`;

export function cropUrl(id, page, box, pad = 14) {
  const r = (x) => Math.round(x);
  return `/api/submissions/${id}/pages/${page}/crop?x0=${r(box.x0)}&y0=${r(box.y0)}&x1=${r(box.x1)}&y1=${r(box.y1)}&pad=${pad}`;
}
