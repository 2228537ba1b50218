import type { SubmissionResult } from '../../models/submission.js';
import type { IndicatorField } from '../../models/indicator.js';

const absent: IndicatorField = { raw: null, value: null, confidence: null, bbox: null, printed: false };

/** A small but complete processed submission: a letter page and an Annex 5 page with one indicator. */
export function fakeSubmission(sha: string): SubmissionResult {
  const box = { x0: 10, y0: 20, x1: 30, y1: 40 };
  const field = (raw: string, value: IndicatorField['value']): IndicatorField => ({ raw, value, confidence: 0.9, bbox: box, printed: true });
  return {
    file: `samples/sub_${sha}.pdf`,
    sha256: sha,
    size: 1234,
    pageCount: 2,
    status: 'ok',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    sections: [
      { index: 0, section: 'letter', subtype: 'cover_letter', pages: [1] },
      { index: 1, section: 'annex5', subtype: 'annex5', pages: [2] },
    ],
    meta: {
      office: { name: 'উপজেলা সমবায় কার্যালয়, আটোয়ারী, পঞ্চগড়', level: 'upazila', division: 'রংপুর', district: 'পঞ্চগড়', upazila: 'আটোয়ারী' },
      fiscalYear: '2022-23',
      quarter: 4,
      submissionDate: '2023-06-26',
      annexFormat: 'A',
      provenance: { fiscalYear: { value: '2022-23', page: 1, confidence: 0.9, source: 'letter subject' } },
    },
    pages: [
      {
        page: 1,
        raster: { page: 1, width: 100, height: 140, dpi: 300, source: 'embedded', pdfRotate: 0, filter: 'DCTDecode' },
        preprocess: { rotation: 0, rotationConfidence: 1, rotationMethod: 'projection', skewDeg: 0.2, scale: 1, blank: false, width: 100, height: 140 },
        classification: { section: 'letter', subtype: 'cover_letter', confidence: 0.9, evidence: ['স্মারক'] },
        text: 'স্মারক নং: ৪৭.৬১\nবিষয়: অগ্রগতি',
        lines: [
          { text: 'স্মারক নং: ৪৭.৬১', conf: 90, bbox: box, words: [{ text: 'স্মারক', conf: 90, bbox: box }] },
        ],
        meanConf: 90,
        tables: [],
        timings: { ocr: 100 },
        errors: [],
      },
      {
        page: 2,
        raster: null,
        preprocess: null,
        classification: { section: 'annex5', subtype: 'annex5', confidence: 0.95, evidence: ['সংযোজনী'] },
        text: 'ক্র.নং\tকার্যক্রম',
        lines: [],
        meanConf: 80,
        tables: [
          {
            index: 0,
            bbox: { x0: 0, y0: 0, x1: 100, y1: 100 },
            nRows: 3,
            nCols: 2,
            role: 'annex5',
            cells: [
              { r: 0, c: 0, rowspan: 1, colspan: 1, text: 'ক্র.নং', conf: 90, bbox: box },
              { r: 0, c: 1, rowspan: 1, colspan: 1, text: 'কার্যক্রম', conf: 90, bbox: box },
              { r: 1, c: 0, rowspan: 2, colspan: 1, text: '০১', conf: 90, bbox: box },
              { r: 1, c: 1, rowspan: 1, colspan: 1, text: '[১.১] উদ্ভাবন', conf: 90, bbox: box },
              { r: 2, c: 1, rowspan: 1, colspan: 1, text: 'তারিখ', conf: 90, bbox: box },
            ],
            grid: [],
            rowLines: [0, 50, 100],
            colLines: [0, 50, 100],
          },
        ],
        timings: {},
        errors: [],
      },
    ],
    indicators: [
      {
        page: 2,
        tableIndex: 0,
        row: 1,
        activityCode: '1.1',
        activity: '[১.১] উদ্ভাবন',
        indicatorCode: '1.1.1',
        indicator: '[১.১.১] বাস্তবায়িত',
        unit: field('তারিখ', 'date'),
        weight: absent,
        target: field('১৬/০৩/২০২৩', '2023-03-16'),
        q1: field('-', null),
        q2: field('-', null),
        q3: field('১টি ১৬/০৩/২০২৩', { count: 1, date: '2023-03-16' }),
        q4: field('-', null),
        total: field('২', 2),
        rate: absent,
        score: absent,
        remarks: absent,
        flags: [{ rule: 'total-sum', field: 'total', message: 'total 2 ≠ sum of quarters 1' }],
      },
    ],
    errors: [],
  };
}
