import type { Hono } from 'hono';
import { createReviewApp, type ReviewAppOptions } from '../../src/server/app.js';
import { buildTruthDb, type Misread } from './truthDb.js';

/**
 * Two OCR-like misreads in smp_001's Annex 5 table, each read with low confidence: a year read as ২০২৮ (outside
 * the fiscal year) and a count read as ৭টি (the quarters no longer add up to the total).
 */
export const MISREADS: Misread[] = [
  { id: 'smp_001', indicatorCode: '1.1.1', field: 'q3', text: '১টি ০৩-০৩-২০২৮', conf: 41 },
  { id: 'smp_001', indicatorCode: '3.1.1', field: 'q1', text: '৭টি', conf: 48 },
];

export async function reviewFixture(opts: Omit<ReviewAppOptions, 'db'> = {}) {
  const t = await buildTruthDb({ misreads: MISREADS });
  const app = createReviewApp({ db: t.db, ...opts });
  return { ...t, app };
}

export const jsonHeaders = { 'content-type': 'application/json' };

export async function getJson<T = any>(app: Hono, path: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }> {
  const res = await app.request(path, init);
  const type = res.headers.get('content-type') ?? '';
  const body = (type.includes('json') ? await res.json() : await res.text()) as T;
  return { status: res.status, body, res };
}

export function postJson<T = any>(app: Hono, path: string, body: unknown, headers: Record<string, string> = {}) {
  return getJson<T>(app, path, { method: 'POST', headers: { ...jsonHeaders, ...headers }, body: JSON.stringify(body) });
}
