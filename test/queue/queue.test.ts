import { describe, expect, it } from 'vitest';
import { parseQueueUrl, redactRaw, QueueUrlError } from '../../src/queue/url.js';
import { checkPageResult, failedPageResult, pageJobId, parsePageJobId, PageJobSchema, queueName, queuePrefix } from '../../src/queue/jobs.js';
import { countInWindow } from '../../src/queue/status.js';
import { describeRedisFailure } from '../../src/queue/connection.js';
import { IngestOptionsSchema, WorkerOptionsSchema } from '../../src/config.js';
import { makeScannedPdf } from '../../samples/bad/make.js';
import { openPdf } from '../../pipeline/rasterise/index.js';
import { processPage } from '../../pipeline/runner.js';
import { FakeEngine } from '../helpers/fakeEngine.js';

const SHA = 'ab'.repeat(32);

describe('queue address (--queue)', () => {
  it('reads host, port, database, user and password, and never shows the password', () => {
    expect(parseQueueUrl('redis://127.0.0.1:6390/0', {})).toMatchObject({ tls: false, host: '127.0.0.1', port: 6390, db: 0, password: undefined, display: 'redis://127.0.0.1:6390/0' });
    const t = parseQueueUrl('rediss://apa:p%40ss%3Aw0rd@redis.example.org/3', {});
    expect(t).toMatchObject({ tls: true, host: 'redis.example.org', port: 6379, db: 3, username: 'apa', password: 'p@ss:w0rd' });
    expect(t.display).toBe('rediss://apa:***@redis.example.org:6379/3');
    expect(parseQueueUrl('redis://[::1]:7000', {})).toMatchObject({ host: '::1', port: 7000, db: 0, display: 'redis://[::1]:7000/0' });
  });

  it('takes the password from APA_REDIS_PASSWORD when the address has none, so it stays off the command line', () => {
    expect(parseQueueUrl('redis://10.0.0.5:6379/1', { APA_REDIS_PASSWORD: 's3cret' })).toMatchObject({ password: 's3cret', display: 'redis://:***@10.0.0.5:6379/1' });
    expect(parseQueueUrl('redis://:inline@10.0.0.5', { APA_REDIS_PASSWORD: 'env' }).password).toBe('inline');
  });

  it('refuses what is not a Redis address with one line saying what is expected, the password hidden', () => {
    const bad: [string, RegExp][] = [
      ['http://127.0.0.1:6379', /not a Redis address \(http:\/\/\)/],
      ['127.0.0.1:6379', /expected redis:\/\//],
      ['redis://h:70000/0', /port|not a Redis address/],
      ['redis://h:6379/two', /database number/],
      ['redis://h:6379/0?tls=true', /options after \? or #/],
      ['redis:///0', /names no host|not a Redis address/],
    ];
    for (const [raw, want] of bad) {
      let err: unknown;
      try {
        parseQueueUrl(raw, {});
      } catch (e) {
        err = e;
      }
      expect(err, raw).toBeInstanceOf(QueueUrlError);
      expect((err as Error).message, raw).toMatch(want);
      expect((err as Error).message.split('\n'), raw).toHaveLength(1);
    }
    const e = (() => {
      try {
        parseQueueUrl('redis://user:hunter2@h:6379/x', {});
      } catch (x) {
        return x as Error;
      }
    })();
    expect(e?.message).not.toContain('hunter2');
    expect(redactRaw('rediss://user:hunter2@h:1/0')).toBe('rediss://user:***@h:1/0');
  });

  it('is checked with the other options: a bad --queue is a usage error naming the option', () => {
    const r = IngestOptionsSchema.safeParse({ db: 'x.sqlite', queue: 'redis://h:6379/zero' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['queue']);
    expect(WorkerOptionsSchema.parse({ queue: 'redis://h' })).toMatchObject({ lockSeconds: 60, recycle: 150 });
    expect(WorkerOptionsSchema.safeParse({ queue: 'redis://h', lockSeconds: '1' }).success).toBe(false);
  });

  it('turns connection failures into one line saying what to do', () => {
    const t = parseQueueUrl('redis://:pw@127.0.0.1:6390/0', {});
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6390'), { code: 'ECONNREFUSED' });
    expect(describeRedisFailure(t, refused, 5000)).toMatch(/^cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:6390\/0: connection refused; start it/);
    expect(describeRedisFailure(t, new Error('WRONGPASS invalid username-password pair'), 5000)).toMatch(/refused the user name or password/);
    expect(describeRedisFailure(t, new Error('NOAUTH Authentication required.'), 5000)).toMatch(/needs a password/);
    expect(describeRedisFailure(parseQueueUrl('rediss://h', {}), new Error('self-signed certificate in certificate chain'), 5000)).toMatch(/APA_REDIS_CA/);
    for (const e of [refused, new Error('x\ny')]) expect(describeRedisFailure(t, e, 5000).split('\n')).toHaveLength(1);
  });
});

describe('page jobs', () => {
  it('have one id per (file content, page), the same on every run, without the ":" BullMQ forbids', () => {
    expect(pageJobId(SHA, 3)).toBe(`${SHA}-p3`);
    expect(pageJobId(SHA, 3)).not.toContain(':');
    expect(parsePageJobId(pageJobId(SHA, 12))).toEqual({ sha256: SHA, page: 12 });
    expect(parsePageJobId(pageJobId(SHA, 1))).not.toEqual(parsePageJobId(pageJobId(SHA, 2)));
    expect(parsePageJobId('42')).toBeNull();
    expect(parsePageJobId(`${SHA}-p0`)).toBeNull();
  });

  it('live in a queue of this tool version under a prefix that can be changed', () => {
    expect(queueName('1.2.3')).toBe('pages-v1.2.3');
    expect(queueName('1.2.3')).not.toContain(':');
    expect(queuePrefix({})).toBe('apa-ocr');
    expect(queuePrefix({ APA_QUEUE_PREFIX: 'apa-test-1' })).toBe('apa-test-1');
    expect(() => queuePrefix({ APA_QUEUE_PREFIX: 'a b*' })).toThrow(/APA_QUEUE_PREFIX/);
  });

  it('carry a checked description of the page', () => {
    const job = { sha256: SHA, file: 'in/a.pdf', page: 2, pageCount: 5, version: '0.1.0' };
    expect(PageJobSchema.parse(job)).toEqual(job);
    expect(PageJobSchema.safeParse({ ...job, sha256: 'abc' }).success).toBe(false);
    expect(PageJobSchema.safeParse({ ...job, page: 0 }).success).toBe(false);
  });
});

describe('page results from workers', () => {
  it('are taken when they are this version\'s page result for the page asked, and refused with a reason otherwise', async () => {
    const doc = await openPdf(await makeScannedPdf(2), 'scan.pdf');
    const page = await processPage(doc, 'scan.pdf', 2, new FakeEngine({ text: 'x' }));
    await doc.close();
    // what a worker sends travels as JSON
    const wire = JSON.parse(JSON.stringify(page)) as unknown;
    const ok = checkPageResult(wire, { file: 'scan.pdf', page: 2 });
    expect(ok).toEqual({ ok: true, page });

    const wrongPage = checkPageResult(wire, { file: 'scan.pdf', page: 1 });
    expect(wrongPage).toEqual({ ok: false, message: 'the worker answered for page 2' });
    const broken = checkPageResult({ ...(wire as object), lines: 'none' }, { file: 'scan.pdf', page: 2 });
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/^the worker's result does not match this version's page result \(lines: /);
    expect(checkPageResult(null, { file: 'scan.pdf', page: 2 }).ok).toBe(false);
  });

  it('a page the queue gave up on becomes a page error naming file and page', () => {
    const p = failedPageResult('in/a.pdf', 4, 'not read after 3 attempts: job stalled more than allowable limit\nstack');
    expect(p.page).toBe(4);
    expect(p.errors).toEqual([{ stage: 'queue', file: 'in/a.pdf', page: 4, category: 'page', message: 'not read after 3 attempts: job stalled more than allowable limit' }]);
    expect(checkPageResult(p, { file: 'in/a.pdf', page: 4 }).ok).toBe(true);
  });
});

describe('pages per minute from BullMQ metrics', () => {
  const at = (min: number, s = 0) => min * 60_000 + s * 1000;
  it('counts the open minute and the closed minutes inside the window', () => {
    // last finish closed minute 100; minutes 99, 98, 97 had 5, 0, 7; 3 more finished in minute 100
    const m = { meta: { count: 30, prevTS: at(100, 10), prevCount: 27 }, data: [5, 0, 7, 9] };
    expect(countInWindow(m, at(100, 50), 1)).toBe(3);
    expect(countInWindow(m, at(100, 50), 3)).toBe(3 + 5 + 0);
    expect(countInWindow(m, at(100, 50), 4)).toBe(3 + 5 + 0 + 7);
    // ten minutes later nothing is recent
    expect(countInWindow(m, at(110, 0), 5)).toBe(0);
    expect(countInWindow({ meta: { count: 0, prevTS: 0, prevCount: 0 }, data: [] }, at(5), 15)).toBe(0);
  });
});
