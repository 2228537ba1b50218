/**
 * Named reviewers: who may call what, and that every refusal changes nothing. The app runs in accounts mode
 * (three accounts) with the script token also set; the clock is the test's, so session expiry and login
 * backoff are checked without waiting. Each refusal compares the whole database before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import type { Hono } from 'hono';
import type { Db } from '../../db/open.js';
import { createUser, setDisabled, sessionKey } from '../../db/accounts.js';
import { createReviewApp, type ReviewAppOptions } from '../../src/server/app.js';
import { PasswordHasher } from '../../src/server/passwords.js';
import { PageImages, type PageSource } from '../../src/server/pageImages.js';
import type { IndicatorView } from '../../src/server/review.js';
import { canonicalText } from '../../pipeline/normalise/index.js';
import { MISREADS } from './fixture.js';
import { buildTruthDb } from './truthDb.js';

/** Counts password checks, so a test can see that a refusal did (or did not) spend one. */
class CountingHasher extends PasswordHasher {
  checks = 0;
  override async verify(password: string, stored: string): Promise<boolean> {
    this.checks += 1;
    return super.verify(password, stored);
  }
}

/** Records the sources the image routes were asked to render, instead of rendering. */
class RecordingImages extends PageImages {
  asked: PageSource[] = [];
  override async jpeg(src: PageSource): Promise<Buffer> {
    this.asked.push(src);
    return Buffer.from('jpeg');
  }
  override async crop(src: PageSource): Promise<Buffer> {
    this.asked.push(src);
    return Buffer.from('png');
  }
}

const TOKEN = 'the-shared-script-token-0123';
const PW = { admin: 'admin passphrase one', karim: 'karim passphrase two', dolly: 'dolly passphrase three', slow: 'slow passphrase four' };

let db: Db;
let dispose: () => void;
let sid: number;
let app: Hono;
let clock = Date.parse('2026-03-01T08:00:00Z');
const hasher = new CountingHasher({ logN: 10, r: 8, p: 1 });
const images = new RecordingImages();

function makeApp(extra: Partial<ReviewAppOptions> = {}): Hono {
  return createReviewApp({
    db,
    token: TOKEN,
    passwords: hasher,
    images,
    now: () => clock,
    localName: 'tester',
    // a route added the way the dashboard adds its own: after the guards, with nothing of its own to guard it
    routes: (a) => a.get('/api/dashboard/probe', (c) => c.json({ ok: true, who: c.get('principal')?.kind ?? null })),
    ...extra,
  });
}

beforeAll(async () => {
  const t = await buildTruthDb({ ids: ['smp_001'], misreads: MISREADS });
  db = t.db;
  dispose = t.dispose;
  sid = t.ids.get('smp_001')!;
  const mk = async (name: string, role: 'admin' | 'reviewer', pw: string) => createUser(db, { name, role, passwordHash: await hasher.hash(pw), by: 'test' });
  await mk('Ayesha Admin', 'admin', PW.admin);
  await mk('Karim', 'reviewer', PW.karim);
  await mk('Dolly', 'reviewer', PW.dolly);
  await mk('Slow', 'reviewer', PW.slow);
  app = makeApp();
  karim = (await login('Karim', PW.karim)).session!;
  admin = (await login('Ayesha Admin', PW.admin)).session!;
}, 60_000);
afterAll(() => dispose?.());

let admin: Session;
let karim: Session;
let nextAddress = 1;

/** Rows written and schema changes made through the app's connection so far: a cheap "did anything change". */
const writes = () => [(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n, db.pragma('schema_version', { simple: true })];
/** A request from its own client address unless one is given (so backoff per address stays out of the way). */
function request(path: string, init: RequestInit = {}, address = `10.9.${Math.floor(nextAddress / 250)}.${nextAddress++ % 250}`, on = app) {
  return on.request(path, init, { incoming: { socket: { remoteAddress: address } } });
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(name: string, password: string, address?: string): Promise<{ status: number; body: any; res: Response; session: Session | null }> {
  const res = await request('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) }, address);
  const body = (await res.json()) as any;
  const cookie = /apa-session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  return { status: res.status, body, res, session: cookie ? { cookie, csrf: body.csrf } : null };
}

const asUser = (s: Session, extra: Record<string, string> = {}) => ({ cookie: `apa-session=${s.cookie}`, 'x-csrf-token': s.csrf, ...extra });
const bearer = { authorization: `Bearer ${TOKEN}` };

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number; body: any; res: Response }> {
  const init: RequestInit = { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await request(path, init);
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? await res.json() : await res.text(), res };
}

/** Every row of every table (login sessions and the account event log aside, which refusals may add to). */
function snapshot(except = ['sessions', 'account_events']): Record<string, string> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name).filter((t) => !except.includes(t));
  return Object.fromEntries(tables.map((t) => [t, crypto.createHash('sha256').update(JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all())).digest('hex')]));
}


describe('logging in', () => {
  it('gives an HttpOnly, SameSite=Strict session cookie whose value is stored only as a hash', async () => {
    const r = await login('Karim', PW.karim);
    expect(r.status).toBe(200);
    expect(r.body.user).toEqual({ name: 'Karim', role: 'reviewer', via: 'session' });
    const set = r.res.headers.get('set-cookie')!;
    expect(set).toMatch(/^apa-session=[A-Za-z0-9_-]{43};/);
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; SameSite=Strict/);
    expect(set).toMatch(/; Path=\//);
    expect(set).toMatch(/; Max-Age=43200/);
    expect(set).not.toMatch(/Secure/); // plain http on loopback: a Secure cookie would never come back
    const k = r.session!;
    const rows = db.prepare('SELECT * FROM sessions').all() as Record<string, unknown>[];
    expect(rows.some((s) => s.id_hash === sessionKey(k.cookie))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(k.cookie);
    expect(JSON.stringify(rows)).not.toContain(k.csrf);
    const a = (await login('ayesha admin', PW.admin)).session!; // names are case-insensitive
    const s = await call('GET', '/api/session', { cookie: `apa-session=${a.cookie}` });
    expect(s.body).toMatchObject({ mode: 'accounts', user: { name: 'Ayesha Admin', role: 'admin' }, csrf: a.csrf, loginRequired: false });
  });

  it('marks the cookie Secure, with the __Host- prefix, behind an https proxy', async () => {
    const proxied = makeApp({ publicUrl: new URL('https://review.example.gov.bd/') });
    const res = await request('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Karim', password: PW.karim }) }, undefined, proxied);
    expect(res.status).toBe(200);
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/^__Host-apa-session=/);
    expect(set).toMatch(/; Secure/);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    const cookie = /__Host-apa-session=([^;]+)/.exec(set)![1]!;
    expect((await request('/api/submissions', { headers: { cookie: `__Host-apa-session=${cookie}` } }, undefined, proxied)).status).toBe(200);
    // the origin users see is the proxy's; a write from it is same-origin
    const csrf = ((await res.json()) as { csrf: string }).csrf;
    const w = await request(`/api/submissions/${sid}/review`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://review.example.gov.bd', cookie: `__Host-apa-session=${cookie}`, 'x-csrf-token': csrf }, body: '{"reviewed":false}' }, undefined, proxied);
    expect(w.status).toBe(200);
  });

  it('ends sessions after the idle limit and after the absolute limit', async () => {
    const s = (await login('Karim', PW.karim)).session!;
    const read = () => call('GET', '/api/submissions', { cookie: `apa-session=${s.cookie}` });
    expect((await read()).status).toBe(200);
    const start = clock;
    try {
      // used every 3 hours (within the 4-hour idle limit) it lives until 12 hours after login
      for (let h = 3; h <= 11; h += 3) {
        clock = start + h * 3600_000;
        expect((await read()).status).toBe(200);
      }
      clock = start + 12 * 3600_000 + 1000;
      expect((await read()).status).toBe(401);
      const t = (await login('Karim', PW.karim)).session!;
      clock += 4 * 3600_000 + 1000;
      expect((await call('GET', '/api/submissions', { cookie: `apa-session=${t.cookie}` })).status).toBe(401);
    } finally {
      clock = start;
      // a login purges ended sessions: the ones the other tests use ended with the clock moved on
      karim = (await login('Karim', PW.karim)).session!;
      admin = (await login('Ayesha Admin', PW.admin)).session!;
    }
  });

  it('a new login from the same browser replaces its session', async () => {
    const s = (await login('Dolly', PW.dolly)).session!;
    const res = await request('/api/login', { method: 'POST', headers: { 'content-type': 'application/json', cookie: `apa-session=${s.cookie}` }, body: JSON.stringify({ name: 'Dolly', password: PW.dolly }) });
    expect(res.status).toBe(200);
    expect((await call('GET', '/api/submissions', { cookie: `apa-session=${s.cookie}` })).status).toBe(401);
    const fresh = /apa-session=([^;]+)/.exec(res.headers.get('set-cookie')!)![1]!;
    expect(fresh).not.toBe(s.cookie);
    expect((await call('GET', '/api/submissions', { cookie: `apa-session=${fresh}` })).status).toBe(200);
  });

  it('logs out: the session is gone', async () => {
    const s = (await login('Karim', PW.karim)).session!;
    expect((await call('POST', '/api/logout', asUser(s), {})).body).toEqual({ loggedOut: true });
    expect((await call('GET', '/api/submissions', { cookie: `apa-session=${s.cookie}` })).status).toBe(401);
    expect(db.prepare('SELECT COUNT(*) n FROM sessions WHERE id_hash = ?').get(sessionKey(s.cookie))).toEqual({ n: 0 });
  });
});

describe('refusals change nothing', () => {
  it('every API route answers 401 without a login, the dashboard’s too; the public ones answer', async () => {
    const before = snapshot();
    const routes = new Map<string, { method: string; path: string }>();
    for (const r of app.routes) {
      if (!['GET', 'POST'].includes(r.method) || !r.path.startsWith('/api/') || r.path.includes('*')) continue;
      routes.set(`${r.method} ${r.path}`, r);
    }
    const open = new Set(['GET /api/config', 'GET /api/session', 'POST /api/login']);
    expect(routes.has('GET /api/dashboard/probe')).toBe(true);
    expect(routes.size).toBeGreaterThan(14);
    for (const [key, r] of routes) {
      if (open.has(key)) continue;
      const path = r.path.replace(':id', String(sid)).replace(':page', '2');
      const res = await call(r.method, path, {}, r.method === 'POST' ? {} : undefined);
      expect({ key, status: res.status }).toEqual({ key, status: 401 });
      // nor does a forged or stale cookie help
      const forged = await call(r.method, path, { cookie: `apa-session=${'A'.repeat(43)}`, 'x-csrf-token': 'x' }, r.method === 'POST' ? {} : undefined);
      expect({ key, status: forged.status }).toEqual({ key, status: 401 });
    }
    expect((await call('GET', '/api/config')).body).toMatchObject({ auth: 'accounts', writeTokenRequired: false });
    expect((await call('GET', '/api/session')).body).toMatchObject({ user: null, loginRequired: true });
    expect((await call('GET', '/api/dashboard/probe', { cookie: `apa-session=${karim.cookie}` })).body).toEqual({ ok: true, who: 'user' });
    expect((await call('GET', '/api/dashboard/probe', bearer)).body).toEqual({ ok: true, who: 'token' });
    expect(images.asked).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it('a reviewer, or the script token, gets 403 from admin routes', async () => {
    const c = (await call('POST', `/api/submissions/${sid}/corrections`, asUser(karim), { target: 'meta', field: 'annexFormat', raw: 'B' })).body.correction;
    const before = snapshot();
    for (const h of [asUser(karim), bearer]) {
      expect((await call('GET', '/api/audit', h)).status).toBe(403);
      expect((await call('POST', `/api/corrections/${c.id}/revert`, h, {})).status).toBe(403);
    }
    expect(snapshot()).toEqual(before);
    expect((await call('GET', '/api/audit', asUser(admin))).status).toBe(200);
  });

  it('a disabled account is logged out at once and cannot log in', async () => {
    const dolly = (await login('Dolly', PW.dolly)).session!;
    expect((await call('GET', '/api/submissions', asUser(dolly))).status).toBe(200);
    setDisabled(db, 'Dolly', true, 'test');
    try {
      const before = snapshot();
      expect((await call('GET', '/api/submissions', asUser(dolly))).status).toBe(401);
      expect((await call('POST', `/api/submissions/${sid}/review`, asUser(dolly), {})).status).toBe(401);
      const again = await login('Dolly', PW.dolly);
      expect(again.status).toBe(401);
      expect(again.session).toBeNull();
      expect(again.body.error).toBe('wrong name or password, or the account is disabled');
      expect(snapshot()).toEqual(before);
    } finally {
      setDisabled(db, 'Dolly', false, 'test');
    }
  });

  it('a write without the session’s CSRF token is refused with 403', async () => {
    const body = { target: 'meta', field: 'annexFormat', raw: 'C' };
    const url = `/api/submissions/${sid}/corrections`;
    const before = snapshot(['account_events']);
    const cookieOnly = { cookie: `apa-session=${karim.cookie}` };
    for (const h of [cookieOnly, { ...cookieOnly, 'x-csrf-token': '' }, { ...cookieOnly, 'x-csrf-token': 'wrong' }, { ...cookieOnly, 'x-csrf-token': admin.csrf }, { ...cookieOnly, 'x-csrf-token': karim.csrf + 'x' }]) {
      const r = await call('POST', url, h, body);
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('csrf');
      expect((await call('POST', `/api/submissions/${sid}/review`, h, {})).status).toBe(403);
      expect((await call('POST', '/api/logout', h, {})).status).toBe(403);
    }
    expect(snapshot(['account_events'])).toEqual(before); // the session too is still there
    const ok = await call('POST', url, asUser(karim), body);
    expect(ok.status).toBe(201);
    expect(ok.body.correction).toMatchObject({ who: 'Karim', via: 'session' });
    expect(ok.body.correction.userId).toBe((db.prepare("SELECT id FROM users WHERE name = 'Karim'").get() as { id: number }).id);
  });

  it('a body over 64 KiB is refused with 413 on every write route, the login included', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(70_000), password: 'y' });
    const before = snapshot(['account_events']);
    for (const path of ['/api/login', '/api/logout', `/api/submissions/${sid}/corrections`, `/api/submissions/${sid}/review`, '/api/corrections/1/revert']) {
      expect({ path, status: (await call('POST', path, asUser(admin), big)).status }).toEqual({ path, status: 413 });
    }
    expect(snapshot(['account_events'])).toEqual(before);
  });

  it('unknown ids answer 404 and no path from a request reaches the file system', async () => {
    const h = asUser(karim);
    const before = snapshot();
    for (const path of [
      '/api/submissions/424242',
      '/api/submissions/424242/pages/1/image',
      `/api/submissions/${sid}/pages/77/image`,
      `/api/submissions/${sid}/pages/77/crop?x0=1&y0=1&x1=5&y1=5`,
      '/api/submissions/424242/pages/1/crop?x0=1&y0=1&x1=5&y1=5',
      `/api/submissions/${sid}/pages/77/tables`,
      '/api/submissions/424242/export',
    ]) {
      expect({ path, status: (await call('GET', path, h)).status }).toEqual({ path, status: 404 });
    }
    expect((await call('POST', '/api/submissions/424242/review', h, {})).status).toBe(404);
    expect((await call('POST', '/api/corrections/999999/revert', asUser(admin), {})).status).toBe(404);
    expect((await call('GET', '/api/audit?submission=424242', asUser(admin))).status).toBe(404);
    for (const path of [
    ]) {
      expect({ path, status: (await call('GET', path, h)).status }).toEqual({ path, status: 400 });
    }
    // a path smuggled into the id never matches a route
    for (const path of ['/api/submissions/..%2F..%2Fetc%2Fpasswd/pages/1/image', '/api/submissions/%2e%2e/pages/1/image', '/api/submissions/1/pages/2/..%2F..%2F..%2Fimage']) {
      expect([400, 404]).toContain((await call('GET', path, h)).status);
    }
    for (const path of [
      `/api/submissions/${sid}/pages/..%2F2/image`,
      `/api/submissions/${sid}/pages/2/image?path=/etc/passwd`,
      `/api/submissions/${sid}/pages/2/image?file=../../package.json`,
      `/api/submissions/${sid}/pages/2/crop?x0=1&y0=1&x1=5&y1=5&src=/etc/passwd`,
      '/api/submissions/1e3/pages/2/image',
      `/api/submissions/${sid}/pages/0x2/image`,
    ]) {
      expect({ path, status: (await call('GET', path, h)).status }).toEqual({ path, status: 400 });
    }
    expect(images.asked).toEqual([]);
    // what does reach the renderer is the path the database holds for that submission
    expect((await call('GET', `/api/submissions/${sid}/pages/2/image`, h)).status).toBe(200);
    expect((await call('GET', `/api/submissions/${sid}/pages/2/crop?x0=1&y0=1&x1=50&y1=50`, h)).status).toBe(200);
    const stored = db.prepare('SELECT path, sha256 FROM submissions WHERE id = ?').get(sid) as { path: string; sha256: string };
    expect(images.asked.map((s) => [s.path, s.sha256, s.page])).toEqual([
      [stored.path, stored.sha256, 2],
      [stored.path, stored.sha256, 2],
    ]);
    expect(snapshot()).toEqual(before);
  });
});

const INJECTIONS = [
  "' OR '1'='1",
  "1; DROP TABLE corrections; --",
  '"); DELETE FROM users; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '{"$gt": ""}',
  '${process.exit(1)}',
  'x'.repeat(600),
  '১\n২',
  '\u202etxt.exe',
];

describe('injection strings in every filter and field', () => {
  it('are refused (400) or answered as plain data by every query filter, and change nothing', async () => {
    const before = snapshot(['account_events']);
    for (const x of INJECTIONS) {
      for (const key of ['office', 'fy', 'quarter', 'status', 'review', 'limit']) {
        const r = await call('GET', `/api/submissions?${new URLSearchParams({ [key]: x })}`, asUser(karim));
        expect([200, 400]).toContain(r.status);
        // SQL-looking text is a search string like any other: no office or file name has quotes or semicolons
        if (r.status === 200 && /['";]/.test(x)) expect(r.body.submissions).toEqual([]);
      }
      for (const key of ['kind', 'user', 'submission', 'since', 'until', 'limit']) {
        const r = await call('GET', `/api/audit?${new URLSearchParams({ [key]: x })}`, asUser(admin));
        expect([200, 400]).toContain(r.status);
        if (r.status === 200) expect(r.body.entries).toEqual([]);
      }
      for (const key of ['raw', 'hint']) {
        const r = await call('GET', `/api/parse?${new URLSearchParams({ raw: '১', hint: 'count', [key]: x })}`, asUser(karim));
        expect([200, 400]).toContain(r.status);
      }
      expect((await call('GET', `/api/submissions/${sid}/indicators?${new URLSearchParams({ page: x })}`, asUser(karim))).status).toBe(400);
      expect((await call('GET', `/api/submissions/${encodeURIComponent(x)}`, asUser(karim))).status).toBeOneOf([400, 404]);
    }
    expect(snapshot(['account_events'])).toEqual(before);
  });

  it('are refused (400, 401, 404) or stored exactly as typed by every field of every write', async () => {
    const untouched = snapshot(['account_events', 'sessions', 'corrections', 'current_submissions']);
    const ind = ((await call('GET', `/api/submissions/${sid}/indicators`, asUser(karim))).body.indicators as IndicatorView[])[0]!;
    const base = { indicator: { target: 'indicator', indicatorId: ind.id, field: 'remarks', raw: 'ok' }, meta: { target: 'meta', field: 'office.name', raw: 'ok' }, page: { target: 'page', page: 1, section: 'letter', subtype: 'notice' } };
    for (const x of INJECTIONS) {
      const attempts: [string, unknown][] = [];
      for (const body of Object.values(base)) {
        for (const key of [...Object.keys(body), 'reason', 'who']) attempts.push([`/api/submissions/${sid}/corrections`, { ...body, [key]: x }]);
      }
      attempts.push([`/api/submissions/${sid}/review`, { reviewed: x }]);
      attempts.push(['/api/corrections/1/revert', { reason: x, extra: x }]);
      for (const [path, body] of attempts) {
        const before = writes();
        const count = (db.prepare('SELECT COUNT(*) n FROM corrections').get() as { n: number }).n;
        const r = await call('POST', path, asUser(admin), body);
        expect([201, 400, 404, 422]).toContain(r.status);
        if (r.status === 201) {
          // accepted: the text is a value like any other, stored as the normaliser reads typed text, in one new row
          const sent = body as Record<string, unknown>;
          const c = r.body.correction;
          if (sent.reason === x) expect(c.reason).toBe(x.trim());
          if (sent.raw === x) expect(c.newRaw).toBe(canonicalText(x, { singleLine: true }));
          expect(sent.reason === x || sent.raw === x).toBe(true);
          expect((db.prepare('SELECT COUNT(*) n FROM corrections').get() as { n: number }).n).toBe(count + 1);
        } else {
          expect(writes()).toEqual(before);
        }
      }
      // a fresh app (its own login backoff) per string, so earlier failures do not turn these into 429s
      const fresh = makeApp();
      for (const body of [{ name: x, password: PW.karim }, { name: 'Karim', password: x }, { name: x, password: x, extra: x }]) {
        const before = snapshot(['account_events']);
        const r = await request('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, undefined, fresh);
        expect([400, 401]).toContain(r.status);
        expect(snapshot(['account_events'])).toEqual(before);
      }
    }
    // the tables are all still there, each account too, and nothing but corrections was written
    expect((db.prepare('SELECT COUNT(*) n FROM users').get() as { n: number }).n).toBe(4);
    expect(snapshot(['account_events', 'sessions', 'corrections', 'current_submissions'])).toEqual(untouched);
    expect((await call('GET', `/api/submissions/${sid}/corrections`, asUser(karim))).status).toBe(200);
  }, 60_000);
});

describe('failed logins are slowed', () => {
  it('per account: after 3 failures each try waits longer, the right password included, and a blocked try costs no password check', async () => {
    const address = '192.0.2.10';
    for (let i = 0; i < 3; i++) expect((await login('Slow', 'wrong password ' + i, '192.0.2.' + (20 + i))).status).toBe(401);
    expect((await login('Slow', 'wrong again', address)).status).toBe(401); // the 4th failure: wait 1 s
    const checks = hasher.checks;
    const blocked = await login('Slow', PW.slow, address);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(hasher.checks).toBe(checks);
    clock += 1100;
    expect((await login('Slow', 'still wrong', address)).status).toBe(401); // 5th: wait 2 s
    clock += 1100;
    expect((await login('Slow', PW.slow, address)).status).toBe(429);
    clock += 1000;
    expect((await login('Slow', PW.slow, address)).status).toBe(200);
    // a success starts the account afresh
    expect((await login('Slow', 'wrong once more', address)).status).toBe(401);
    expect((await login('Slow', PW.slow, address)).status).toBe(200);
  });

  it('per address: after 10 failures from one address, even other names wait', async () => {
    const address = '198.51.100.7';
    for (let i = 0; i < 10; i++) expect((await login(`nobody-${i}`, 'whatever it is', address)).status).toBe(401);
    expect((await login('nobody-10', 'whatever it is', address)).status).toBe(401);
    expect((await login('Karim', PW.karim, address)).status).toBe(429);
    expect((await login('Karim', PW.karim, '198.51.100.8')).status).toBe(200);
    clock += 2000;
    expect((await login('Karim', PW.karim, address)).status).toBe(200);
  });

  it('checks a password whether or not the account exists or is enabled, with the same answer', async () => {
    setDisabled(db, 'Dolly', true, 'test');
    try {
      const answers = [];
      for (const [name, pw] of [['Karim', 'not karim password'], ['no-such-person', 'not anyone password'], ['Dolly', PW.dolly]] as const) {
        const n = hasher.checks;
        const r = await login(name, pw);
        expect(hasher.checks - n).toBe(1);
        answers.push([r.status, r.body]);
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      const events = db.prepare("SELECT name, detail FROM account_events WHERE kind = 'login-failed' ORDER BY id DESC LIMIT 3").all();
      expect(events).toEqual([
        { name: 'Dolly', detail: 'account disabled' },
        { name: 'no-such-person', detail: 'no such account' },
        { name: 'Karim', detail: 'wrong password' },
      ]);
    } finally {
      setDisabled(db, 'Dolly', false, 'test');
    }
  });
});

describe('who and when', () => {
  it('writes with the script token are recorded as token:script', async () => {
    const r = await call('POST', `/api/submissions/${sid}/corrections`, bearer, { target: 'meta', field: 'annexFormat', raw: 'D' });
    expect(r.status).toBe(201);
    expect(r.body.correction).toMatchObject({ who: 'token:script', via: 'token', userId: null });
    const m = await call('POST', `/api/submissions/${sid}/review`, bearer, { reviewed: false });
    expect(m.status).toBe(200);
  });

  it('a reviewed mark names the account and is kept as history', async () => {
    const r = await call('POST', `/api/submissions/${sid}/review`, asUser(karim), {});
    expect(r.body.reviewedBy).toBe('Karim');
    const last = db.prepare('SELECT * FROM review_marks ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;
    expect(last).toMatchObject({ reviewed: 1, who: 'Karim', via: 'session', at: r.body.reviewedAt });
    expect(last.user_id).toBeGreaterThan(0);
  });

  it('an admin reverts a correction (itself an audited correction): the field shows what it showed before', async () => {
    const A = asUser(admin);
    const K = asUser(karim);
    const rec = ((await call('GET', `/api/submissions/${sid}/indicators`, K)).body.indicators as IndicatorView[]).find((i) => i.indicatorCode === MISREADS[1]!.indicatorCode)!;
    const field = MISREADS[1]!.field as 'q1';
    const ocr = rec.fields[field].ocr;
    const fieldNow = async () => ((await call('GET', `/api/submissions/${sid}/indicators`, K)).body.indicators as IndicatorView[]).find((i) => i.id === rec.id)!;
    const sqlNow = () => db.prepare(`SELECT ${field}_raw AS raw, ${field}_corrected AS corrected FROM v_indicator_values WHERE indicator_id = ?`).get(rec.id);
    expect(rec.flags.some((f) => f.field === field && !f.resolved)).toBe(true);

    const first = (await call('POST', `/api/submissions/${sid}/corrections`, K, { target: 'indicator', indicatorId: rec.id, field, raw: '১টি' })).body.correction;
    const second = (await call('POST', `/api/submissions/${sid}/corrections`, K, { target: 'indicator', indicatorId: rec.id, field, raw: '২টি' })).body.correction;
    expect((await fieldNow()).fields[field].raw).toBe('২টি');

    // only the correction a field shows now can be reverted
    const stale = await call('POST', `/api/corrections/${first.id}/revert`, A, {});
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(new RegExp(`its field shows correction ${second.id}; revert that one`));

    const r1 = await call('POST', `/api/corrections/${second.id}/revert`, A, { reason: 'Karim typed the wrong row' });
    expect(r1.status).toBe(201);
    expect(r1.body.correction).toMatchObject({ who: 'Ayesha Admin', via: 'session', revertOf: second.id, restoresOcr: false, oldRaw: '২টি', newRaw: '১টি', reason: 'Karim typed the wrong row' });
    expect((await fieldNow()).fields[field]).toMatchObject({ raw: '১টি', corrected: true });
    expect(sqlNow()).toEqual({ raw: '১টি', corrected: 1 });

    // the field shows the first correction's value again: reverting the revert row reverts that correction
    const r2 = await call('POST', `/api/corrections/${r1.body.correction.id}/revert`, A, {});
    expect(r2.status).toBe(201);
    expect(r2.body.correction).toMatchObject({ revertOf: first.id, restoresOcr: true, oldRaw: '১টি', newRaw: ocr.raw });
    const back = await fieldNow();
    expect(back.fields[field]).toMatchObject({ raw: ocr.raw, corrected: false, correction: null });
    expect(back.flags.some((f) => f.field === field && !f.resolved)).toBe(true); // the flag is open again
    expect(sqlNow()).toEqual({ raw: ocr.raw, corrected: 0 });
    for (const id of [first.id, second.id, r1.body.correction.id, r2.body.correction.id]) {
      expect((await call('POST', `/api/corrections/${id}/revert`, A, {})).status).toBe(409);
    }

    // a new correction starts the field's stack again; reverting it by its own id goes back to OCR
    const third = (await call('POST', `/api/submissions/${sid}/corrections`, K, { target: 'indicator', indicatorId: rec.id, field, raw: '৩টি' })).body.correction;
    const r3 = await call('POST', `/api/corrections/${third.id}/revert`, A, {});
    expect(r3.body.correction).toMatchObject({ revertOf: third.id, restoresOcr: true });
    expect(sqlNow()).toEqual({ raw: ocr.raw, corrected: 0 });

    // the audit shows each step with who and when, and which row can still be reverted
    const audit = (await call('GET', `/api/audit?kind=correction&submission=${sid}`, A)).body.entries as any[];
    const byId = new Map(audit.map((e) => [e.correction.id, e]));
    expect(byId.get(second.id)).toMatchObject({ kind: 'correction', who: 'Karim', via: 'session', correction: { current: false, revertedBy: r1.body.correction.id } });
    expect(byId.get(first.id)).toMatchObject({ correction: { current: false, revertedBy: r2.body.correction.id } });
    expect(byId.get(r1.body.correction.id)).toMatchObject({ kind: 'revert', who: 'Ayesha Admin', correction: { current: false, restores: first.id } });
    expect(byId.get(r2.body.correction.id)).toMatchObject({ kind: 'revert', correction: { current: false, restores: null, restoresOcr: true } });
    const fresh = (await call('POST', `/api/submissions/${sid}/corrections`, K, { target: 'indicator', indicatorId: rec.id, field, raw: '৪টি' })).body.correction;
    const latest = ((await call('GET', `/api/audit?kind=correction&submission=${sid}&limit=1`, A)).body.entries as any[])[0];
    expect(latest.correction).toMatchObject({ id: fresh.id, current: true });
  });

  it('a metadata revert reaches the analysis tables', async () => {
    const A = asUser(admin);
    const fy = () => (db.prepare('SELECT fiscal_year FROM current_submissions WHERE submission_id = ?').get(sid) as { fiscal_year: string }).fiscal_year;
    const ocrFy = fy();
    const c = (await call('POST', `/api/submissions/${sid}/corrections`, asUser(karim), { target: 'meta', field: 'fiscalYear', raw: '২০১৯-২০' })).body.correction;
    expect(fy()).toBe('2019-20');
    expect((await call('POST', `/api/corrections/${c.id}/revert`, A, {})).status).toBe(201);
    expect(fy()).toBe(ocrFy);
  });

  it('the audit lists corrections, marks and logins with who, how and when, and filters them', async () => {
    const A = asUser(admin);
    const all = (await call('GET', '/api/audit?limit=1000', A)).body.entries as any[];
    const kinds = new Set(all.map((e) => e.kind));
    for (const k of ['correction', 'revert', 'review', 'unreview', 'login', 'login-failed', 'logout', 'user-added', 'user-disabled']) expect(kinds).toContain(k);
    const times = all.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(all.find((e) => e.kind === 'login-failed' && e.account.name === 'Slow')).toMatchObject({ account: { detail: 'wrong password', address: expect.stringMatching(/^192\.0\.2\./) } });
    const karims = (await call('GET', '/api/audit?user=karim', A)).body.entries as any[];
    expect(karims.length).toBeGreaterThan(0);
    expect(karims.every((e) => e.who === 'Karim' || e.account?.name === 'Karim')).toBe(true);
    const marks = (await call('GET', '/api/audit?kind=review', A)).body.entries as any[];
    expect(marks.every((e) => e.kind === 'review' || e.kind === 'unreview')).toBe(true);
    expect(marks.some((e) => e.who === 'token:script' && e.via === 'token')).toBe(true);
    expect((await call('GET', '/api/audit?since=2099-01-01', A)).body.entries).toEqual([]);
    expect((await call('GET', '/api/audit?until=2000-01-01', A)).body.entries).toEqual([]);
    expect((await call('GET', '/api/audit?limit=3', A)).body.entries.length).toBe(3);
    for (const q of ['since=yesterday', 'limit=0', 'kind=everything', 'user=', 'submission=abc', 'sort=at']) expect((await call('GET', `/api/audit?${q}`, A)).status).toBe(400);
  });
});

describe('modes', () => {
  it('with no accounts on loopback, the desk’s OS user reviews (as an admin); the first account locks the API at once', async () => {
    const t = await buildTruthDb({ ids: ['smp_001'] });
    try {
      const open = createReviewApp({ db: t.db, localName: 'desk', passwords: hasher });
      const s = (await open.request('/api/session')).json() as Promise<any>;
      const session = await s;
      expect(session).toMatchObject({ mode: 'open', user: { name: 'local:desk', role: 'admin', via: 'local' }, loginRequired: false });
      expect(session.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const w = await open.request(`/api/submissions/${t.ids.get('smp_001')}/review`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf }, body: '{}' });
      expect(await w.json()).toMatchObject({ reviewedBy: 'local:desk' });
      const noCsrf = await open.request(`/api/submissions/${t.ids.get('smp_001')}/review`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(noCsrf.status).toBe(403);
      expect((await open.request('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"a","password":"b"}' })).status).toBe(409);
      expect((await open.request('/api/submissions')).status).toBe(200);
      createUser(t.db, { name: 'First Admin', role: 'admin', passwordHash: await hasher.hash('first admin password'), by: 'test' });
      expect((await open.request('/api/submissions')).status).toBe(401);
      expect(((await (await open.request('/api/session')).json()) as any).loginRequired).toBe(true);
    } finally {
      t.dispose();
    }
  });
});
