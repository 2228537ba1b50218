import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { serve, type ServerType } from '@hono/node-server';
import { z } from 'zod';
import { DEFAULT_DB } from '../config.js';
import { openDb, type Db } from '../../db/open.js';
import { countUsers, UserNameSchema } from '../../db/accounts.js';
import { createReviewApp, osUserName, type ReviewAppOptions } from './app.js';
import { PageImages } from './pageImages.js';
import { isLoopback } from './security.js';

export const ServeOptionsSchema = z.object({
  db: z.string().min(1).default(DEFAULT_DB),
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  host: z.string().min(1).max(255).default('127.0.0.1'),
  token: z.string().min(16, 'use a token of at least 16 characters').max(512).optional(),
  tokenName: UserNameSchema.default('script'),
  publicUrl: z
    .string()
    .url()
    .transform((u) => new URL(u))
    .refine((u) => u.protocol === 'https:' || u.protocol === 'http:', 'an http(s) address')
    .optional(),
});
export type ServeOptions = z.input<typeof ServeOptionsSchema>;

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  close(): Promise<void>;
}

/** The server would be open to the network with nobody to answer for writes. */
export class UnsafeServeError extends Error {}

/** Off loopback the review app needs accounts (logins) or at least the script token. */
export function assertSafeToServe(db: Db, o: { host: string; token?: string | undefined; db: string }): void {
  if (isLoopback(o.host) || o.token || countUsers(db) > 0) return;
  throw new UnsafeServeError(
    `bound to ${o.host}, the review app needs accounts or a token: create the first admin with\n` +
      `  npm run cli -- users add NAME --role admin --db ${o.db}\n` +
      `or pass --token (or set APA_REVIEW_TOKEN) for scripts`,
  );
}

/**
 * Start the review server (used by `serve` and by the browser test). Relative PDF paths in the database are
 * tried against the current folder and the database's parent folder (ingest usually runs from the repo root
 * with the database in data/).
 */
export async function startReviewServer(opts: ServeOptions, extra: Partial<ReviewAppOptions> = {}): Promise<RunningServer> {
  const o = ServeOptionsSchema.parse(opts);
  const db = openDb(o.db);
  try {
    assertSafeToServe(db, o);
  } catch (e) {
    db.close();
    throw e;
  }
  const dbDir = path.dirname(path.resolve(o.db));
  const images = new PageImages({ baseDirs: [process.cwd(), path.dirname(dbDir), dbDir] });
  const app = createReviewApp({ db, token: o.token ?? null, tokenName: o.tokenName, loopbackOnly: isLoopback(o.host), publicUrl: o.publicUrl ?? null, images, ...extra });
  const { server, info } = await new Promise<{ server: ServerType; info: AddressInfo }>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port, hostname: o.host }, (i) => resolve({ server: s, info: i }));
    s.once('error', reject);
  });
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${info.port}/`,
    port: info.port,
    db,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        // idle keep-alive connections would hold close() open
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** The review app's `serve` command. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the review web app over the database (127.0.0.1 by default)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--port <n>', 'port (0 = any free port)', '8787')
    .option('--host <host>', 'address to bind; anything but loopback needs accounts (users add) or a token', '127.0.0.1')
    .option('--token <token>', 'shared bearer token for scripts (default: env APA_REVIEW_TOKEN)')
    .option('--token-name <name>', 'writes with the token are recorded as token:<name>', 'script')
    .option('--public-url <url>', 'the https address users open when a reverse proxy sits in front (session cookies get Secure)')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = ServeOptionsSchema.safeParse({
        ...raw,
        token: raw.token ?? (process.env.APA_REVIEW_TOKEN || undefined),
        publicUrl: raw.publicUrl ?? (process.env.APA_REVIEW_PUBLIC_URL || undefined),
      });
      if (!parsed.success) {
        process.stderr.write(`error: ${parsed.error.issues.map((i) => `--${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}\n`);
        process.exitCode = 2;
        return;
      }
      const opts = parsed.data;
      let s: RunningServer;
      try {
        s = await startReviewServer({ ...opts, publicUrl: opts.publicUrl?.href });
      } catch (e) {
        if (!(e instanceof UnsafeServeError)) throw e;
        process.stderr.write(`error: ${e.message}\n`);
        process.exitCode = 2;
        return;
      }
      const base = opts.publicUrl?.href ?? s.url;
      const accounts = countUsers(s.db);
      const lines = [`review app on ${base} over ${opts.db}; Ctrl+C stops it`];
      if (accounts > 0) lines.push(`${accounts} account(s): reviewers log in; the API needs a login${opts.token ? ' or the token (writes recorded as token:' + opts.tokenName + ')' : ''}`);
      else if (opts.token) {
        // the token travels in the URL fragment, which browsers never send to a server or put in logs
        lines[0] = `review app on ${base}#token=${encodeURIComponent(opts.token)} over ${opts.db}; Ctrl+C stops it`;
        lines.push(`no accounts: reads are open, writes need the token and are recorded as token:${opts.tokenName}; named reviewers: npm run cli -- users add NAME --role admin --db ${opts.db}`);
      } else {
        lines.push(
          `no accounts: anyone using this machine reviews, recorded as local:${osUserName()}. For named reviewers with logins:`,
          `  npm run cli -- users add NAME --role admin --db ${opts.db}`,
        );
      }
      if (!isLoopback(opts.host) && opts.publicUrl?.protocol !== 'https:') {
        lines.push('warning: served over plain http on the network: passwords and session cookies travel in clear text; put an https reverse proxy in front (--public-url https://…)');
      }
      process.stderr.write(lines.join('\n') + '\n');
      const stop = () => {
        void s.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
