import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { openPdf } from '../../pipeline/rasterise/index.js';
import { preprocessPage } from '../../pipeline/preprocess/index.js';
import { PageImages, SourceError, uprightPage } from '../../src/server/pageImages.js';
import { LruCache } from '../../src/server/lru.js';
import { isLoopback, tokenMatches } from '../../src/server/security.js';
import { ServeOptionsSchema } from '../../src/server/cli.js';
import { pdfPath } from './truthDb.js';

describe('uprightPage', () => {
  // the server replays what ingest decided instead of deciding again; both must give the same pixels
  it.each([
    ['smp_002', 3], // turned 180°
    ['smp_003', 3], // turned 90°
  ] as const)('replays clean-up exactly (%s page %i)', async (id, page) => {
    const doc = await openPdf(new Uint8Array(fs.readFileSync(pdfPath(id))), id);
    try {
      const raster = await doc.rasterise(page);
      const prepared = await preprocessPage(raster);
      expect(prepared.info.rotation).not.toBe(0);
      const replay = await uprightPage(raster, prepared.info);
      expect([replay.width, replay.height]).toEqual([prepared.image.width, prepared.image.height]);
      let diff = 0;
      for (let i = 0; i < replay.data.length; i++) diff += Math.abs(replay.data[i]! - prepared.image.data[i]!);
      expect(diff / replay.data.length).toBeLessThan(0.5);
    } finally {
      await doc.close();
    }
  });
});

describe('PageImages sources', () => {
  const sha = crypto.createHash('sha256').update(fs.readFileSync(pdfPath('smp_001'))).digest('hex');

  it('404 a PDF that is not at its stored path any more', async () => {
    const images = new PageImages();
    const err = await images.page({ sha256: sha, path: '/nonexistent/smp_001.pdf', page: 1, preprocess: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).status).toBe(404);
  });

  it('409 a file that changed since ingest (boxes would not match)', async () => {
    const images = new PageImages();
    const err = await images.page({ sha256: sha, path: pdfPath('smp_002'), page: 1, preprocess: null }).catch((e: unknown) => e);
    expect((err as SourceError).status).toBe(409);
  });

  it('resolve a relative path against the configured folders only', async () => {
    const rel = 'samples/pdf/smp_001.pdf';
    const none = new PageImages({ baseDirs: ['/nonexistent'] });
    expect(((await none.page({ sha256: sha, path: rel, page: 9, preprocess: null }).catch((e: unknown) => e)) as SourceError).status).toBe(404);
    const images = new PageImages({ baseDirs: ['/nonexistent', pdfPath('smp_001').replace(/samples\/pdf\/smp_001\.pdf$/, '')] });
    // page 9 of a 3-page file: the file was found and checked, the page was not there
    expect(((await images.page({ sha256: sha, path: rel, page: 9, preprocess: null }).catch((e: unknown) => e)) as SourceError).status).toBe(422);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entries beyond its byte budget', () => {
    const c = new LruCache<string, number[]>(10, (v) => v.length);
    c.set('a', [1, 2, 3, 4]);
    c.set('b', [1, 2, 3, 4]);
    expect(c.get('a')).toBeDefined(); // a is now the most recent
    c.set('c', [1, 2, 3, 4]);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBeDefined();
    expect(c.bytes).toBe(8);
    c.set('huge', new Array(50).fill(0)); // a single oversized entry is still kept
    expect(c.size).toBe(1);
  });
});

describe('security helpers', () => {
  it('compare tokens exactly', () => {
    expect(tokenMatches('secret-token-123', 'secret-token-123')).toBe(true);
    expect(tokenMatches('secret-token-123', 'secret-token-124')).toBe(false);
    expect(tokenMatches('secret-token-123', 'secret')).toBe(false);
    expect(tokenMatches('secret-token-123', '')).toBe(false);
  });
  it('know loopback names', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.5', 'example.org', '::', 'localhost.evil.com']) expect(isLoopback(h)).toBe(false);
  });
  // serving on a network address with neither accounts nor a token is refused by assertSafeToServe (users.test.ts)
  it('check the serve options', () => {
    expect(ServeOptionsSchema.safeParse({ host: '0.0.0.0', token: 'short' }).success).toBe(false);
    expect(ServeOptionsSchema.safeParse({ publicUrl: 'ftp://review.example' }).success).toBe(false);
    expect(ServeOptionsSchema.safeParse({ tokenName: 'a:b' }).success).toBe(false);
    expect(ServeOptionsSchema.safeParse({ host: '0.0.0.0', token: 'a-token-of-enough-length' }).success).toBe(true);
    expect(ServeOptionsSchema.parse({})).toMatchObject({ host: '127.0.0.1', port: 8787 });
    expect(ServeOptionsSchema.safeParse({ port: '70000' }).success).toBe(false);
  });
});
