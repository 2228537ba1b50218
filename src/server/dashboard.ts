/**
 * The analyst dashboard in the review server: read-only JSON routes under /api/dashboard/* and the page
 * (/dashboard → web/dashboard.html, plain ES modules) with its charting library served from node_modules.
 * Registered with one call after the server's middleware, so whatever guards /api/* guards these routes.
 *
 * Every number comes from src/query/dashboard.ts, i.e. the query layer `query` uses. Each chart is a
 * ResultTable: `?format=csv|xlsx` on the same route writes the very rows the page draws, through the
 * project's CSV and XLSX writers (`digits=bn` as `query --digits bn`).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/open.js';
import { toAsciiDigits } from '../../pipeline/normalise/index.js';
import { toCsv } from '../exports/csv.js';
import { withDigits, type Digits, type ResultTable } from '../exports/table.js';
import { sheetName, workbookOf } from '../exports/xlsx.js';
import { coverageView, dashboardOptions, indicatorView, isIndicatorCode, officeView } from '../query/dashboard.js';
import { UnknownNameError, parseFiscalYears } from '../query/resolve.js';
import type { Asset } from './assets.js';

export interface DashboardDeps {
  db: Db;
  /** the server's asset table: the dashboard adds its route alias and the chart library to it */
  assets: Map<string, Asset>;
}

class BadQuery extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path || 'query'}: ${i.message}`).join('; '));
  }
}

function check<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw new BadQuery(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return r.data;
}

const Name = z.string().trim().min(1, 'empty').max(200);
/** fiscal years as `query --fy` takes them: 2022-23, ২০২২-২৩, a list or a range */
const FiscalYears = z
  .string()
  .max(100)
  .transform((s, ctx) => {
    try {
      return parseFiscalYears(s);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
      return z.NEVER;
    }
  });
const Output = {
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  digits: z.enum(['ascii', 'bn']).default('ascii'),
};
const Place = { division: Name.optional(), district: Name.optional() };

const Empty = z.object({}).strict();
const CoverageQuery = z
  .object({ ...Place, fy: FiscalYears.optional(), ...Output, chart: z.enum(['heatmap', 'periods']).optional() })
  .strict();
const IndicatorQuery = z
  .object({
    entry: Name.optional(),
    code: z
      .string()
      .trim()
      .refine(isIndicatorCode, 'an indicator code such as 4.1.2 or ৪.১.২')
      .optional(),
    ...Place,
    office: Name.optional(),
    fy: FiscalYears.optional(),
    ...Output,
  })
  .strict()
  .refine((q) => (q.entry == null) !== (q.code == null), { message: 'give one of entry (a catalogue id such as efile-notes) or code (4.1.2)', path: ['entry'] });
const OfficeQuery = z
  .object({
    office: Name,
    fy: FiscalYears.refine((ys) => ys.length === 1, 'one fiscal year').optional(),
    quarter: z.preprocess((v) => (typeof v === 'string' ? toAsciiDigits(v.trim()) : v), z.enum(['1', '2', '3', '4', 'H1', 'annual'])).optional(),
    ...Output,
  })
  .strict();

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a download: an ASCII name for old clients, the real (maybe Bangla) one in filename*. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\w.-]+/g, '_').replace(/_+/g, '_') || 'dashboard';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The tables of a chart (or page) as CSV (the first) or an XLSX workbook (one sheet each). */
async function download(c: Context, base: string, tables: ResultTable[], format: 'csv' | 'xlsx', digits: Digits): Promise<Response> {
  const out = tables.map((t) => withDigits(t, digits));
  if (format === 'csv') {
    return c.body(toCsv(out[0]!), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment(`${base}.csv`), 'cache-control': 'no-store' });
  }
  const buf = await workbookOf(out).xlsx.writeBuffer();
  return c.body(new Uint8Array(buf as ArrayBuffer), 200, { 'content-type': XLSX_TYPE, 'content-disposition': attachment(`${base}.xlsx`), 'cache-control': 'no-store' });
}

/** The chart library's browser build and stylesheet, read once from node_modules (never from a CDN). */
export function chartAssets(): Map<string, Asset> {
  // the ES module build: no imports of its own, so the page imports it as it is, without a bundler
  const req = createRequire(import.meta.url);
  return new Map<string, Asset>([
    ['/vendor/chartist.js', { body: fs.readFileSync(req.resolve('chartist/dist/index.js')), type: 'text/javascript; charset=utf-8' }],
    ['/vendor/chartist.css', { body: fs.readFileSync(req.resolve('chartist/dist/index.css')), type: 'text/css; charset=utf-8' }],
  ]);
}

/** Register the dashboard's API routes and page on the review app (after its middleware). */
export function registerDashboard(app: Hono, deps: DashboardDeps): void {
  const { db, assets } = deps;
  for (const [k, v] of chartAssets()) assets.set(k, v);
  const page = assets.get('/dashboard.html');
  if (page) assets.set('/dashboard', page);

  /** Errors a user can fix: a bad query string (400) or a name that matches nothing (404, naming the closest). */
  const handle =
    (fn: (c: Context) => Response | Promise<Response>) =>
    async (c: Context): Promise<Response> => {
      try {
        return await fn(c);
      } catch (e) {
        if (e instanceof BadQuery) return c.json({ error: e.message, issues: e.issues }, 400);
        if (e instanceof UnknownNameError) return c.json({ error: e.message }, 404);
        throw e;
      }
    };

  app.get(
    '/api/dashboard/options',
    handle((c) => {
      check(Empty, c.req.query());
      return c.json(dashboardOptions(db));
    }),
  );

  app.get(
    '/api/dashboard/coverage',
    handle(async (c) => {
      const q = check(CoverageQuery, c.req.query());
      const view = coverageView(db, { division: q.division, district: q.district, fiscalYears: q.fy });
      if (q.format !== 'json') {
        const charts = { heatmap: view.heatmap, periods: view.byPeriod };
        const tables = q.chart ? [charts[q.chart]] : q.format === 'csv' ? [view.heatmap] : [view.heatmap, view.byPeriod];
        return download(c, q.chart === 'periods' ? 'coverage-by-period' : 'coverage', tables, q.format, q.digits);
      }
      return c.json(view);
    }),
  );

  app.get(
    '/api/dashboard/indicator',
    handle(async (c) => {
      const q = check(IndicatorQuery, c.req.query());
      const pick = q.entry != null ? { entry: q.entry } : { code: q.code! };
      const view = indicatorView(db, pick, { division: q.division, district: q.district, office: q.office, fiscalYears: q.fy });
      if (q.format !== 'json') return download(c, sheetName(view.table.name), [view.table], q.format, q.digits);
      return c.json(view);
    }),
  );

  app.get(
    '/api/dashboard/office',
    handle(async (c) => {
      const q = check(OfficeQuery, c.req.query());
      const view = officeView(db, { office: q.office, fiscalYear: q.fy?.[0], quarter: q.quarter });
      if (q.format !== 'json') return download(c, sheetName(view.table.name), [view.table], q.format, q.digits);
      return c.json(view);
    }),
  );
}
