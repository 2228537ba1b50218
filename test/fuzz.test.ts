/**
 * A short run of `npm run fuzz` (src/fuzz/): a few seconds per target, a random seed each time (printed; FUZZ_SEED
 * replays it). Failing inputs are kept under .tmp/fuzz-crashes/ with a note. Plus what fuzzing found, kept as
 * regressions, and proof that the route enumeration fuzzes routes nobody told it about.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { createReviewApp } from '../src/server/app.js';
import { fuzzDatabase, fuzzHttp, routesOf } from '../src/fuzz/http.js';
import { fuzzNormalise } from '../src/fuzz/normalise.js';
import { fuzzPdf, runPdfInputs } from '../src/fuzz/pdf.js';
import type { FuzzReport } from '../src/fuzz/report.js';

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SECONDS = 3;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function clean(r: FuzzReport): void {
  const list = r.failures.map((f) => `${f.kind}: ${f.detail} (${f.saved})`).join('\n');
  expect(r.failures, `${r.target}, seed ${seed}:\n${list}`).toEqual([]);
  expect(r.inputs).toBeGreaterThan(0);
}

describe(`fuzzing, seed ${seed}`, () => {
  it('PDF opener and rasteriser: every mutated input rasterises or gets a one-line error naming file and page', async () => {
    const r = await fuzzPdf({ seconds: SECONDS, seed, timeoutMs: 60_000 });
    clean(r);
    expect((r.outcomes.ok ?? 0) + (r.outcomes['input-error'] ?? 0)).toBe(r.inputs);
  });

  it('normaliser: every public function takes arbitrary text without throwing or hanging', async () => {
    const r = await fuzzNormalise({ seconds: SECONDS, seed });
    clean(r);
    expect(r.outcomes.functions).toBeGreaterThanOrEqual(30);
    expect(r.outcomes['fewest calls of a function']).toBeGreaterThan(0);
  });

  it('review server: every route answers random requests with a status under 500', async () => {
    const r = await fuzzHttp({ seconds: SECONDS, seed });
    clean(r);
    expect(r.outcomes['fewest requests to a route']).toBeGreaterThan(0);
  });
});

describe('what fuzzing found, kept', () => {
  it('a damaged cross-reference table (pdfjs leaves a rejection unhandled), a JBIG2 region claiming 2 million px columns, an image 1.5 px wide', async () => {
    const broken = fs.readFileSync('samples/bad/broken-page.pdf', 'latin1');
    const xref = Buffer.from(broken.replace('/Length 1240 >>', '/Length 16 >>').replace('/XObject <<', '/DeviceCMYK <<'), 'latin1');
    const jbig2 = Buffer.from(fs.readFileSync('samples/scanners/jbig2.pdf'));
    // each page's region width (2100 = 00 00 08 34) as a flipped bit turned it: 00 20 08 34
    const header = Buffer.from([0x00, 0x00, 0x00, 0x01, 0x26]);
    let patched = 0;
    for (let at = jbig2.indexOf(header); at > 0; at = jbig2.indexOf(header, at + 1), patched++) jbig2[at + 11 + 1] = 0x20;
    expect(patched).toBe(2);
    // one strip of eight 1.5 px wide: pdfjs looped for ever drawing it
    const strips = fs.readFileSync('samples/scanners/strips.pdf', 'latin1');
    const at = strips.indexOf('/Width 1400', strips.indexOf('/Width 1400') + 1);
    const fractional = Buffer.from(`${strips.slice(0, at)}/Width 1.5${strips.slice(at + '/Width 1400'.length)}`, 'latin1');
    const t0 = performance.now();
    const [a, b, c] = await runPdfInputs([new Uint8Array(xref), new Uint8Array(jbig2), new Uint8Array(fractional)]);
    // the process survives the first (it used to die); the second's pages are refused (they cost 69 s of CPU each);
    // the third's page is refused instead of hanging
    expect(a!.outcome).toMatch(/^(ok|input-error)$/);
    expect(b!.outcome).toBe('input-error');
    expect(c!.outcome).toBe('input-error');
    expect(performance.now() - t0).toBeLessThan(45_000);
  });

  it('the route enumeration fuzzes a route added later, and catches it failing', async () => {
    const app = new Hono();
    app.onError((_e, c) => c.json({ error: 'internal error' }, 500));
    app.get('/fine/:id', (c) => c.json({ id: c.req.param('id') }));
    app.post('/later/:id', async (c) => {
      const body = await c.req.text();
      if (body.includes('who')) throw new Error('a handler bug');
      return c.json({ ok: true });
    });
    expect(routesOf(app).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /fine/:id', 'POST /later/:id']);
    const crashDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-fuzz-probe-'));
    dirs.push(crashDir);
    const r = await fuzzHttp({ seconds: 1, seed, app, crashDir });
    expect(r.failures.length).toBeGreaterThan(0);
    expect(r.failures.every((f) => f.kind === 'server-error' && f.detail.includes('/later/') && f.saved.startsWith(crashDir))).toBe(true);
  });

  it('the review app\'s route table holds every route the README lists', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-fuzz-routes-'));
    dirs.push(dir);
    const db = await fuzzDatabase(dir);
    const routes = routesOf(createReviewApp({ db })).map((r) => `${r.method} ${r.path}`);
    db.close();
    for (const r of [
      'GET /api/submissions',
      'GET /api/submissions/:id/pages/:page/image',
      'GET /api/submissions/:id/pages/:page/crop',
      'POST /api/submissions/:id/corrections',
      'POST /api/submissions/:id/review',
      'GET /api/parse',
    ]) {
      expect(routes).toContain(r);
    }
  });
});
