/**
 * Fuzz target: every route of the review server, found in the hono app's own route table (`app.routes`), so a
 * route added later (log-in, users, CSRF…) is fuzzed without a change here. Requests go through `app.request()`
 * (no socket) with random path parameters, query strings, bodies and headers, over a small database that has
 * submissions, pages and indicator records. Property: every request is answered, within the per-request time,
 * with a status under 500.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import PQueue from 'p-queue';
import type { Hono } from 'hono';
import { openDb, type Db } from '../../db/open.js';
import { startRun, storeSubmission } from '../../db/store.js';
import type { IndicatorField, IndicatorRecord } from '../../models/indicator.js';
import { EnginePool } from '../../pipeline/ocr/pool.js';
import { processFile } from '../../pipeline/runner.js';
import { makeScannedPdf } from '../../samples/bad/make.js';
import { Rng } from '../../samples/generator/prng.js';
import { CrashEngine } from '../../test/helpers/crashEngine.js';
import { createReviewApp } from '../server/app.js';
import { fuzzText } from './normalise.js';
import { count, saveInput, type FuzzOptions, type FuzzReport } from './report.js';

const field = (raw: string | null, value: IndicatorField['value'], x: number): IndicatorField => ({
  raw,
  value,
  confidence: raw === null ? null : 0.7,
  bbox: { x0: x, y0: 40, x1: x + 30, y1: 60 },
  printed: true,
});

/** Indicator rows of every unit, so the correction and parse code paths have something to work on. */
function records(): IndicatorRecord[] {
  const base = (row: number, code: string, unit: string, unitValue: IndicatorField['value']): IndicatorRecord => ({
    page: 1,
    tableIndex: 0,
    row,
    activityCode: code.split('.').slice(0, 2).join('.'),
    activity: '[১.১] ই-নথির ব্যবহার বৃদ্ধি',
    indicatorCode: code,
    indicator: '[১.১.১] ই-ফাইলে নোট নিষ্পত্তিকৃত',
    unit: field(unit, unitValue, 10),
    weight: field(null, null, 40),
    target: field('৮০%', 80, 70),
    q1: field('৭৫%', 75, 100),
    q2: field('-', null, 130),
    q3: field('১টি ০৩-০৩-২০২৩', { count: 1, date: '2023-03-03' }, 160),
    q4: field('প্রযোজ্য নয়', { notApplicable: true }, 190),
    total: field('৭০%', 70, 220),
    rate: field(null, null, 250),
    score: field(null, null, 280),
    remarks: field('চলমান', 'চলমান', 310),
    flags: [{ rule: 'count-total', field: 'total', message: 'total 70 ≠ sum of quarters 75' }],
  });
  return [base(1, '1.1.1', '%', 'percent'), base(2, '2.1.1', 'তারিখ', 'date'), base(3, '2.1.1', 'সংখ্যা', 'count')];
}

/** A database with three small submissions (two pages each), indicator records on the first. */
export async function fuzzDatabase(dir: string): Promise<Db> {
  const db = openDb(path.join(dir, 'fuzz.sqlite'));
  const runId = startRun(db, 'fuzz', {});
  const pool = new EnginePool([new CrashEngine(0)]);
  try {
    for (let n = 1; n <= 3; n++) {
      const file = path.join(dir, `scan-${n}.pdf`);
      const bytes = await makeScannedPdf(n + 1);
      fs.writeFileSync(file, bytes);
      const res = await processFile(file, bytes, { pool, pageQueue: new PQueue({ concurrency: 1 }) });
      if (n === 1) res.indicators = records();
      storeSubmission(db, res, runId);
    }
  } finally {
    await pool.close();
  }
  return db;
}

/** The app's routes as (method, path pattern); middleware and handlers alike, each fuzzed. */
export function routesOf(app: Hono): { method: string; path: string }[] {
  const seen = new Set<string>();
  return app.routes
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r) => {
      const k = `${r.method} ${r.path}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
const PARAM_VALUES = ['1', '2', '3', '4', '0', '-1', '999999999', '1e3', '01', '1.5', '%00', '..', '..%2F..%2Fetc%2Fpasswd', '%E0%A7%A7', 'null', 'NaN', '9'.repeat(40), "1'--", '1;DROP TABLE corrections'];
const QUERY_KEYS = ['office', 'fy', 'quarter', 'status', 'review', 'limit', 'page', 'x0', 'y0', 'x1', 'y1', 'pad', 'raw', 'hint', 'token', 'csrf', 'next', '__proto__'];
const BODY_KEYS = ['target', 'indicatorId', 'field', 'raw', 'who', 'reason', 'page', 'section', 'subtype', 'reviewed', 'name', 'password', 'role', 'csrf', 'token', 'id', '__proto__', 'constructor'];
const FIELDS = ['unit', 'target', 'q1', 'q4', 'total', 'remarks', 'fiscalYear', 'quarter', 'office.name', 'office.level', 'submissionDate', 'annexFormat', 'section'];

/** An own property even for "__proto__", so JSON.stringify sends it as an attacker would. */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');

function randomValue(rng: Rng, depth = 0): unknown {
  const k = rng.int(0, depth > 2 ? 5 : 8);
  switch (k) {
    case 0:
      return rng.pick([null, true, false]);
    case 1:
      return rng.pick([0, 1, 2, 3, -1, 1.5, 1e300, 2 ** 53, -0]);
    case 2:
    case 3:
      return fc.sample(fuzzText, { numRuns: 1, seed: rng.int(0, 2 ** 31) })[0]!;
    case 4:
      return rng.pick(['indicator', 'meta', 'page', 'letter', 'annex5', 'cover_letter', 'annex5', ...FIELDS, 'reviewer', 'admin']);
    case 5:
      return rng.pick([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    case 6:
      return Array.from({ length: rng.int(0, 3) }, () => randomValue(rng, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rng.int(0, 6); i > 0; i--) setOwn(o, rng.pick(BODY_KEYS), randomValue(rng, depth + 1));
      return o;
    }
  }
}

/** A body the routes could accept, often nearly right: a valid correction with one thing wrong. */
function randomBody(rng: Rng): string | undefined {
  const r = rng.next();
  if (r < 0.1) return undefined;
  if (r < 0.2) return fc.sample(fuzzText, { numRuns: 1, seed: rng.int(0, 2 ** 31) })[0]!;
  if (r < 0.25) return '{"target":"meta","field":"quarter","raw":"' + 'x'.repeat(rng.int(60_000, 70_000)) + '","who":"f"}';
  const body: Record<string, unknown> = rng.pick([
    { target: 'indicator', indicatorId: rng.int(1, 4), field: rng.pick(FIELDS), raw: '৮০%', reason: 'fuzz' },
    { target: 'meta', field: rng.pick(FIELDS), raw: '২০২৩-২৪' },
    { target: 'page', page: rng.int(0, 3), section: 'annex5', subtype: rng.pick(['annex5', 'cover_letter', 'unknown']) },
    { reviewed: rng.chance(0.5) },
    { name: 'fuzz', password: 'x'.repeat(rng.int(0, 20)), role: rng.pick(['reviewer', 'admin', 'root']) },
  ]);
  for (let i = rng.int(0, 3); i > 0; i--) setOwn(body, rng.pick(BODY_KEYS), randomValue(rng));
  return JSON.stringify(body);
}

function fillPath(pattern: string, rng: Rng): string {
  let p = pattern.replace(/:(\w+)(\{[^}]*\})?\??/g, () => encodeURIComponent(decodeURIComponent(rng.pick(PARAM_VALUES))).replace(/%25/g, '%'));
  p = p.replace(/\*/g, () => rng.pick(['', 'x', 'submissions/1', 'submissions/1/pages/1/image', 'a/b/c', '..%2f..', 'index.html', 'app.js', '%E0%A7']));
  return p.replace(/\/+/g, '/') || '/';
}

function randomQuery(rng: Rng): string {
  if (rng.chance(0.3)) return '';
  const parts: string[] = [];
  for (let i = rng.int(1, 5); i > 0; i--) {
    const key = rng.chance(0.85) ? rng.pick(QUERY_KEYS) : text(randomValue(rng));
    const v = rng.chance(0.5) ? rng.pick(['1', '0', '-5', '2023-24', '২০২২-২৩', 'H1', 'pending', 'ok', '12', '100000', '1e9', 'auto', 'date', '']) : text(randomValue(rng));
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(v)}`);
  }
  return '?' + parts.join('&');
}

function randomHeaders(rng: Rng, body: string | undefined, csrf: string | null): Record<string, string> {
  const h: Record<string, string> = {};
  if (body !== undefined || rng.chance(0.2)) h['content-type'] = rng.pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json;;', '']);
  if (rng.chance(0.7)) h.origin = rng.pick(['http://localhost', 'http://127.0.0.1:8787', 'http://evil.example', 'null', '']);
  if (rng.chance(0.3)) h.authorization = rng.pick(['Bearer ', 'Bearer x', `Bearer ${'a'.repeat(64)}`, 'Basic Zm9vOmJhcg==', '']);
  if (rng.chance(0.3)) h.cookie = rng.pick(['session=1', 'session=' + 'x'.repeat(300), 'csrf=abc; session=def', '=;;=', 'a=%ZZ']);
  // the session's real token half the time, so write bodies get past the CSRF guard into the handlers
  if (csrf && rng.chance(0.5)) h['x-csrf-token'] = csrf;
  else if (rng.chance(0.2)) h['x-csrf-token'] = rng.pick(['', 'x', 'abc123']);
  if (rng.chance(0.2)) h['if-none-match'] = rng.pick(['"x"', '*', '']);
  if (rng.chance(0.1)) h['content-length'] = rng.pick(['0', '10', '99999999', '-1']);
  return h;
}

/** The open mode's CSRF token, or null for an app without the review app's session route (a test's probe app). */
async function sessionCsrf(app: Hono): Promise<string | null> {
  const res = await app.request('http://localhost/api/session');
  const body = (await res.json().catch(() => null)) as { csrf?: unknown } | null;
  return typeof body?.csrf === 'string' ? body.csrf : null;
}

export async function fuzzHttp(opts: FuzzOptions & { app?: Hono }): Promise<FuzzReport> {
  const report: FuzzReport = { target: 'http', inputs: 0, outcomes: {}, failures: [], seconds: 0 };
  const t0 = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-fuzz-http-'));
  const db = opts.app ? null : await fuzzDatabase(dir);
  const app = opts.app ?? createReviewApp({ db: db!, token: null, loopbackOnly: true });
  const routes = routesOf(app);
  const rng = new Rng(opts.seed);
  const perRoute: Record<string, number> = {};
  // hono writes the stack of a handler's error to stderr; the failure list says it once
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  const csrf = await sessionCsrf(app);
  const tFuzz = performance.now();
  try {
    for (let id = 0; performance.now() - tFuzz < opts.seconds * 1000; id++) {
      const route = routes[id % routes.length]!;
      const method = route.method === 'ALL' ? rng.pick(METHODS) : route.method;
      const body = method === 'GET' || method === 'HEAD' ? undefined : randomBody(rng);
      const url = `http://${rng.chance(0.9) ? 'localhost' : rng.pick(['127.0.0.1:8787', 'evil.example', '[::1]'])}${fillPath(route.path, rng)}${randomQuery(rng)}`;
      const init: RequestInit = { method, headers: randomHeaders(rng, body, csrf), ...(body !== undefined ? { body } : {}) };
      const req = { route: `${route.method} ${route.path}`, url, method, headers: init.headers, body: body && body.length > 2000 ? `${body.slice(0, 2000)}… (${body.length} chars)` : body };
      let status: number | 'hang' | 'threw';
      let detail = '';
      try {
        const res = await Promise.race([
          Promise.resolve(app.request(url, init)),
          new Promise<'hang'>((r) => setTimeout(() => r('hang'), opts.timeoutMs ?? 15_000).unref()),
        ]);
        if (res === 'hang') status = 'hang';
        else {
          status = res.status;
          if (status >= 500) detail = (await res.text()).slice(0, 300);
          else await res.arrayBuffer();
        }
      } catch (e) {
        status = 'threw';
        detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
      report.inputs++;
      perRoute[req.route] = (perRoute[req.route] ?? 0) + 1;
      count(report.outcomes, typeof status === 'number' ? `${Math.floor(status / 100)}xx` : status);
      if (status === 'hang' || status === 'threw' || status >= 500) {
        const kind = status === 'hang' ? 'hang' : status === 'threw' ? 'threw' : 'server-error';
        report.failures.push({ kind, detail: `${method} ${url.slice(0, 160)} → ${status} ${detail}`.slice(0, 400), saved: saveInput('http', req, `${kind}: ${detail}`, opts.crashDir) });
      }
    }
  } finally {
    process.stderr.write = write;
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report.seconds = (performance.now() - t0) / 1000;
  report.outcomes.routes = routes.length;
  report.outcomes['fewest requests to a route'] = Math.min(...routes.map((r) => perRoute[`${r.method} ${r.path}`] ?? 0));
  return report;
}
