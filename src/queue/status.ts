/**
 * `apa-ocr queue status --queue redis://…`: what the page queue holds and who works on it: pages waiting,
 * being read, failed, read but not yet stored; the workers connected; pages per minute (BullMQ's own
 * per-minute metrics, which the workers record); PDFs waiting in Redis; queues of other tool versions.
 */
import type { Redis } from 'ioredis';
import { TOOL_VERSION } from '../config.js';
import { parseQueueUrl } from './url.js';
import { checkRedis, openRedis, redisOptions } from './connection.js';
import { parsePageJobId, queueName, queuePrefix, type PageJob } from './jobs.js';

export interface QueueStatus {
  queue: string;
  redis: { address: string; version: string; warnings: string[] };
  pages: { waiting: number; active: number; delayed: number; failed: number; readNotStored: number };
  pdfs: { count: number; bytes: number };
  workers: { name: string; address: string; idleSeconds: number; ageSeconds: number }[];
  rate: { pagesPerMinute15: number; lastMinute: number; failedPerMinute15: number };
  failedPages: { file: string; page: number; reason: string; attempts: number }[];
  otherVersions: { queue: string; waiting: number }[];
}

const RATE_WINDOW_MIN = 15;

export async function queueStatus(queueUrl: string): Promise<QueueStatus> {
  const target = parseQueueUrl(queueUrl);
  const check = await checkRedis(target);
  const prefix = queuePrefix();
  const name = queueName();
  const { Queue } = await import('bullmq');
  const queue = new Queue<PageJob, unknown, 'page'>(name, { connection: redisOptions(target), prefix, skipMetasUpdate: true });
  queue.on('error', () => undefined); // the first check passed; a failure below rejects its call
  const redis = await openRedis(target, () => undefined);
  try {
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
    const workers = new Map<string, QueueStatus['workers'][number]>();
    for (const c of await queue.getWorkers()) {
      // a worker holds several connections; its name follows ':w:' in each one's client name
      const n = String(c.rawname ?? '').split(':w:')[1] ?? String(c.addr);
      if (!workers.has(n)) workers.set(n, { name: n, address: String(c.addr ?? ''), idleSeconds: Number(c.idle ?? 0), ageSeconds: Number(c.age ?? 0) });
      else workers.get(n)!.idleSeconds = Math.min(workers.get(n)!.idleSeconds, Number(c.idle ?? 0));
    }
    const now = Date.now();
    const done = await queue.getMetrics('completed', 0, RATE_WINDOW_MIN - 1);
    const failedM = await queue.getMetrics('failed', 0, RATE_WINDOW_MIN - 1);
    const failedPages: QueueStatus['failedPages'] = [];
    for (const j of await queue.getFailed(0, 9)) {
      const id = parsePageJobId(String(j.id));
      failedPages.push({ file: j.data?.file ?? id?.sha256 ?? String(j.id), page: j.data?.page ?? id?.page ?? 0, reason: String(j.failedReason ?? '').split('\n')[0]!, attempts: Math.max(j.attemptsStarted ?? 0, j.attemptsMade ?? 0) });
    }
    return {
      queue: `${prefix}:${name}`,
      redis: { address: target.display, version: check.version, warnings: check.warnings },
      pages: {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        readNotStored: counts.completed ?? 0,
      },
      pdfs: await pdfsInRedis(redis, prefix),
      workers: [...workers.values()].sort((a, b) => a.name.localeCompare(b.name)),
      rate: {
        pagesPerMinute15: countInWindow(done, now, RATE_WINDOW_MIN) / RATE_WINDOW_MIN,
        lastMinute: countInWindow(done, now, 1),
        failedPerMinute15: countInWindow(failedM, now, RATE_WINDOW_MIN) / RATE_WINDOW_MIN,
      },
      failedPages,
      otherVersions: await otherVersions(redis, prefix, name),
    };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

/**
 * Jobs finished in the last `minutes` minutes (the current one included), from BullMQ's per-minute metrics.
 * BullMQ writes a minute's count only when a job finishes in a later minute: `meta.count - meta.prevCount` jobs
 * finished since the start of the minute of `meta.prevTS`, and `data[i]` is the count of the i-th minute before
 * that one.
 */
export function countInWindow(m: { meta: { count: number; prevTS: number; prevCount: number }; data: (number | string)[] }, now: number, minutes: number): number {
  const minute = (t: number) => Math.floor(t / 60_000);
  const first = minute(now) - minutes + 1;
  if (!m.meta.prevTS) return 0; // nothing has finished yet
  const base = minute(Number(m.meta.prevTS));
  let n = base >= first ? Number(m.meta.count) - Number(m.meta.prevCount) : 0;
  m.data.forEach((v, i) => {
    if (base - 1 - i >= first) n += Number(v) || 0;
  });
  return n;
}

async function scanKeys(redis: Redis, match: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

async function pdfsInRedis(redis: Redis, prefix: string): Promise<{ count: number; bytes: number }> {
  const keys = await scanKeys(redis, `${prefix}:pdf:*`);
  let bytes = 0;
  for (const k of keys) bytes += await redis.strlen(k);
  return { count: keys.length, bytes };
}

/** Queues of other tool versions with pages waiting: their workers are not this version's. */
async function otherVersions(redis: Redis, prefix: string, own: string): Promise<QueueStatus['otherVersions']> {
  const out: QueueStatus['otherVersions'] = [];
  for (const k of await scanKeys(redis, `${prefix}:pages-v*:meta`)) {
    const q = k.slice(prefix.length + 1, -':meta'.length);
    if (q === own) continue;
    out.push({ queue: `${prefix}:${q}`, waiting: await redis.llen(`${prefix}:${q}:wait`) });
  }
  return out;
}

export function formatQueueStatus(s: QueueStatus): string {
  const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
  const lines = [
    `queue     ${s.queue} (version ${TOOL_VERSION}) at ${s.redis.address}, Redis ${s.redis.version}`,
    `pages     ${s.pages.waiting} waiting, ${s.pages.active} being read, ${s.pages.delayed} waiting to retry, ${s.pages.failed} failed, ${s.pages.readNotStored} read and not yet stored`,
    `pdfs      ${s.pdfs.count} in Redis (${mb(s.pdfs.bytes)})`,
    `workers   ${s.workers.length}${s.workers.length ? ': ' + s.workers.map((w) => `${w.name} (idle ${w.idleSeconds} s)`).join(', ') : ' (start some: apa-ocr worker --queue …)'}`,
    `rate      ${s.rate.pagesPerMinute15.toFixed(1)} pages/min over the last ${RATE_WINDOW_MIN} min, ${s.rate.lastMinute} in the last minute; ${s.rate.failedPerMinute15.toFixed(1)} failed/min`,
    ...s.failedPages.map((f) => `failed    ${f.file} page ${f.page} after ${f.attempts} attempt(s): ${f.reason}`),
    ...s.otherVersions.map((o) => `other     ${o.queue}: ${o.waiting} waiting (served by workers of that version only)`),
    ...s.redis.warnings.map((w) => `warning   ${w}`),
  ];
  return lines.join('\n');
}
