import type { Command } from 'commander';
import type { z } from 'zod';
import { QueueStatusOptionsSchema, WorkerOptionsSchema } from '../config.js';
import { QueueCommandError } from './errors.js';

export const QUEUE_OPTION_HELP = 'Redis of the page queue: redis://[user:password@]host[:port][/db], rediss:// for TLS (password also from APA_REDIS_PASSWORD)';

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const r = schema.safeParse(raw);
  if (!r.success) throw new QueueCommandError(r.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

/** `worker` and `queue status`; bullmq is loaded by their actions only, never by the rest of the CLI. */
export function registerQueueCommands(program: Command): void {
  program
    .command('worker')
    .description('read pages off the Redis page queue that `ingest --queue` fills (run any number, on any machines); SIGINT/SIGTERM finishes the pages in hand, then stops')
    .requiredOption('--queue <url>', QUEUE_OPTION_HELP)
    .option('--jobs <n>', 'pages read at once (default: number of cores)')
    .option('--recycle <n>', 'OCR calls before a Tesseract worker is recreated', '150')
    .option('--engine <kind>', 'OCR engine: wasm (tesseract.js, built in) or native (the system tesseract 5, e.g. Debian tesseract-ocr; same models)', 'wasm')
    .option('--lock-seconds <n>', 'a page whose worker is silent this long goes back to the queue', '60')
    .action(async (raw: Record<string, unknown>) => {
      const opts = parse(WorkerOptionsSchema, raw);
      const { prepareEngine } = await import('../../pipeline/ocr/factory.js');
      const { NativeEngineUnavailable } = await import('../../pipeline/ocr/native.js');
      try {
        if (!process.env.APA_TEST_ENGINE_MODULE) prepareEngine(opts.engine);
      } catch (e) {
        if (e instanceof NativeEngineUnavailable) throw new QueueCommandError(e.message);
        throw e;
      }
      const { runWorker } = await import('./worker.js');
      process.exitCode = await runWorker(opts);
    });

  const queue = program.command('queue').description('the Redis page queue of `ingest --queue`');
  queue
    .command('status')
    .description('pages waiting, being read and failed; workers connected; pages per minute')
    .requiredOption('--queue <url>', QUEUE_OPTION_HELP)
    .option('--json', 'print JSON', false)
    .action(async (raw: Record<string, unknown>) => {
      const opts = parse(QueueStatusOptionsSchema, raw);
      const { queueStatus, formatQueueStatus } = await import('./status.js');
      const s = await queueStatus(opts.queue);
      process.stdout.write((opts.json ? JSON.stringify(s, null, 1) : formatQueueStatus(s)) + '\n');
    });
}
