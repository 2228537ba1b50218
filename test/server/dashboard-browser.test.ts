/**
 * The dashboard in a real headless Chromium (@sparticuz/chromium, as the review page's browser test): one
 * session opens each page over a database with known values (test/server/dashboardDb.ts, one value corrected
 * through the API), reads back what the charts drew — the heatmap's cells, each SVG bar's and point's value
 * (Chartist's ct:value) with the table row it was drawn from — and checks it against SQL over the analysis
 * views; hovers name file, page and correction; the CSV link gives the drawn rows; English toggles.
 * DASHBOARD_SCREENSHOTS=docs also saves docs/dashboard-{coverage,indicator,office}.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { openDb, type Db } from '../../db/open.js';
import { catalogueEntryById } from '../../models/catalogue-links.js';
import { startReviewServer, type RunningServer } from '../../src/server/cli.js';
import { buildDashboardDb, median, sqlRates } from './dashboardDb.js';

let dir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
let db: Db; // a second, read-only connection for the SQL side
const problems: string[] = [];

const DUMURIA = 'upazila:খুলনা/খুলনা/ডুমুরিয়া';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apa-dashboard-'));
  const file = path.join(dir, 'dashboard.sqlite');
  buildDashboardDb(file).db.close();
  server = await startReviewServer({ db: file, host: '127.0.0.1', port: 0 });
  // a reviewer corrects বটিয়াঘাটা's e-file total (printed ৫০%) to ৫৫%, through the API
  const rec = server.db
    .prepare("SELECT i.id, i.submission_id FROM indicators i JOIN submissions s ON s.id = i.submission_id WHERE s.file_name = 'dash_batiaghata.pdf' AND i.indicator_code = '2.1.1'")
    .get() as { id: number; submission_id: number };
  const { csrf } = (await (await fetch(new URL('api/session', server.url))).json()) as { csrf: string };
  const res = await fetch(new URL(`api/submissions/${rec.submission_id}/corrections`, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ target: 'indicator', indicatorId: rec.id, field: 'total', raw: '৫৫%' }),
  });
  expect(res.status).toBe(201);
  db = openDb(file, { readonly: true });
  browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // the dashboard's own errors (a Content-Security-Policy refusal is reported on the console); not those of
  // the review view a test follows a link into, whose scans these copies have no PDF for
  const onDashboard = () => new URL(page.url()).pathname === '/dashboard';
  page.on('pageerror', (e) => onDashboard() && problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (onDashboard() && (m.type() === 'error' || m.type() === 'warning')) problems.push(`console ${m.type()}: ${m.text()}`);
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  db?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(hash: string, ready: string): Promise<void> {
  await page.goto(`${server.url}dashboard${hash}`);
  await page.waitForSelector(`main[data-ready="${ready}"]`, { timeout: 20_000 });
}

async function screenshot(name: string): Promise<void> {
  const out = process.env.DASHBOARD_SCREENSHOTS;
  if (!out) return;
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, `dashboard-${name}.png`), fullPage: true });
}

interface Drawn {
  series: string;
  value: string;
  row: number;
  classes: string[];
  title: string;
}

/** Every bar or point Chartist drew under `root`: its series, ct:value, data-row, classes and hover text. */
const drawn = (root: string): Promise<Drawn[]> =>
  page.$$eval(`${root} .ct-series`, (groups) =>
    groups.flatMap((g) =>
      [...g.querySelectorAll('.ct-bar, .ct-point')].map((el) => ({
        series: g.getAttribute('ct:series-name') ?? '',
        value: el.getAttribute('ct:value') ?? '',
        row: Number(el.getAttribute('data-row')),
        classes: [...el.classList],
        title: el.querySelector('title')?.textContent ?? '',
      })),
    ),
  );

/** A chart's data table: per row, column key → the value itself (data-value). */
const tableRows = (selector: string): Promise<Record<string, string>[]> =>
  page.$$eval(`${selector} tbody tr`, (trs) =>
    trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.getAttribute('data-key'), td.getAttribute('data-value') ?? '']))),
  );

describe('dashboard pages in a browser', () => {
  it('coverage: the heatmap and the bars show what SQL holds, cells link to the review view', async () => {
    await open(`#/coverage?division=${encodeURIComponent('খুলনা')}`, 'coverage');
    const cells = await page.$$eval('table.heatmap tbody tr', (trs) =>
      trs.flatMap((tr) =>
        [...tr.querySelectorAll('td.cov')].map((td) => ({
          office: tr.getAttribute('data-office')!,
          period: td.getAttribute('data-period')!,
          state: td.getAttribute('data-state')!,
          ids: (td.getAttribute('data-submissions') ?? '').split(' ').filter(Boolean).map(Number),
          href: td.querySelector('a')?.getAttribute('href') ?? null,
          title: td.getAttribute('title') ?? '',
        })),
      ),
    );
    const subs = db
      .prepare("SELECT c.submission_id, c.office_key, c.fiscal_year, c.quarter, c.file, f.open_flags FROM current_submissions c JOIN v_submission_flags f USING (submission_id) WHERE c.division = 'খুলনা'")
      .all() as { submission_id: number; office_key: string; fiscal_year: string; quarter: string; file: string; open_flags: number }[];
    const offices = new Set(subs.map((s) => s.office_key));
    const years = [...new Set(subs.map((s) => s.fiscal_year))];
    expect(cells.length).toBe(offices.size * years.length * 4);
    for (const c of cells) {
      const want = subs.filter((s) => s.office_key === c.office && `${s.fiscal_year}|${s.quarter}` === c.period);
      expect(c.ids.sort()).toEqual(want.map((s) => s.submission_id).sort());
      expect(c.state).toBe(want.length === 0 ? 'missing' : want.some((s) => s.open_flags > 0) ? 'flagged' : 'submitted');
      // a report links to its submission in the review app, as the queue does
      expect(c.href).toBe(want.length ? `/#/s/${c.ids[0]}` : null);
      for (const s of want) expect(c.title).toContain(s.file);
    }
    // stacked bars: per period, the number of offices in each state
    const bars = await drawn('#coverage-periods');
    const periods = years.sort().flatMap((y) => ['1', '2', '3', '4'].map((q) => `${y}|${q}`));
    for (const b of bars) {
      const states = cells.filter((c) => c.period === periods[b.row]).map((c) => c.state);
      expect(Number(b.value), `${b.series} ${periods[b.row]}`).toBe(states.filter((s) => s === b.series).length);
      expect(b.title).toMatch(/[০-৯]/);
    }
    expect(bars.length).toBe(3 * periods.length);
    // the review view the cell links to opens on that submission
    const target = cells.find((c) => c.href)!;
    await page.click(`tr[data-office="${target.office}"] td[data-period="${target.period}"] a`);
    await page.waitForURL(`**/#/s/${target.ids[0]}`);
    await screenshotAfterReturn();
  }, 60_000);

  it('indicator: every point is the current target or achievement SQL holds, flagged and corrected ones marked', async () => {
    await open(`#/indicator?entry=efile-notes&division=${encodeURIComponent('খুলনা')}`, 'indicator');
    const rows = await tableRows('details.data table');
    const points = await drawn('.multiples');
    const members = catalogueEntryById('efile-notes')!.members;
    const sql = db
      .prepare(
        `SELECT indicator_id, file, office_key, target, total, target_corrected, total_corrected FROM v_indicator_values
          WHERE division = 'খুলনা' AND (fiscal_year, indicator_code) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))`,
      )
      .all(JSON.stringify(members.map((m) => [m.fiscalYear, m.code]))) as { indicator_id: number; file: string; office_key: string; target: number; total: number; target_corrected: number; total_corrected: number }[];
    expect(rows.length).toBe(sql.length);
    expect(points.length).toBe(2 * sql.length);
    const openOn = (id: number, field: string) =>
      (db.prepare("SELECT COUNT(*) AS n FROM v_flags WHERE indicator_id = ? AND state = 'open' AND (field = ? OR field IS NULL OR field NOT IN ('unit','weight','target','q1','q2','q3','q4','total','rate','score','remarks'))").get(id, field) as { n: number }).n;
    for (const p of points) {
      const row = rows[p.row]!;
      const s = sql.find((x) => x.file === row.file)!;
      const field = p.series === 'achievement' ? 'total' : 'target';
      expect(Number(p.value.split(',')[1]), `${row.file} ${field}`).toBe(field === 'total' ? s.total : s.target);
      expect(p.classes.includes('flagged'), `${row.file} ${field} flagged`).toBe(openOn(s.indicator_id, field) > 0);
      expect(p.classes.includes('corrected'), `${row.file} ${field} corrected`).toBe((field === 'total' ? s.total_corrected : s.target_corrected) === 1);
      // the hover names the file, the page and who the value is from
      expect(p.title).toContain(row.file);
      expect(p.title).toMatch(/পৃষ্ঠা [০-৯]+/);
    }
    const fixed = points.find((p) => p.classes.includes('corrected'))!;
    expect(rows[fixed.row]!.file).toBe('dash_batiaghata.pdf');
    expect(fixed.title).toContain('পর্যালোচক সংশোধন করেছেন');
    expect(points.some((p) => p.classes.includes('flagged'))).toBe(true);
    // the download is the drawn rows
    const href = await page.getAttribute('.downloads a:text("CSV")', 'href');
    const csv = await page.evaluate(async (u) => (await fetch(u!)).text(), href);
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines.length).toBe(rows.length + 1);
    expect(lines.slice(1).map((l) => l.match(/dash_\w+\.pdf|smp_\d+\.pdf/)![0])).toEqual(rows.map((r) => r.file));
    await screenshot('indicator');
  }, 60_000);

  it('office: bars are the office’s rates and its district’s and division’s medians from SQL; English on request', async () => {
    await open(`#/office?office=${encodeURIComponent(DUMURIA)}&fy=2022-23&quarter=4`, 'office');
    const rows = await tableRows('details.data table');
    const bars = await drawn('#office-rates');
    const rates = sqlRates(db, 'খুলনা', '2022-23', '4');
    expect(rows.length).toBe(rates.filter((r) => r.officeKey === DUMURIA).length);
    const seen = new Set<string>();
    for (const b of bars) {
      const code = rows[b.row]!.code!;
      const same = rates.filter((r) => r.code === code);
      const want =
        b.series === 'rate'
          ? same.find((r) => r.officeKey === DUMURIA)!.rate
          : median(same.filter((r) => (b.series === 'districtMedian' ? r.district === 'খুলনা' : true) && r.rate != null).map((r) => r.rate!));
      expect(Number(b.value), `${b.series} ${code}`).toBe(want);
      seen.add(b.series);
      if (b.series === 'rate') expect(b.title).toMatch(/smp_001\.pdf, পৃষ্ঠা ২ · ওসিআর যেমন পড়েছে/);
      else expect(b.title).toMatch(/মধ্যমা/);
    }
    expect([...seen].sort()).toEqual(['districtMedian', 'divisionMedian', 'rate']);
    await screenshot('office');

    // English: names from the gazetteer, ASCII digits
    await page.click('#lang');
    await page.waitForSelector('main[data-ready="office"] .summary:text("Dumuria, Khulna")');
    expect(await page.textContent('.summary')).toContain('2022-23 Q4');
    const labels = await page.$$eval('#office-rates .ct-label.ct-vertical', (ls) => ls.map((l) => l.textContent));
    expect(labels).toContain('2.1.1 Notes disposed in e-file (%)');
    await page.click('#lang');
    await page.waitForSelector('main[data-ready="office"] .summary:text("ডুমুরিয়া, খুলনা")');
    expect(problems).toEqual([]);
  }, 60_000);
});

/** Back from the review view to the coverage page, for its screenshot. */
async function screenshotAfterReturn(): Promise<void> {
  if (!process.env.DASHBOARD_SCREENSHOTS) return;
  await open(`#/coverage?division=${encodeURIComponent('খুলনা')}`, 'coverage');
  await screenshot('coverage');
}
