import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Hono } from 'hono';
import type { Db } from '../../db/open.js';
import { parseCellValue } from '../../pipeline/normalise/index.js';
import { createReviewApp } from '../../src/server/app.js';
import type { IndicatorView, QueueItem } from '../../src/server/review.js';
import { getJson, MISREADS, postJson, reviewFixture } from './fixture.js';
import type { SampleId } from './truthDb.js';

let app: Hono;
let db: Db;
let ids: Map<SampleId, number>;
let sid: number; // smp_001, with the planted misreads
let dispose: () => void;
let csrf: string;

beforeAll(async () => {
  // no accounts, no token: the loopback single-user mode, writes recorded as local:<OS user>
  const f = await reviewFixture({ localName: 'tester' });
  app = f.app;
  db = f.db;
  ids = f.ids;
  dispose = f.dispose;
  sid = ids.get('smp_001')!;
  csrf = (await getJson(app, '/api/session')).body.csrf;
});
afterAll(() => dispose?.());

const indicators = async (id = sid): Promise<IndicatorView[]> => (await getJson(app, `/api/submissions/${id}/indicators`)).body.indicators;
const queue = async (q = ''): Promise<QueueItem[]> => (await getJson(app, `/api/submissions${q}`)).body.submissions;
const find = (list: IndicatorView[], code: string) => list.find((i) => i.indicatorCode === code)!;
const who = 'local:tester';
/** A write from the page: it sends the CSRF token it got from /api/session. */
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => postJson(app, path, body, { 'x-csrf-token': csrf, ...headers });

describe('GET /api/config', () => {
  it('says whether writes need a token, and refuses query junk', async () => {
    expect((await getJson(app, '/api/config')).body).toMatchObject({ auth: 'open', writeTokenRequired: false });
    expect((await getJson(app, '/api/config?x=1')).status).toBe(400);
  });
});

describe('GET /api/submissions', () => {
  it('lists every submission, most open flags first', async () => {
    const list = await queue();
    expect(list.map((s) => s.id).sort()).toEqual([...ids.values()].sort());
    for (let i = 1; i < list.length; i++) expect(list[i - 1]!.openFlags).toBeGreaterThanOrEqual(list[i]!.openFlags);
    // the planted misreads are flagged
    expect(list.find((s) => s.id === sid)!.openFlags).toBeGreaterThan(0);
  });

  it('filters by fiscal year (ASCII or Bangla digits), quarter, status and office', async () => {
    const all = await queue();
    const fy = all.find((s) => s.id === sid)!.fiscalYear!;
    const byFy = await queue(`?fy=${fy}`);
    expect(byFy.length).toBe(all.filter((s) => s.fiscalYear === fy).length);
    expect(byFy.every((s) => s.fiscalYear === fy)).toBe(true);
    const bangla = fy.replace(/\d/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)]!);
    expect((await queue(`?fy=${encodeURIComponent(bangla)}`)).map((s) => s.id)).toEqual(byFy.map((s) => s.id));
    const q = all.find((s) => s.id === sid)!.quarter!;
    expect((await queue(`?quarter=${q}`)).every((s) => s.quarter === q)).toBe(true);
    expect((await queue('?status=failed')).length).toBe(0);
    expect((await queue('?status=ok')).length).toBe(all.filter((s) => s.status === 'ok').length);
    const district = all.find((s) => s.id === sid)!.office.district!;
    const byOffice = await queue(`?office=${encodeURIComponent(district)}`);
    expect(byOffice.map((s) => s.id)).toContain(sid);
    expect(byOffice.length).toBeLessThan(all.length);
  });

  it.each([['?fy=2022'], ['?quarter=5'], ['?status=done'], ['?review=maybe'], ['?limit=0'], ['?sort=flags'], [`?office=${'x'.repeat(300)}`]])('refuses %s', async (q) => {
    const r = await getJson(app, `/api/submissions${q}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toBeTruthy();
  });
});

describe('GET /api/submissions/:id', () => {
  it('returns metadata, review state and counts', async () => {
    const r = await getJson(app, `/api/submissions/${sid}`);
    expect(r.status).toBe(200);
    expect(r.body.fileName).toBe('smp_001.pdf');
    expect(r.body.metaFields.map((m: { field: string }) => m.field)).toContain('fiscalYear');
    expect(r.body.counts.indicators).toBe((await indicators()).length);
    expect(r.body.review.reviewedAt).toBeNull();
  });

  it.each([['abc', 400], ['0', 400], ['-1', 400], ['1.5', 400], ['99999999999', 400], ['999999', 404]])('answers %s with %i', async (id, status) => {
    expect((await getJson(app, `/api/submissions/${id}`)).status).toBe(status);
  });
});

describe('GET /api/submissions/:id/pages', () => {
  it('lists pages with sections and flag counts', async () => {
    const r = await getJson(app, `/api/submissions/${sid}/pages`);
    expect(r.status).toBe(200);
    expect(r.body.pages.length).toBe(3);
    expect(r.body.sections.flatMap((s: { pages: number[] }) => s.pages)).toEqual([1, 2, 3]);
    const annex = r.body.pages.find((p: { section: string }) => p.section === 'annex5');
    expect(annex.openFlags).toBeGreaterThan(0);
    expect(annex.width).toBeGreaterThan(1000);
  });
  it('404s an unknown submission and 400s a bad id', async () => {
    expect((await getJson(app, '/api/submissions/424242/pages')).status).toBe(404);
    expect((await getJson(app, '/api/submissions/x/pages')).status).toBe(400);
  });
});

/** Mean darkness of each pixel column of a grey PNG. */
async function columnInk(png: Buffer): Promise<{ width: number; ink: number[] }> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const ink = Array.from({ length: info.width }, (_, x) => {
    let s = 0;
    for (let y = 0; y < info.height; y++) s += 255 - data[y * info.width * info.channels + x * info.channels]!;
    return s / info.height;
  });
  return { width: info.width, ink };
}

describe('page images', () => {
  it('render the upright page at the size every stored box refers to, with a revalidation tag', async () => {
    const pages = (await getJson(app, `/api/submissions/${sid}/pages`)).body.pages;
    const res = await app.request(`/api/submissions/${sid}/pages/2/image`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([pages[1].width, pages[1].height]);
    const again = await app.request(`/api/submissions/${sid}/pages/2/image`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  // a box lands on its rules only if the image was turned and deskewed exactly as at ingest
  it.each([
    ['smp_001', 2],
    ['smp_002', 3], // fed in upside down
    ['smp_003', 3], // turned 90°
  ] as const)('line up with the table boxes (%s page %i)', async (sample, page) => {
    const id = ids.get(sample)!;
    const info = (await getJson(app, `/api/submissions/${id}/pages`)).body.pages[page - 1];
    const img = await sharp(Buffer.from(await (await app.request(`/api/submissions/${id}/pages/${page}/image`)).arrayBuffer())).metadata();
    expect([img.width, img.height]).toEqual([info.width, info.height]);
    const t = (await getJson(app, `/api/submissions/${id}/pages/${page}/tables`)).body.tables[0];
    const pad = 10;
    const res = await app.request(`/api/submissions/${id}/pages/${page}/crop?x0=${t.bbox.x0}&y0=${t.bbox.y0}&x1=${t.bbox.x1}&y1=${t.bbox.y1}&pad=${pad}`);
    expect(res.status).toBe(200);
    const { ink } = await columnInk(Buffer.from(await res.arrayBuffer()));
    const sorted = [...ink].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    // every vertical rule (stored x of each column line) must fall on dark pixels of the crop, within the skew
    const darkest = (x: number) => Math.max(...ink.slice(Math.max(0, x - 6), Math.max(0, x + 7)));
    const at = (dx: number) => t.colLines.map((x: number) => darkest(Math.round(x - t.bbox.x0 + pad + dx)));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(at(0))).toBeGreaterThan(2.5 * median + 10);
    // the same lines shifted by a fraction of a cell land on paper or text, not on rules
    expect(mean(at(25))).toBeLessThan(0.6 * mean(at(0)));
  });

  it('crop a box with context, clamped to the page', async () => {
    const res = await app.request(`/api/submissions/${sid}/pages/2/crop?x0=100&y0=200&x1=300&y1=260&pad=5`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([210, 70]);
    const corner = await sharp(Buffer.from(await (await app.request(`/api/submissions/${sid}/pages/2/crop?x0=0&y0=0&x1=50&y1=40`)).arrayBuffer())).metadata();
    expect([corner.width, corner.height]).toEqual([62, 52]); // the default pad of 12 only to the right and below
  });

  it.each([
    ['?x0=10&y0=10&x1=5&y1=20', 400], // x1 < x0
    ['?x0=10&y0=10&x1=20', 400], // y1 missing
    ['?x0=-5&y0=10&x1=20&y1=30', 400],
    ['?x0=abc&y0=10&x1=20&y1=30', 400],
    ['?x0=10&y0=10&x1=20&y1=30&pad=1000', 400],
    ['?x0=90000&y0=10&x1=90010&y1=30', 400], // outside the page
    ['?x0=10&y0=10&x1=20&y1=30&file=/etc/passwd', 400],
  ])('refuse a bad crop %s', async (q, status) => {
    expect((await getJson(app, `/api/submissions/${sid}/pages/2/crop${q}`)).status).toBe(status);
  });

  it('404 a page the submission does not have and 400 a bad page number', async () => {
    expect((await getJson(app, `/api/submissions/${sid}/pages/99/image`)).status).toBe(404);
    expect((await getJson(app, `/api/submissions/${sid}/pages/0/image`)).status).toBe(400);
    expect((await getJson(app, `/api/submissions/${sid}/pages/2/image?path=x`)).status).toBe(400);
  });
});

describe('GET /api/submissions/:id/pages/:page/tables', () => {
  it('gives cell boxes, and names the indicator field each value cell holds', async () => {
    const r = await getJson(app, `/api/submissions/${sid}/pages/2/tables`);
    expect(r.status).toBe(200);
    const cells = r.body.tables.flatMap((t: { cells: unknown[] }) => t.cells) as { ref: { indicatorId: number; field: string } | null; bbox: { x0: number; x1: number } }[];
    expect(cells.every((c) => c.bbox.x1 > c.bbox.x0)).toBe(true);
    const refs = cells.filter((c) => c.ref).map((c) => `${c.ref!.indicatorId}:${c.ref!.field}`);
    const expected = (await indicators()).filter((i) => i.page === 2).flatMap((i) => Object.entries(i.fields).filter(([, f]) => f.bbox).map(([k]) => `${i.id}:${k}`));
    expect(refs.sort()).toEqual(expected.sort());
  });
  it('404s a missing page', async () => {
    expect((await getJson(app, `/api/submissions/${sid}/pages/7/tables`)).status).toBe(404);
  });
});

describe('GET /api/submissions/:id/indicators', () => {
  it('gives records with current values, OCR readings, parse hints and flags', async () => {
    const list = await indicators();
    const rec = find(list, MISREADS[0]!.indicatorCode);
    const f = rec.fields.q3;
    expect(f.ocr.raw).toBe(MISREADS[0]!.text);
    expect(f.hint).toBe('date');
    expect(f.corrected).toBe(false);
    expect(rec.flags.some((fl) => fl.field === 'q3' && !fl.resolved)).toBe(true);
    expect(rec.occurrence).toBe(1);
  });
  it('filters by page and validates the query', async () => {
    const r = await getJson(app, `/api/submissions/${sid}/indicators?page=1`);
    expect(r.body.indicators).toEqual([]);
    expect((await getJson(app, `/api/submissions/${sid}/indicators?page=0`)).status).toBe(400);
    expect((await getJson(app, `/api/submissions/${sid}/indicators?pg=2`)).status).toBe(400);
    expect((await getJson(app, '/api/submissions/31337/indicators')).status).toBe(404);
  });
});

describe('POST /api/submissions/:id/corrections', () => {
  it('corrects an indicator value typed with Bangla digits; flags resolve; the export uses and marks it', async () => {
    const m = MISREADS[0]!;
    const before = find(await indicators(), m.indicatorCode);
    const openBefore = (await queue()).find((s) => s.id === sid)!.openFlags;
    const onField = before.flags.filter((f) => f.field === m.field).length;
    const typed = '১টি ০৩-০৩-২০২৩';
    const r = await post(`/api/submissions/${sid}/corrections`, { target: 'indicator', indicatorId: before.id, field: m.field, raw: typed, reason: 'year misread' });
    expect(r.status).toBe(201);
    const expected = parseCellValue(typed, 'date').value;
    expect(r.body.field.value).toEqual(expected);
    expect(r.body.field.corrected).toBe(true);
    expect(r.body.field.ocr.raw).toBe(m.text);
    expect(r.body.correction).toMatchObject({ who, reason: 'year misread', oldRaw: m.text, newRaw: typed, indicatorCode: m.indicatorCode, occurrence: 1 });

    const after = find(await indicators(), m.indicatorCode);
    expect(after.fields.q3.value).toEqual(expected);
    expect(after.flags.filter((f) => f.field === m.field).every((f) => f.resolved)).toBe(true);
    expect((await queue()).find((s) => s.id === sid)!.openFlags).toBe(openBefore - onField);

    const exp = (await getJson(app, `/api/submissions/${sid}/export`)).body;
    const rec = exp.pages.flatMap((p: any) => p.tables).flatMap((t: any) => t.indicators).find((i: any) => i.indicatorCode === m.indicatorCode);
    expect(rec.q3).toMatchObject({ value: expected, raw: typed, corrected: true, confidence: 1 });
    expect(rec.q3.correction).toMatchObject({ who, ocrRaw: m.text });
    const table = exp.pages[1].tables[0];
    expect(table.grid[rec.row]).toContain(typed); // the reconstructed table shows the corrected text
    expect(exp.review.corrections).toBeGreaterThan(0);
  });

  it('records a confirmation when the value typed is the one OCR read', async () => {
    const rec = find(await indicators(), '2.1.1');
    const raw = rec.fields.target.raw!;
    const r = await post(`/api/submissions/${sid}/corrections`, { target: 'indicator', indicatorId: rec.id, field: 'target', raw });
    expect(r.status).toBe(201);
    expect(r.body.field.corrected).toBe(false);
    expect(r.body.field.correction.who).toBe(who);
    expect(r.body.field.value).toEqual(rec.fields.target.value);
  });

  it('corrects metadata, parsing Bangla digits and dates', async () => {
    const fy = await post(`/api/submissions/${sid}/corrections`, { target: 'meta', field: 'fiscalYear', raw: '২০২৩-২৪' });
    expect(fy.status).toBe(201);
    expect(fy.body.value).toBe('2023-24');
    const q = await post(`/api/submissions/${sid}/corrections`, { target: 'meta', field: 'quarter', raw: '৩' });
    expect(q.body.value).toBe(3);
    const d = await post(`/api/submissions/${sid}/corrections`, { target: 'meta', field: 'submissionDate', raw: '০৩/০৭/২০২৩' });
    expect(d.body.value).toBe('2023-07-03');
    const lvl = await post(`/api/submissions/${sid}/corrections`, { target: 'meta', field: 'office.level', raw: 'জেলা' });
    expect(lvl.body.value).toBe('district');
    const detail = (await getJson(app, `/api/submissions/${sid}`)).body;
    expect([detail.fiscalYear, detail.quarter, detail.submissionDate, detail.office.level]).toEqual(['2023-24', 3, '2023-07-03', 'district']);
    expect(detail.metaFields.find((m: { field: string }) => m.field === 'fiscalYear').correction.who).toBe(who);
    const exp = (await getJson(app, `/api/submissions/${sid}/export`)).body;
    expect(exp.fiscalYear).toBe('2023-24');
    expect(exp.metadata.fiscalYear.source).toMatch(/^correction by local:tester at /);
    // the queue filters on the corrected value
    expect((await queue('?fy=2023-24')).map((s) => s.id)).toContain(sid);
  });

  it('corrects a page section and recomputes the section spans', async () => {
    const r = await post(`/api/submissions/${sid}/corrections`, { target: 'page', page: 3, section: 'letter', subtype: 'notice', reason: 'a notice, not a certificate' });
    expect(r.status).toBe(201);
    const pages = (await getJson(app, `/api/submissions/${sid}/pages`)).body;
    expect(pages.pages[2]).toMatchObject({ section: 'letter', subtype: 'notice', ocrSection: 'certificate' });
    expect(pages.sections.at(-1)).toMatchObject({ section: 'letter', subtype: 'notice', pages: [3] });
    const exp = (await getJson(app, `/api/submissions/${sid}/export`)).body;
    expect(exp.pages[2].section).toBe('letter');
  });

  it.each([
    ['a typed reviewer name (who comes from the login)', { target: 'indicator', indicatorId: 1, field: 'q1', raw: '১', who: 'Mallory' }, 400],
    ['an unknown field', { target: 'indicator', indicatorId: 1, field: 'q9', raw: '১' }, 400],
    ['an unknown target', { target: 'cell' }, 400],
    ['a two-line value', { target: 'indicator', indicatorId: 1, field: 'q1', raw: '১\n২' }, 400],
    ['a huge value', { target: 'indicator', indicatorId: 1, field: 'q1', raw: '১'.repeat(600) }, 400],
    ['an extra key', { target: 'indicator', indicatorId: 1, field: 'q1', raw: '১', sha256: 'x' }, 400],
    ['a string id', { target: 'indicator', indicatorId: '1', field: 'q1', raw: '১' }, 400],
    ['a record that does not exist', { target: 'indicator', indicatorId: 987654, field: 'q1', raw: '১' }, 404],
    ['an unreadable fiscal year', { target: 'meta', field: 'fiscalYear', raw: 'last year' }, 422],
    ['an impossible quarter', { target: 'meta', field: 'quarter', raw: '৫' }, 422],
    ['an unknown metadata field', { target: 'meta', field: 'office.mayor', raw: 'x' }, 400],
    ['a subtype of another section', { target: 'page', page: 1, section: 'annex5', subtype: 'notice' }, 400],
    ['a page the file does not have', { target: 'page', page: 42, section: 'other', subtype: 'unknown' }, 404],
  ])('refuses %s', async (_what, body, status) => {
    const r = await post(`/api/submissions/${sid}/corrections`, body);
    expect(r.status).toBe(status);
    expect(typeof r.body.error).toBe('string');
  });

  it('refuses a record of another submission', async () => {
    const other = (await indicators(ids.get('smp_002')!))[0]!;
    const r = await post(`/api/submissions/${sid}/corrections`, { target: 'indicator', indicatorId: other.id, field: 'q1', raw: '১' });
    expect(r.status).toBe(404);
  });

  it('refuses bodies that are not JSON, too large, or from another origin', async () => {
    const url = `/api/submissions/${sid}/corrections`;
    const json = { 'content-type': 'application/json', 'x-csrf-token': csrf };
    expect((await app.request(url, { method: 'POST', headers: json, body: '{nope' })).status).toBe(400);
    expect((await app.request(url, { method: 'POST', headers: { ...json, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' })).status).toBe(415);
    expect((await app.request(url, { method: 'POST', headers: { ...json, 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    const big = JSON.stringify({ target: 'meta', field: 'office.name', raw: 'x'.repeat(70_000) });
    expect((await app.request(url, { method: 'POST', headers: json, body: big })).status).toBe(413);
    const body = JSON.stringify({ target: 'meta', field: 'annexFormat', raw: 'B' });
    expect((await app.request(url, { method: 'POST', headers: { ...json, origin: 'http://evil.example' }, body })).status).toBe(403);
    expect((await app.request(url, { method: 'POST', headers: { ...json, origin: 'null' }, body })).status).toBe(403);
    expect((await app.request(url, { method: 'POST', headers: { ...json, 'sec-fetch-site': 'cross-site' }, body })).status).toBe(403);
    expect((await app.request(url, { method: 'POST', headers: { ...json, origin: 'http://localhost' }, body })).status).toBe(201);
  });

  it('keeps every correction as history, oldest first', async () => {
    const r = await getJson(app, `/api/submissions/${sid}/corrections`);
    expect(r.status).toBe(200);
    const list = r.body.corrections as { id: number; target: string }[];
    expect(list.length).toBeGreaterThanOrEqual(7);
    expect(list.map((c) => c.id)).toEqual([...list.map((c) => c.id)].sort((a, b) => a - b));
    expect(new Set(list.map((c) => c.target))).toEqual(new Set(['indicator', 'meta', 'page']));
    expect((await getJson(app, '/api/submissions/5555/corrections')).status).toBe(404);
  });
});

describe('POST /api/submissions/:id/review', () => {
  it('marks and unmarks a submission; reviewed ones go to the end of the queue', async () => {
    const id = ids.get('smp_003')!;
    const r = await post(`/api/submissions/${id}/review`, {});
    expect(r.status).toBe(200);
    expect(r.body.reviewedBy).toBe(who);
    expect(Date.parse(r.body.reviewedAt)).not.toBeNaN();
    const list = await queue();
    expect(list.at(-1)!.id).toBe(id);
    expect((await queue('?review=reviewed')).map((s) => s.id)).toEqual([id]);
    expect((await queue('?review=pending')).map((s) => s.id)).not.toContain(id);
    const undo = await post(`/api/submissions/${id}/review`, { reviewed: false });
    expect(undo.body).toEqual({ reviewedAt: null, reviewedBy: null });
  });
  it.each([
    [{ reviewed: 1 }, 400],
    [{ reviewed: null }, 400],
    [{ reviewed: 'yes' }, 400],
    [{ note: 'x' }, 400],
  ])('refuses %j', async (body, status) => {
    expect((await post(`/api/submissions/${sid}/review`, body)).status).toBe(status);
  });
  it('404s an unknown submission', async () => {
    expect((await post('/api/submissions/77777/review', {})).status).toBe(404);
  });
});

describe('GET /api/submissions/:id/export', () => {
  it('is the export JSON with the review state', async () => {
    const r = await getJson(app, `/api/submissions/${sid}/export`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'smp_001', sourcePdf: 'smp_001.pdf', review: { reviewedAt: null } });
    expect((await getJson(app, '/api/submissions/8888/export')).status).toBe(404);
    expect((await getJson(app, `/api/submissions/${sid}/export?format=csv`)).status).toBe(400);
  });
});

describe('GET /api/parse', () => {
  it('reads a typed value the way a correction will', async () => {
    expect((await getJson(app, `/api/parse?raw=${encodeURIComponent('৮০%')}&hint=percent`)).body.value).toBe(80);
    expect((await getJson(app, '/api/parse?raw=&hint=count')).body.value).toBeNull();
    expect((await getJson(app, '/api/parse?hint=count')).status).toBe(400);
    expect((await getJson(app, '/api/parse?raw=1&hint=money')).status).toBe(400);
  });
});

describe('routing and security', () => {
  it('serves the web page from a fixed list, never from a client path', async () => {
    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect((await app.request('/app.js')).headers.get('content-type')).toMatch(/javascript/);
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/web/app.js', '/fonts/../../package.json']) {
      expect((await app.request(p)).status).toBe(404);
    }
    expect((await getJson(app, '/api/nothing')).status).toBe(404);
  });

  it('answers only requests addressed to localhost when bound to loopback', async () => {
    expect((await app.request('http://evil.example/api/submissions')).status).toBe(403);
    expect((await app.request('http://127.0.0.1/api/config')).status).toBe(200);
  });

  it('without accounts but with a token: reads open, writes need the token and are recorded as the script identity', async () => {
    const token = 'a-long-enough-test-token';
    const locked = createReviewApp({ db, token, tokenName: 'importer', loopbackOnly: false });
    const body = { target: 'meta', field: 'annexFormat', raw: 'A' };
    expect((await getJson(locked, '/api/config')).body.writeTokenRequired).toBe(true);
    expect((await getJson(locked, '/api/submissions')).status).toBe(200);
    expect((await postJson(locked, `/api/submissions/${sid}/corrections`, body)).status).toBe(401);
    expect((await postJson(locked, `/api/submissions/${sid}/corrections`, body, { authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
    expect((await postJson(locked, `/api/submissions/${sid}/corrections`, body, { authorization: `Basic ${token}` })).status).toBe(401);
    const ok = await postJson(locked, `/api/submissions/${sid}/corrections`, body, { authorization: `Bearer ${token}` });
    expect(ok.status).toBe(201);
    expect(ok.body.correction).toMatchObject({ who: 'token:importer', via: 'token', userId: null });
    expect((await postJson(locked, `/api/submissions/${sid}/review`, {}, { authorization: `Bearer ${token}x` })).status).toBe(401);
  });
});
