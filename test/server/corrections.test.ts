import { describe, expect, it, onTestFinished } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { openDb } from '../../db/open.js';
import { startRun, storeSubmission } from '../../db/store.js';
import { exportSubmission, type ExportCorrectionMark } from '../../db/queries.js';
import { addCorrection, applyFieldCorrection, latestOf, listCorrections, listReviewMarks, setReviewed, type Actor, type Correction } from '../../db/corrections.js';
import { finishSubmission } from '../../pipeline/runner.js';
import { applyCorrection as apply, type CorrectionRequest } from '../../src/server/correct.js';
import { listQueue, QueueFilterSchema, submissionIndicators, submissionPages } from '../../src/server/review.js';
import type { IndicatorField } from '../../models/indicator.js';
import type { ExportIndicator } from '../../models/export.js';
import { fakeSubmission } from '../helpers/fixtures.js';
import { MISREADS } from './fixture.js';
import { buildTruthDb, pdfPath, truthPages } from './truthDb.js';

const who = 'Karim';
const actor: Actor = { name: who, userId: null, via: 'local' };
const applyCorrection = (db: Parameters<typeof apply>[0], id: number, req: CorrectionRequest) => apply(db, id, req, actor);
const allIndicators = (e: ReturnType<typeof exportSubmission>) => e.pages.flatMap((p) => p.tables.flatMap((t) => t.indicators)) as (ExportIndicator & Record<string, unknown>)[];
const mark = (f: unknown) => f as IndicatorField & Partial<ExportCorrectionMark>;

describe('corrections survive re-ingest', () => {
  it('keeps indicator, metadata and page corrections when the same file is stored again (ingest --force)', async () => {
    const { db, ids, dispose } = await buildTruthDb({ ids: ['smp_001', 'smp_002'], misreads: MISREADS });
    onTestFinished(dispose);
    const first = ids.get('smp_001')!;
    const m = MISREADS[0]!;
    const rec = submissionIndicators(db, first)!.find((i) => i.indicatorCode === m.indicatorCode)!;
    applyCorrection(db, first, { target: 'indicator', indicatorId: rec.id, field: 'q3', raw: '১টি ০৩-০৩-২০২৩' });
    applyCorrection(db, first, { target: 'meta', field: 'quarter', raw: '৩' });
    applyCorrection(db, first, { target: 'page', page: 3, section: 'letter', subtype: 'notice' });
    setReviewed(db, first, actor, true, '2026-02-03T04:05:06.000Z');
    const corrected = allIndicators(exportSubmission(db, first)).find((i) => i.indicatorCode === m.indicatorCode)!.q3.value;
    const rowsBefore = listCorrections(db, exportSubmission(db, first).sha256).length;

    // OCR runs again and misreads the same cell differently; the submission and its records get new rows
    const reread = MISREADS.map((x) => (x === m ? { ...x, text: '১টি ০৩-০৩-২০২৯' } : x));
    const bytes = fs.readFileSync(pdfPath('smp_001'));
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    const res = finishSubmission(pdfPath('smp_001'), sha, bytes.length, await truthPages('smp_001', reread), new Date().toISOString());
    const again = storeSubmission(db, res, startRun(db, 'test', { force: true }));
    expect(again).not.toBe(first);
    expect(db.prepare('SELECT COUNT(*) n FROM submissions WHERE id = ?').get(first)).toEqual({ n: 0 });

    const exp = exportSubmission(db, again);
    const q3 = mark(allIndicators(exp).find((i) => i.indicatorCode === m.indicatorCode)!.q3);
    expect(q3.value).toEqual(corrected);
    expect(q3.corrected).toBe(true);
    expect(q3.correction?.ocrRaw).toBe('১টি ০৩-০৩-২০২৯'); // the new OCR reading, superseded by the reviewer's
    expect(exp.quarter).toBe(3);
    expect(exp.pages[2]!.section).toBe('letter');
    expect(listCorrections(db, sha).length).toBe(rowsBefore);
    // the flags the new OCR raised on that field count as dealt with
    const after = submissionIndicators(db, again)!.find((i) => i.indicatorCode === m.indicatorCode)!;
    expect(after.flags.filter((f) => f.field === 'q3').length).toBeGreaterThan(0);
    expect(after.flags.filter((f) => f.field === 'q3').every((f) => f.resolved)).toBe(true);
    expect(submissionPages(db, again)!.pages[2]!.correction?.who).toBe(who);
    // so is the reviewed mark: it belongs to the file, not to the OCR run
    expect(exp.review).toMatchObject({ reviewedAt: '2026-02-03T04:05:06.000Z', reviewedBy: who });
    expect(listReviewMarks(db, sha).map((m) => [m.reviewed, m.who])).toEqual([[true, who]]);
    expect(db.prepare('SELECT reviewed_at FROM current_submissions WHERE submission_id = ?').get(again)).toEqual({ reviewed_at: '2026-02-03T04:05:06.000Z' });
  });
});

describe('indicator occurrence keys', () => {
  it('apply a correction to the k-th record with a code only', () => {
    const db = openDb(':memory:');
    const res = fakeSubmission('dup');
    const one = res.indicators[0]!;
    res.indicators.push({ ...one, row: one.row + 1, flags: [] });
    const id = storeSubmission(db, res, startRun(db, 'test', {}));
    const recs = submissionIndicators(db, id)!;
    expect(recs.map((r) => [r.indicatorCode, r.occurrence])).toEqual([
      [one.indicatorCode, 1],
      [one.indicatorCode, 2],
    ]);
    const r = applyCorrection(db, id, { target: 'indicator', indicatorId: recs[1]!.id, field: 'total', raw: '৭' });
    expect(r.target === 'indicator' && r.correction.occurrence).toBe(2);
    const [a, b] = allIndicators(exportSubmission(db, id));
    expect(a!.total.value).toEqual(one.total.value);
    expect(mark(a!.total).corrected).toBeUndefined();
    expect(b!.total.value).toBe(7);
    expect(mark(b!.total).corrected).toBe(true);
  });
});

describe('open flags', () => {
  it('a value flag closes with a correction of its field; a record flag closes when the submission is signed off', () => {
    const db = openDb(':memory:');
    const res = fakeSubmission('flags');
    res.indicators[0]!.flags.push({ rule: 'catalogue', field: 'indicatorCode', message: 'not in the plan' });
    const id = storeSubmission(db, res, startRun(db, 'test', {}));
    const open = () => listQueue(db, QueueFilterSchema.parse({}))[0]!.openFlags;
    expect(open()).toBe(2);
    const rec = submissionIndicators(db, id)![0]!;
    applyCorrection(db, id, { target: 'indicator', indicatorId: rec.id, field: 'q2', raw: '১' });
    expect(open()).toBe(2); // another field: the total's flag stays open
    applyCorrection(db, id, { target: 'indicator', indicatorId: rec.id, field: 'total', raw: '২' });
    expect(open()).toBe(1);
    setReviewed(db, id, actor, true);
    expect(open()).toBe(0);
    expect(submissionIndicators(db, id)![0]!.flags.every((f) => f.resolved)).toBe(true);
    setReviewed(db, id, actor, false);
    expect(open()).toBe(1);
  });
});

describe('db/corrections', () => {
  const base: Omit<Correction, 'id' | 'newValue' | 'newRaw'> = {
    sha256: 's',
    target: 'indicator',
    indicatorCode: '1.1.1',
    occurrence: 1,
    page: null,
    field: 'q1',
    oldRaw: '৭',
    oldValue: 7,
    who,
    at: '2026-01-01T00:00:00Z',
    reason: null,
    userId: null,
    via: null,
    revertOf: null,
    restoresOcr: false,
  };

  it('take the latest correction of a field as current', () => {
    const cur = latestOf([
      { ...base, id: 1, newRaw: '১', newValue: 1 },
      { ...base, id: 2, newRaw: '২', newValue: 2 },
      { ...base, id: 3, field: 'q2', newRaw: '৩', newValue: 3 },
    ]);
    expect(cur.indicator('1.1.1', 1, 'q1')?.newValue).toBe(2);
    expect(cur.indicator('1.1.1', 1, 'q2')?.newValue).toBe(3);
    expect(cur.indicator('1.1.1', 2, 'q1')).toBeUndefined();
    // time decides before row order
    const late = latestOf([
      { ...base, id: 1, at: '2026-02-01T00:00:00Z', newRaw: '১', newValue: 1 },
      { ...base, id: 2, at: '2026-01-01T00:00:00Z', newRaw: '২', newValue: 2 },
    ]);
    expect(late.indicator('1.1.1', 1, 'q1')?.newValue).toBe(1);
  });

  it('tell a correction from a confirmation', () => {
    const ocr: IndicatorField = { raw: '৭', value: 7, confidence: 0.4, bbox: null, printed: true };
    const fixed = applyFieldCorrection(ocr, { ...base, id: 1, newRaw: '১', newValue: 1 });
    expect([fixed.value, fixed.corrected, fixed.confidence]).toEqual([1, true, 1]);
    const same = applyFieldCorrection(ocr, { ...base, id: 2, newRaw: '৭', newValue: 7 });
    expect([same.value, same.corrected, same.confidence]).toEqual([7, false, 1]);
    expect(applyFieldCorrection(ocr, undefined)).toMatchObject({ value: 7, corrected: false, correction: null });
  });

  it('refuse an indicator correction without its key', () => {
    const db = openDb(':memory:');
    expect(() => addCorrection(db, { sha256: 'x', target: 'indicator', field: 'q1', oldRaw: null, oldValue: null, newRaw: '১', newValue: 1, who })).toThrow(/occurrence/);
    expect(() => addCorrection(db, { sha256: 'x', target: 'page', field: 'section', oldRaw: null, oldValue: null, newRaw: null, newValue: {}, who })).toThrow(/page/);
    const c = addCorrection(db, { sha256: 'x', target: 'meta', field: 'quarter', page: 4, indicatorCode: '1.1.1', oldRaw: null, oldValue: null, newRaw: '২', newValue: 2, who });
    // key columns a target does not use are not stored
    expect([c.page, c.indicatorCode, c.occurrence]).toEqual([null, null, null]);
  });
});
