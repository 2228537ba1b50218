/**
 * The review app: JSON API under /api/ plus the static web page, one hono app over one SQLite database.
 * Every path parameter, query string and body is checked with zod before it reaches SQL (which is always
 * parameterised); unknown query keys are refused; file paths come from the database, never from a request.
 *
 * Order matters: the guards (host, body size, write form, who is asking: auth.ts) are middleware registered
 * before any route, so every /api/ route, including ones registered later in this function (the dashboard's
 * registerDashboard(app, …)), passes them first.
 */
import os from 'node:os';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { Db } from '../../db/open.js';
import { setReviewed } from '../../db/corrections.js';
import { listAudit, AuditKindSchema } from '../../db/audit.js';
import { DEFAULT_SESSION_LIMITS, UserNameSchema, type SessionLimits } from '../../db/accounts.js';
import { exportSubmission } from '../../db/queries.js';
import { CellHintSchema } from '../../models/value.js';
import { parseCellValue, toAsciiDigits } from '../../pipeline/normalise/index.js';
import { TOOL_VERSION } from '../config.js';
import { loadAssets, type Asset } from './assets.js';
import { Auth, requireRole, writer } from './auth.js';
import { applyCorrection, CorrectionError, CorrectionRequestSchema, revertCorrection, RevertRequestSchema } from './correct.js';
import { registerDashboard } from './dashboard.js';
import { PasswordHasher } from './passwords.js';
import { PageImages, SourceError } from './pageImages.js';
import {
  getSubmissionRow,
  listQueue,
  pageSource,
  pageTables,
  QueueFilterSchema,
  submissionCorrections,
  submissionDetail,
  submissionIndicators,
  submissionPages,
} from './review.js';
import { guardWrites, loopbackHostOnly, securityHeaders } from './security.js';

export interface ReviewAppOptions {
  db: Db;
  /** the shared script token (Authorization: Bearer …); null = none */
  token?: string | null;
  /** writes with the token are recorded as 'token:<tokenName>' @default 'script' */
  tokenName?: string;
  /** with no accounts and no token (loopback only), writes are recorded as 'local:<localName>' @default the OS user */
  localName?: string;
  /** answer only requests addressed to localhost (set when bound to loopback) @default true */
  loopbackOnly?: boolean;
  /** the address users open when a reverse proxy sits in front, e.g. https://review.example.gov.bd */
  publicUrl?: URL | null;
  passwords?: PasswordHasher;
  sessionLimits?: SessionLimits;
  /** the clock sessions and login backoff run on (tests move it) */
  now?: () => number;
  images?: PageImages;
  assets?: Map<string, Asset>;
  /**
   * More routes, registered after the guards and before the catch-all 404: they get the same checks as every
   * other /api/ route without doing anything (the analyst dashboard is registered at the same point).
   */
  routes?: (app: Hono, db: Db) => void;
}

/** The OS account running the server: who the open mode's writes are recorded under. */
export function osUserName(): string {
  try {
    const n = UserNameSchema.safeParse(os.userInfo().username);
    return n.success ? n.data : 'desk';
  } catch {
    return 'desk';
  }
}

const Id = z.string().regex(/^[1-9]\d{0,8}$/, 'a positive whole number').transform(Number);
const IdParams = z.object({ id: Id });
const PageParams = z.object({ id: Id, page: Id });
const Empty = z.object({}).strict();
const Coord = z.coerce.number().finite().min(0).max(100_000);
const CropQuery = z
  .object({ x0: Coord, y0: Coord, x1: Coord, y1: Coord, pad: z.coerce.number().int().min(0).max(200).default(12) })
  .strict()
  .refine((b) => b.x1 > b.x0 && b.y1 > b.y0, 'the box needs x1 > x0 and y1 > y0')
  .refine((b) => (b.x1 - b.x0) * (b.y1 - b.y0) <= 40_000_000, 'the box is larger than a page');
const IndicatorQuery = z.object({ page: Id.optional() }).strict();
const ParseQuery = z.object({ raw: z.string().max(500), hint: CellHintSchema.default('auto') }).strict();
const ReviewBody = z.object({ reviewed: z.boolean().default(true) }).strict();
const CorrectionParams = z.object({ id: Id });
/** An ISO date (a day) or date and time in UTC. */
const IsoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/, 'an ISO date such as 2026-03-01 or 2026-03-01T09:30Z');
const AuditQuery = z
  .object({
    kind: AuditKindSchema.optional(),
    user: z.string().trim().min(1).max(100).optional(),
    submission: Id.optional(),
    since: IsoTime.optional(),
    until: IsoTime.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
// the queue's fiscal year may be typed with Bangla digits
const QueueQuery = QueueFilterSchema.extend({ fy: z.preprocess((v) => (typeof v === 'string' ? toAsciiDigits(v) : v), QueueFilterSchema.shape.fy) }).strict();

class BadRequest extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path || 'input'}: ${i.message}`).join('; '));
  }
}

function check<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw new BadRequest(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return r.data;
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new BadRequest([{ path: '', message: 'the body is not valid JSON' }]);
  }
}

const notFound = (c: Context, what: string) => c.json({ error: `${what} not found` }, 404);

export function createReviewApp(opts: ReviewAppOptions): Hono {
  const { db } = opts;
  const token = opts.token ?? null;
  const publicUrl = opts.publicUrl ?? null;
  const images = opts.images ?? new PageImages();
  const assets = opts.assets ?? loadAssets();
  const passwords = opts.passwords ?? new PasswordHasher();
  void passwords.prepare();
  const auth = new Auth({
    db,
    token,
    tokenName: opts.tokenName ?? 'script',
    localName: opts.localName ?? osUserName(),
    hasher: passwords,
    limits: opts.sessionLimits ?? DEFAULT_SESSION_LIMITS,
    now: opts.now ?? Date.now,
    publicUrl,
  });
  const app = new Hono();

  app.use('*', securityHeaders(publicUrl));
  if (opts.loopbackOnly ?? true) app.use('*', loopbackHostOnly(publicUrl));
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: 'the body is larger than 64 KiB' }, 413) }));
  app.use('/api/*', guardWrites(publicUrl));
  app.use('/api/*', auth.middleware());

  app.onError((err, c) => {
    if (err instanceof BadRequest) return c.json({ error: err.message, issues: err.issues }, 400);
    if (err instanceof SourceError) return c.json({ error: err.message }, err.status);
    if (err instanceof CorrectionError) return c.json({ error: err.message }, err.status);
    process.stderr.write(`review server: ${c.req.method} ${new URL(c.req.url).pathname}: ${err instanceof Error ? err.stack : String(err)}\n`);
    return c.json({ error: 'internal error (see the server log)' }, 500);
  });

  app.get('/api/config', (c) => {
    check(Empty, c.req.query());
    const mode = auth.mode();
    return c.json({ version: TOOL_VERSION, auth: mode, writeTokenRequired: mode === 'token' });
  });

  auth.register(app, check, jsonBody);

  app.get('/api/submissions', (c) => {
    const filter = check(QueueQuery, c.req.query());
    return c.json({ submissions: listQueue(db, filter) });
  });

  app.get('/api/submissions/:id', (c) => {
    const { id } = check(IdParams, c.req.param());
    check(Empty, c.req.query());
    const d = submissionDetail(db, id);
    return d ? c.json(d) : notFound(c, `submission ${id}`);
  });

  app.get('/api/submissions/:id/pages', (c) => {
    const { id } = check(IdParams, c.req.param());
    check(Empty, c.req.query());
    const p = submissionPages(db, id);
    return p ? c.json(p) : notFound(c, `submission ${id}`);
  });

  app.get('/api/submissions/:id/pages/:page/image', async (c) => {
    const { id, page } = check(PageParams, c.req.param());
    check(Empty, c.req.query());
    const src = pageSource(db, id, page);
    if (!src) return notFound(c, `page ${page} of submission ${id}`);
    const etag = `"${src.sha256.slice(0, 32)}-${page}"`;
    const headers = { etag, 'cache-control': 'private, no-cache' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    const jpeg = await images.jpeg(src);
    return c.body(new Uint8Array(jpeg), 200, { ...headers, 'content-type': 'image/jpeg' });
  });

  app.get('/api/submissions/:id/pages/:page/crop', async (c) => {
    const { id, page } = check(PageParams, c.req.param());
    const q = check(CropQuery, c.req.query());
    const src = pageSource(db, id, page);
    if (!src) return notFound(c, `page ${page} of submission ${id}`);
    if ((src.width && q.x0 >= src.width) || (src.height && q.y0 >= src.height)) {
      throw new BadRequest([{ path: 'x0', message: `the box lies outside the ${src.width}×${src.height} page` }]);
    }
    const png = await images.crop(src, q, { pad: q.pad });
    return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', 'cache-control': 'private, no-cache' });
  });

  app.get('/api/submissions/:id/pages/:page/tables', (c) => {
    const { id, page } = check(PageParams, c.req.param());
    check(Empty, c.req.query());
    if (!pageSource(db, id, page)) return notFound(c, `page ${page} of submission ${id}`);
    return c.json({ tables: pageTables(db, id, page) });
  });

  app.get('/api/submissions/:id/indicators', (c) => {
    const { id } = check(IdParams, c.req.param());
    const q = check(IndicatorQuery, c.req.query());
    const list = submissionIndicators(db, id, q.page);
    return list ? c.json({ indicators: list }) : notFound(c, `submission ${id}`);
  });

  app.get('/api/submissions/:id/corrections', (c) => {
    const { id } = check(IdParams, c.req.param());
    check(Empty, c.req.query());
    const list = submissionCorrections(db, id);
    return list ? c.json({ corrections: list }) : notFound(c, `submission ${id}`);
  });

  app.post('/api/submissions/:id/corrections', async (c) => {
    const { id } = check(IdParams, c.req.param());
    check(Empty, c.req.query());
    const req = check(CorrectionRequestSchema, await jsonBody(c));
    return c.json(applyCorrection(db, id, req, writer(c)), 201);
  });

  app.post('/api/corrections/:id/revert', requireRole('admin'), async (c) => {
    const { id } = check(CorrectionParams, c.req.param());
    check(Empty, c.req.query());
    const body = check(RevertRequestSchema, await jsonBody(c));
    return c.json(revertCorrection(db, id, writer(c), body.reason || null), 201);
  });

  /** Who did what and when: corrections, reverts, reviewed marks, logins and account changes (admins only). */
  app.get('/api/audit', requireRole('admin'), (c) => {
    const q = check(AuditQuery, c.req.query());
    let sha256: string | undefined;
    if (q.submission !== undefined) {
      const s = getSubmissionRow(db, q.submission);
      if (!s) return notFound(c, `submission ${q.submission}`);
      sha256 = s.sha256;
    }
    return c.json({ entries: listAudit(db, { kind: q.kind, user: q.user, sha256, since: q.since, until: q.until, limit: q.limit }) });
  });

  app.post('/api/submissions/:id/review', async (c) => {
    const { id } = check(IdParams, c.req.param());
    check(Empty, c.req.query());
    const body = check(ReviewBody, await jsonBody(c));
    if (!setReviewed(db, id, writer(c), body.reviewed)) return notFound(c, `submission ${id}`);
    const s = getSubmissionRow(db, id)!;
    return c.json({ reviewedAt: s.reviewed_at, reviewedBy: s.reviewed_by });
  });

  app.get('/api/submissions/:id/export', (c) => {
    const { id } = check(IdParams, c.req.param());
    check(Empty, c.req.query());
    const s = getSubmissionRow(db, id);
    if (!s) return notFound(c, `submission ${id}`);
    const name = s.file_name.replace(/\.pdf$/i, '').replace(/[^\w.-]+/g, '_');
    return c.json(exportSubmission(db, id), 200, { 'content-disposition': `inline; filename="${name}.json"` });
  });

  /** Live preview while typing: how a value will be read. */
  app.get('/api/parse', (c) => {
    const q = check(ParseQuery, c.req.query());
    const r = parseCellValue(q.raw, q.hint);
    return c.json({ value: r.value, kind: r.kind ?? null, confidence: r.confidence, flags: r.flags });
  });

  // route groups go here: after the guards above (so /api/dashboard/* needs a login once accounts exist),
  // before the catch-alls below
  registerDashboard(app, { db, assets });
  opts.routes?.(app, db);

  app.all('/api/*', (c) => c.json({ error: 'no such API route' }, 404));

  app.get('*', (c) => {
    const a = assets.get(new URL(c.req.url).pathname);
    if (!a) return c.text('not found', 404);
    return c.body(new Uint8Array(a.body), 200, { 'content-type': a.type, 'cache-control': 'no-cache' });
  });

  return app;
}
