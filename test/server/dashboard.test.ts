/**
 * The dashboard's API over a database with known values (test/server/dashboardDb.ts): every route's numbers
 * against SQL over the analysis views (and a few worked by hand), its filters, names in Bangla and English,
 * unknown names (404 naming the closest), bad query strings (400), the empty database, and the CSV/XLSX
 * downloads against the JSON the page draws from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { coverage } from '../../db/analysis.js';
import { openDb, type Db } from '../../db/open.js';
import { catalogueEntryById } from '../../models/catalogue-links.js';
import { toBanglaDigits } from '../../pipeline/normalise/index.js';
import { toCsv } from '../../src/exports/csv.js';
import { coverageTable } from '../../src/query/tables.js';
import { createReviewApp } from '../../src/server/app.js';
import { buildDashboardDb, median, sqlRates } from './dashboardDb.js';
import { getJson, postJson } from './fixture.js';

let db: Db;
let app: Hono;

beforeAll(() => {
  db = buildDashboardDb().db;
  app = createReviewApp({ db });
});
afterAll(() => db?.close());

const api = async (path: string) => getJson(app, `/api/dashboard/${path}`);
const ok = async (path: string) => {
  const r = await api(path);
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  return r.body;
};
const enc = encodeURIComponent;
/** a response body as sent, byte-order mark included (Response.text() drops it) */
const bytes = async (res: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
const all = <T>(sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];

const EFILE = catalogueEntryById('efile-notes')!.members;
const VALUE_FIELDS = ['unit', 'weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total', 'rate', 'score', 'remarks'];

/** open flags that put a value field in doubt: its own and those on the whole record (as the page marks them) */
function openFlagsOn(indicatorId: number, field: string): number {
  return all<{ field: string | null }>("SELECT field FROM v_flags WHERE indicator_id = ? AND state = 'open'", indicatorId).filter(
    (f) => f.field === field || f.field == null || !VALUE_FIELDS.includes(f.field),
  ).length;
}

/** efile-notes records as the analysis view gives them */
function efileSql(where = '1 = 1', ...params: unknown[]) {
  return all<{ indicator_id: number; file: string; office_key: string; fiscal_year: string; quarter: string; target: number; total: number; target_corrected: number; total_corrected: number }>(
    `SELECT indicator_id, file, office_key, fiscal_year, quarter, CAST(target AS REAL) AS target, CAST(total AS REAL) AS total, target_corrected, total_corrected
       FROM v_indicator_values
      WHERE (fiscal_year, indicator_code) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?)) AND ${where}`,
    JSON.stringify(EFILE.map((m) => [m.fiscalYear, m.code])),
    ...params,
  );
}

/** A reviewer's correction of a record's total, sent as the page sends it (with the CSRF token of the session). */
async function correct(app: ReturnType<typeof createReviewApp>, rec: { id: number; submission_id: number }, raw: string) {
  const csrf = (await getJson(app, '/api/session')).body.csrf as string;
  return postJson(app, `/api/submissions/${rec.submission_id}/corrections`, { target: 'indicator', indicatorId: rec.id, field: 'total', raw }, { 'x-csrf-token': csrf });
}

describe('GET /api/dashboard/options', () => {
  it('lists the places, offices and years stored, in Bangla and English, and the catalogue', async () => {
    const o = await ok('options');
    const divisions = all<{ division: string }>('SELECT DISTINCT division FROM current_submissions ORDER BY 1').map((r) => r.division);
    expect(o.divisions.map((d: { bn: string }) => d.bn).sort()).toEqual(divisions);
    expect(o.divisions).toContainEqual({ bn: 'খুলনা', en: 'Khulna', offices: 5 });
    expect(o.districts).toContainEqual(expect.objectContaining({ bn: 'যশোর', en: 'Jashore', offices: 1 }));
    expect(o.offices.map((x: { label: { en: string } }) => x.label.en)).toContain('Dumuria, Khulna');
    expect(o.fiscalYears).toEqual(all<{ fy: string }>('SELECT DISTINCT fiscal_year AS fy FROM current_submissions ORDER BY 1').map((r) => r.fy));
    expect(o.catalogue.find((e: { id: string }) => e.id === 'efile-notes').members).toEqual(EFILE.map((m) => ({ fiscalYear: m.fiscalYear, code: m.code })));
  });

  it('refuses query keys it does not know', async () => {
    expect((await api('options?x=1')).status).toBe(400);
  });
});

describe('GET /api/dashboard/coverage', () => {
  it('draws the table `query coverage` prints, with each cell’s reports as SQL has them', async () => {
    const v = await ok('coverage');
    expect(v.heatmap).toEqual(coverageTable(coverage(db), { terminal: false }));
    const subs = all<{ submission_id: number; office_key: string; fiscal_year: string; quarter: string; open_flags: number }>(
      'SELECT c.submission_id, c.office_key, c.fiscal_year, c.quarter, f.open_flags FROM current_submissions c JOIN v_submission_flags f USING (submission_id)',
    );
    let cells = 0;
    v.offices.forEach((o: { key: string }, i: number) =>
      v.periods.forEach((p: { fiscalYear: string; quarter: string }, k: number) => {
        const want = subs.filter((s) => s.office_key === o.key && s.fiscal_year === p.fiscalYear && s.quarter === p.quarter);
        // [submission id, file, open flags, metadata corrected, reviewed]
        expect(v.reports[i][k].map((r: number[]) => r[0]).sort()).toEqual(want.map((s) => s.submission_id).sort());
        expect(v.reports[i][k].map((r: number[]) => r[2]).sort()).toEqual(want.map((s) => s.open_flags).sort());
        const state = want.length === 0 ? 'missing' : want.some((s) => s.open_flags > 0) ? 'flagged' : 'submitted';
        expect(v.heatmap.rows[i][2 + k]).toBe(state);
        cells++;
      }),
    );
    expect(cells).toBe(v.offices.length * v.periods.length);
    // the bar chart counts the heatmap's states per period
    v.byPeriod.rows.forEach((r: (string | number)[], k: number) => {
      const states = v.heatmap.rows.map((row: string[]) => row[2 + k]);
      expect(r.slice(3)).toEqual(['submitted', 'flagged', 'missing'].map((s) => states.filter((x: string) => x === s).length));
    });
    expect(v.summary.expected).toBe(v.offices.length * v.periods.length);
  });

  it('filters by division and district, named in Bangla or English, and by fiscal year', async () => {
    const khulna = all<{ office_key: string }>("SELECT DISTINCT office_key FROM current_submissions WHERE division = 'খুলনা'").map((r) => r.office_key).sort();
    const en = await ok('coverage?division=Khulna');
    expect(en.offices.map((o: { key: string }) => o.key).sort()).toEqual(khulna);
    expect((await ok(`coverage?division=${enc('খুলনা')}`)).heatmap).toEqual(en.heatmap);
    const jashore = await ok(`coverage?division=Khulna&district=Jessore&fy=${enc('২০২২-২৩')}`);
    expect(jashore.offices.map((o: { label: { en: string } }) => o.label.en)).toEqual(['Abhaynagar, Jashore']);
    expect(jashore.periods.map((p: { fiscalYear: string }) => p.fiscalYear)).toEqual(['2022-23', '2022-23', '2022-23', '2022-23']);
    expect(jashore.heatmap.rows[0].slice(2, 6)).toEqual(['missing', 'missing', 'missing', 'flagged']);
    // a district outside the division: nothing, not an error
    expect((await ok('coverage?division=Khulna&district=Barisal')).offices).toEqual([]);
  });

  it('answers an unknown place with 404 naming the closest stored ones, and a bad query with 400', async () => {
    const r = await api('coverage?division=Narnia');
    expect(r.status).toBe(404);
    expect(r.body.error).toMatch(/unknown division "Narnia".*closest divisions with submissions: .*\(Khulna|Sylhet|Barishal\)/);
    const d = await api(`coverage?district=${enc('টেকনাফপুর')}`);
    expect(d.status).toBe(404);
    expect(d.body.error).toMatch(/closest districts with submissions: /);
    for (const q of ['fy=2022', 'x=1', 'format=pdf', 'digits=arabic', 'chart=pie', `division=${'x'.repeat(300)}`]) {
      const b = await api(`coverage?${q}`);
      expect(b.status, q).toBe(400);
      expect(b.body.error).toBeTruthy();
    }
  });

  it('downloads exactly the drawn rows: the heatmap as `query coverage` CSV, each chart as a sheet', async () => {
    const v = await ok('coverage?division=Khulna');
    const csv = await app.request('/api/dashboard/coverage?division=Khulna&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="coverage.csv"/);
    expect(await bytes(csv)).toBe(toCsv(v.heatmap));
    const periods = await bytes(await app.request('/api/dashboard/coverage?division=Khulna&format=csv&chart=periods&digits=bn'));
    // (no cell of this table holds a comma or a quote)
    const rows = periods.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(','));
    expect(rows.slice(1)).toEqual(v.byPeriod.rows.map((r: (string | number)[]) => r.map((c) => toBanglaDigits(String(c)))));
    const xlsx = await app.request('/api/dashboard/coverage?division=Khulna&format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['coverage', 'coverage by period']);
    const sheet = wb.getWorksheet('coverage by period')!;
    const values = v.byPeriod.rows.map((_: unknown, i: number) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
    expect(values).toEqual(v.byPeriod.rows);
  });
});

describe('GET /api/dashboard/indicator', () => {
  it('gives one catalogue entry across years: every record’s current target and achievement as SQL has them', async () => {
    const v = await ok('indicator?entry=efile-notes');
    const sql = efileSql();
    expect(v.table.rows.length).toBe(sql.length);
    expect(v.indicator).toMatchObject({ entry: 'efile-notes', unit: 'percent', label: { en: 'Notes disposed in e-file (%)' } });
    const col = (k: string) => v.table.columns.findIndex((c: { key: string }) => c.key === k);
    for (const s of sql) {
      const i = v.table.rows.findIndex((r: unknown[]) => r[col('file')] === s.file);
      expect(i, s.file).toBeGreaterThanOrEqual(0);
      const row = v.table.rows[i];
      expect([row[col('fiscalYear')], row[col('quarter')], row[col('target')], row[col('achievement')]]).toEqual([s.fiscal_year, s.quarter, s.target, s.total]);
      expect(v.offices[v.points[i].office].key).toBe(s.office_key);
      // flagged values are marked as such, and only they
      expect(v.points[i].achievement.flags.length).toBe(openFlagsOn(s.indicator_id, 'total'));
      expect(v.points[i].target.flags.length).toBe(openFlagsOn(s.indicator_id, 'target'));
      expect(row[col('flagged')] ?? '').toBe([openFlagsOn(s.indicator_id, 'target') ? 'target' : null, openFlagsOn(s.indicator_id, 'total') ? 'achievement' : null].filter(Boolean).join(' '));
    }
    // worked by hand: ডুমুরিয়া's three reports, and the one planted to disagree with its quarters
    const dumuria = v.points
      .map((p: { office: number }, i: number) => ({ p, i }))
      .filter(({ p }: { p: { office: number } }) => v.offices[p.office].key === 'upazila:খুলনা/খুলনা/ডুমুরিয়া');
    expect(dumuria.map(({ i }: { i: number }) => v.table.rows[i].slice(2, 4).concat(v.table.rows[i].slice(7, 9)))).toEqual([
      ['2022-23', '2', 80, 60],
      ['2022-23', '4', 80, 70],
      ['2023-24', '3', 90, 78],
    ]);
    const abhaynagar = v.table.rows.findIndex((r: unknown[]) => r[col('file')] === 'dash_abhaynagar.pdf');
    expect(v.points[abhaynagar].achievement.flags.join()).toMatch(/total 40%/);
    // the x axis: every quarter of the years drawn
    expect(v.periods.length).toBe(4 * new Set(sql.map((s) => s.fiscal_year)).size);
  });

  it('filters by division, district and office named in Bangla or English, and by year', async () => {
    const dumuria = await ok('indicator?entry=efile-notes&office=Dumuria');
    expect(dumuria.table.rows.map((r: unknown[]) => r[11])).toEqual(['dash_dumuria_q2.pdf', 'smp_001.pdf', 'dash_dumuria_2324.pdf']);
    const byKey = await ok(`indicator?entry=efile-notes&office=${enc('upazila:খুলনা/খুলনা/ডুমুরিয়া')}`);
    expect(byKey.table).toEqual(dumuria.table);
    const sylhet = await ok(`indicator?entry=efile-notes&division=${enc('সিলেট')}`);
    expect(sylhet.table.rows.map((r: unknown[]) => r[11]).sort()).toEqual(efileSql("division = 'সিলেট'").map((s) => s.file).sort());
    const district = await ok('indicator?entry=efile-notes&district=Khulna&fy=2022-23');
    expect(district.table.rows.length).toBe(efileSql("district = 'খুলনা' AND fiscal_year = '2022-23'").length);
    expect(district.periods.map((p: { quarter: string }) => p.quarter)).toEqual(['1', '2', '3', '4']);
    // a code, in any year, as `query indicator 4.1.2` reads it
    const code = await ok(`indicator?code=${enc('৪.১.২')}`);
    expect(code.table.rows.length).toBe(all("SELECT 1 FROM v_indicator_values WHERE indicator_code = '4.1.2'").length);
    expect(code.indicator).toMatchObject({ code: '4.1.2', entry: null });
  });

  it('404s an unknown entry, code or office with the closest names; 400s a bad query', async () => {
    const e = await api('indicator?entry=efile-note');
    expect([e.status, e.body.error]).toEqual([404, expect.stringMatching(/unknown catalogue entry "efile-note"; closest: efile-notes/)]);
    const c = await api('indicator?code=9.9.9');
    expect([c.status, c.body.error]).toEqual([404, expect.stringMatching(/unknown indicator code 9\.9\.9.*closest codes: /)]);
    const o = await api('indicator?entry=efile-notes&office=Teknaf');
    expect([o.status, o.body.error]).toEqual([404, expect.stringMatching(/unknown office "Teknaf".*closest offices: /)]);
    for (const q of ['', 'entry=efile-notes&code=4.1.2', 'code=abc', 'entry=efile-notes&fy=1999', 'entry=efile-notes&quarter=1']) {
      expect((await api(`indicator?${q}`)).status, q).toBe(400);
    }
  });

  it('shows the current value after a reviewer’s correction, says it was corrected, and downloads the same rows', async () => {
    const { db: own } = buildDashboardDb();
    const app2 = createReviewApp({ db: own });
    const rec = own
      .prepare("SELECT i.id, i.submission_id FROM indicators i JOIN submissions s ON s.id = i.submission_id WHERE s.file_name = 'dash_batiaghata.pdf' AND i.indicator_code = '2.1.1'")
      .get() as { id: number; submission_id: number };
    const fix = await correct(app2, rec, '৫৫%');
    expect(fix.status).toBe(201);
    const v = (await getJson(app2, '/api/dashboard/indicator?entry=efile-notes&office=Batiaghata')).body;
    expect(v.table.rows).toHaveLength(1);
    expect(v.table.rows[0].slice(7, 11)).toEqual([80, 55, null, 'achievement']);
    expect(v.points[0].achievement).toMatchObject({ value: 55, raw: '৫৫%', corrected: true });
    expect((own.prepare('SELECT total, total_corrected FROM v_indicator_values WHERE indicator_id = ?').get(rec.id) as { total: number }).total).toBe(55);
    const csv = await bytes(await app2.request('/api/dashboard/indicator?entry=efile-notes&office=Batiaghata&format=csv'));
    expect(csv).toBe(toCsv(v.table));
    const o = (await getJson(app2, '/api/dashboard/office?office=Batiaghata')).body;
    const efile = o.indicators.findIndex((x: { code: string }) => x.code === '2.1.1');
    expect(o.indicators[efile]).toMatchObject({ rate: 68.8, achievement: { value: 55, corrected: true } });
    own.close();
  });
});

describe('GET /api/dashboard/office', () => {
  it('sets the office’s rate per indicator against its district’s and division’s median for the same period', async () => {
    const v = await ok(`office?office=${enc('ডুমুরিয়া')}&fy=2022-23&quarter=${enc('৪')}`);
    expect(v.office.label).toEqual({ bn: 'ডুমুরিয়া, খুলনা', en: 'Dumuria, Khulna' });
    expect(v.period).toEqual({ fiscalYear: '2022-23', quarter: '4' });
    expect(v.peers).toMatchObject({ districtOffices: 4, divisionOffices: 5, district: { en: 'Khulna' }, division: { en: 'Khulna' } });
    // by hand, e-file notes 2022-23 (target 80 everywhere): ডুমুরিয়া 70 → 87.5 %; district: বটিয়াঘাটা 62.5, পাইকগাছা 100
    // (90, capped), district office 95 → median (87.5 + 95) / 2; division adds অভয়নগর 50 → median 87.5
    const e = v.indicators.find((x: { code: string }) => x.code === '2.1.1');
    expect(e.rate).toBe(87.5);
    expect(e.district).toMatchObject({ median: 91.3, n: 4 });
    expect(e.district.from.map((m: { office: { en: string }; rate: number }) => [m.office.en, m.rate])).toEqual([
      ['Dumuria, Khulna', 87.5],
      ['Khulna', 95],
    ]);
    expect(e.division).toMatchObject({ median: 87.5, n: 5, from: [expect.objectContaining({ file: 'smp_001.pdf', page: 2, corrected: false })] });
    const col = (k: string) => v.table.columns.findIndex((c: { key: string }) => c.key === k);
    const row = v.table.rows.find((r: unknown[]) => r[col('code')] === '2.1.1');
    expect([row[col('rate')], row[col('districtMedian')], row[col('districtOffices')], row[col('divisionMedian')], row[col('divisionOffices')]]).toEqual([87.5, 91.3, 4, 87.5, 5]);
  });

  it('computes every rate and median from the current values SQL gives', async () => {
    const v = await ok(`office?office=Dumuria&fy=2022-23&quarter=4`);
    const rates = sqlRates(db, 'খুলনা', '2022-23', '4');
    expect(v.indicators.length).toBe(rates.filter((r) => r.officeKey === v.office.key).length);
    for (const x of v.indicators) {
      const same = rates.filter((r) => r.code === x.code);
      expect(x.rate, x.code).toBe(same.find((r) => r.officeKey === v.office.key)!.rate);
      const district = same.filter((r) => r.district === 'খুলনা' && r.rate != null).map((r) => r.rate!);
      const division = same.filter((r) => r.rate != null).map((r) => r.rate!);
      expect([x.district.median, x.district.n], x.code).toEqual([median(district), district.length]);
      expect([x.division.median, x.division.n], x.code).toEqual([median(division), division.length]);
    }
  });

  it('follows a correction at once: the medians of the next request use the corrected value', async () => {
    const { db: own } = buildDashboardDb();
    const app2 = createReviewApp({ db: own });
    const dumuria = async () => (await getJson(app2, '/api/dashboard/office?office=Dumuria&fy=2022-23&quarter=4')).body.indicators.find((x: { code: string }) => x.code === '2.1.1');
    expect((await dumuria()).district).toMatchObject({ median: 91.3, n: 4 });
    const rec = own
      .prepare("SELECT i.id, i.submission_id FROM indicators i JOIN submissions s ON s.id = i.submission_id WHERE s.file_name = 'dash_batiaghata.pdf' AND i.indicator_code = '2.1.1'")
      .get() as { id: number; submission_id: number };
    const fix = await correct(app2, rec, '৯৬%');
    expect(fix.status).toBe(201);
    // বটিয়াঘাটা 96/80 → 100 %: district [87.5, 95, 100, 100], division adds অভয়নগর 50
    const after = await dumuria();
    expect(after.district).toMatchObject({ median: 97.5, n: 4 });
    expect(after.division).toMatchObject({ median: 95, n: 5 });
    // the middle two of four: 95 (the district office) and the first 100 in office order (পাইকগাছা before বটিয়াঘাটা)
    expect(after.district.from.map((m: { file: string; rate: number }) => [m.file, m.rate])).toEqual([
      ['dash_khulna_district.pdf', 95],
      ['dash_paikgachha.pdf', 100],
    ]);
    own.close();
  });

  it('takes the latest report by default, and downloads the drawn table', async () => {
    const v = await ok('office?office=Dumuria');
    expect(v.period).toEqual({ fiscalYear: '2023-24', quarter: '3' });
    expect(v.periods).toEqual([
      { fiscalYear: '2022-23', quarter: '2' },
      { fiscalYear: '2022-23', quarter: '4' },
      { fiscalYear: '2023-24', quarter: '3' },
    ]);
    const x = await app.request('/api/dashboard/office?office=Dumuria&format=xlsx&digits=bn');
    expect(x.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(v.table.rows.length + 1);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 8)).toEqual(v.table.rows[0].slice(0, 7).map((c: unknown) => (c == null ? undefined : toBanglaDigits(String(c)))));
  });

  it('404s an unknown office (closest named) or a period it has no report for; 400s a bad query', async () => {
    const u = await api('office?office=Teknaf');
    expect([u.status, u.body.error]).toEqual([404, expect.stringMatching(/unknown office "Teknaf".*closest offices: /)]);
    const p = await api('office?office=Dumuria&fy=2024-25');
    expect([p.status, p.body.error]).toEqual([404, expect.stringMatching(/has no report for 2024-25; its reports: 2022-23 Q2, 2022-23 Q4, 2023-24 Q3/)]);
    for (const q of ['', 'office=Dumuria&quarter=5', 'office=Dumuria&fy=2022-23..2023-24', 'office=Dumuria&district=Khulna']) {
      expect((await api(`office?${q}`)).status, q).toBe(400);
    }
  });
});

describe('the dashboard over an empty database', () => {
  it('answers every route without data, and an office name with 404', async () => {
    const empty = openDb(':memory:');
    const e = createReviewApp({ db: empty });
    const get = async (p: string) => getJson(e, `/api/dashboard/${p}`);
    expect((await get('options')).body).toMatchObject({ divisions: [], districts: [], offices: [], fiscalYears: [] });
    expect((await get('coverage')).body).toMatchObject({ offices: [], periods: [], summary: { expected: 0 }, heatmap: { rows: [] } });
    expect((await get('indicator?entry=efile-notes')).body).toMatchObject({ points: [], table: { rows: [] } });
    const o = await get('office?office=Dumuria');
    expect([o.status, o.body.error]).toEqual([404, expect.stringMatching(/the database has no submissions/)]);
    const csv = await bytes(await e.request('/api/dashboard/coverage?format=csv'));
    expect(csv).toBe('\uFEFFoffice,level,reports\r\n');
    empty.close();
  });
});

describe('the dashboard page', () => {
  it('is served with its chart library from node_modules under the strict Content-Security-Policy', async () => {
    const page = await app.request('/dashboard');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/dashboard.js');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const lib = await app.request('/vendor/chartist.js');
    expect(lib.headers.get('content-type')).toMatch(/javascript/);
    expect(await lib.text()).toMatch(/export \{[^}]*LineChart/);
    expect((await app.request('/vendor/chartist.css')).status).toBe(200);
  });
});
