import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { serve, type ServerType } from '@hono/node-server';
import { z } from 'zod';
import { DEFAULT_DB } from '../config.js';
import { openDb, type Db } from '../../db/open.js';
import { createReviewApp } from './app.js';
import { PageImages } from './pageImages.js';
import { isLoopback } from './security.js';

export const ServeOptionsSchema = z
  .object({
    db: z.string().min(1).default(DEFAULT_DB),
    port: z.coerce.number().int().min(0).max(65535).default(8787),
    host: z.string().min(1).max(255).default('127.0.0.1'),
    token: z.string().min(16, 'use a token of at least 16 characters').max(512).optional(),
  })
  .refine((o) => isLoopback(o.host) || o.token !== undefined, {
    message: 'bound to a network address, writes need a token: pass --token or set APA_REVIEW_TOKEN',
    path: ['token'],
  });
export type ServeOptions = z.infer<typeof ServeOptionsSchema>;

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  close(): Promise<void>;
}

/**
 * Start the review server (used by `serve` and by the browser test). Relative PDF paths in the database are
 * tried against the current folder and the database's parent folder (ingest usually runs from the repo root
 * with the database in data/).
 */
export async function startReviewServer(opts: ServeOptions): Promise<RunningServer> {
  const db = openDb(opts.db);
  const dbDir = path.dirname(path.resolve(opts.db));
  const images = new PageImages({ baseDirs: [process.cwd(), path.dirname(dbDir), dbDir] });
  const app = createReviewApp({ db, token: opts.token ?? null, loopbackOnly: isLoopback(opts.host), images });
  const { server, info } = await new Promise<{ server: ServerType; info: AddressInfo }>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (i) => resolve({ server: s, info: i }));
    s.once('error', reject);
  });
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
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
    .option('--host <host>', 'address to bind; anything but loopback needs a token', '127.0.0.1')
    .option('--token <token>', 'bearer token required for writes (default: env APA_REVIEW_TOKEN)')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = ServeOptionsSchema.safeParse({ ...raw, token: raw.token ?? (process.env.APA_REVIEW_TOKEN || undefined) });
      if (!parsed.success) {
        process.stderr.write(`error: ${parsed.error.issues.map((i) => `--${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}\n`);
        process.exitCode = 2;
        return;
      }
      const opts = parsed.data;
      const s = await startReviewServer(opts);
      // the token travels in the URL fragment, which browsers never send to a server or put in logs
      const link = opts.token ? `${s.url}#token=${encodeURIComponent(opts.token)}` : s.url;
      process.stderr.write(`review app on ${link} over ${opts.db}${opts.token ? ' (writes need the token)' : ''}; Ctrl+C stops it\n`);
      const stop = () => {
        void s.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
