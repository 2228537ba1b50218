import type { Db } from './open.js';
import type { SubmissionResult } from '../models/submission.js';
import type { StageError } from '../models/errors.js';
import { INDICATOR_VALUE_FIELDS } from '../models/indicator.js';

export function startRun(db: Db, toolVersion: string, options: unknown): number {
  const r = db
    .prepare('INSERT INTO runs (started_at, tool_version, options_json) VALUES (?, ?, ?)')
    .run(new Date().toISOString(), toolVersion, JSON.stringify(options));
  return Number(r.lastInsertRowid);
}

export function finishRun(db: Db, runId: number): void {
  db.prepare('UPDATE runs SET finished_at = ? WHERE id = ?').run(new Date().toISOString(), runId);
}

export function findSubmissionBySha(db: Db, sha256: string): { id: number; path: string; status: string } | undefined {
  return db.prepare('SELECT id, path, status FROM submissions WHERE sha256 = ?').get(sha256) as
    | { id: number; path: string; status: string }
    | undefined;
}

/** Errors of a file that could not be stored at all (bad input, crash): kept so `stats` lists them. */
export function recordFileErrors(db: Db, runId: number, sha256: string | null, errors: StageError[]): void {
  const ins = db.prepare(
    'INSERT INTO errors (run_id, submission_id, file, sha256, page, stage, category, message, at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)',
  );
  const at = new Date().toISOString();
  db.transaction(() => {
    for (const e of errors) ins.run(runId, e.file, sha256, e.page, e.stage, e.category, e.message, at);
  })();
}

/**
 * Store one processed PDF in a single transaction: a crash mid-file leaves nothing half-written, and
 * re-storing the same sha256 (with --force) replaces the old rows instead of duplicating them.
 * Returns the submission id.
 */
export function storeSubmission(db: Db, res: SubmissionResult, runId: number): number {
  const tx = db.transaction((): number => {
    // the reviewer's sign-off belongs to the file, like its corrections: it stays when the file is stored again
    const old = db.prepare('SELECT id, reviewed_at, reviewed_by FROM submissions WHERE sha256 = ?').get(res.sha256) as
      | { id: number; reviewed_at: string | null; reviewed_by: string | null }
      | undefined;
    if (old) db.prepare('DELETE FROM submissions WHERE id = ?').run(old.id);
    // errors of earlier failed attempts at this file are superseded by this stored result
    db.prepare('DELETE FROM errors WHERE sha256 = ? AND submission_id IS NULL').run(res.sha256);

    const m = res.meta;
    const timings: Record<string, number> = {};
    for (const p of res.pages) for (const [k, v] of Object.entries(p.timings)) timings[k] = (timings[k] ?? 0) + v;
    const sub = db
      .prepare(
        `INSERT INTO submissions (sha256, path, file_name, size, page_count, status, run_id, fiscal_year, quarter,
           submission_date, annex_format, office_level, office_name, division, district, upazila, meta_json,
           sections_json, started_at, finished_at, timings_json, reviewed_at, reviewed_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        res.sha256,
        res.file,
        res.file.split(/[\\/]/).pop() ?? res.file,
        res.size,
        res.pageCount,
        res.status,
        runId,
        m.fiscalYear,
        m.quarter == null ? null : String(m.quarter),
        m.submissionDate,
        m.annexFormat,
        m.office.level,
        m.office.name,
        m.office.division,
        m.office.district,
        m.office.upazila,
        JSON.stringify(m),
        JSON.stringify(res.sections),
        res.startedAt,
        res.finishedAt,
        JSON.stringify(timings),
        old?.reviewed_at ?? null,
        old?.reviewed_by ?? null,
      );
    const sid = Number(sub.lastInsertRowid);

    const insPage = db.prepare(
      `INSERT INTO pages (submission_id, page, section, subtype, confidence, evidence_json, rotation, skew_deg, dpi,
         width, height, raster_json, preprocess_json, text, mean_conf, timings_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insLine = db.prepare(
      'INSERT INTO ocr_lines (submission_id, page, line_no, text, conf, x0, y0, x1, y1, words_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insTable = db.prepare(
      `INSERT INTO tables (submission_id, page, idx, role, n_rows, n_cols, x0, y0, x1, y1, row_lines_json, col_lines_json, grid_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insCell = db.prepare(
      'INSERT INTO cells (table_id, r, c, rowspan, colspan, text, conf, x0, y0, x1, y1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const p of res.pages) {
      const c = p.classification;
      insPage.run(
        sid,
        p.page,
        c?.section ?? null,
        c?.subtype ?? null,
        c?.confidence ?? null,
        c ? JSON.stringify(c.evidence) : null,
        p.preprocess?.rotation ?? null,
        p.preprocess?.skewDeg ?? null,
        p.raster?.dpi ?? null,
        p.preprocess?.width ?? p.raster?.width ?? null,
        p.preprocess?.height ?? p.raster?.height ?? null,
        p.raster ? JSON.stringify(p.raster) : null,
        p.preprocess ? JSON.stringify(p.preprocess) : null,
        p.text,
        p.meanConf,
        JSON.stringify(p.timings),
      );
      p.lines.forEach((l, i) =>
        insLine.run(sid, p.page, i, l.text, l.conf, l.bbox.x0, l.bbox.y0, l.bbox.x1, l.bbox.y1, JSON.stringify(l.words)),
      );
      for (const t of p.tables) {
        const tr = insTable.run(
          sid,
          p.page,
          t.index,
          t.role,
          t.nRows,
          t.nCols,
          t.bbox.x0,
          t.bbox.y0,
          t.bbox.x1,
          t.bbox.y1,
          JSON.stringify(t.rowLines),
          JSON.stringify(t.colLines),
          JSON.stringify(t.grid),
        );
        const tid = Number(tr.lastInsertRowid);
        for (const cell of t.cells) {
          insCell.run(tid, cell.r, cell.c, cell.rowspan, cell.colspan, cell.text, cell.conf, cell.bbox.x0, cell.bbox.y0, cell.bbox.x1, cell.bbox.y1);
        }
      }
    }

    const insInd = db.prepare(
      `INSERT INTO indicators (submission_id, page, table_idx, row, seq, indicator_code, activity_code, activity, indicator, fields_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insFlag = db.prepare(
      'INSERT INTO flags (submission_id, indicator_id, page, rule, field, message) VALUES (?, ?, ?, ?, ?, ?)',
    );
    res.indicators.forEach((r, seq) => {
      const fields: Record<string, unknown> = {};
      for (const k of INDICATOR_VALUE_FIELDS) fields[k] = r[k];
      const ir = insInd.run(sid, r.page, r.tableIndex, r.row, seq, r.indicatorCode, r.activityCode, r.activity, r.indicator, JSON.stringify(fields));
      const iid = Number(ir.lastInsertRowid);
      for (const f of r.flags) insFlag.run(sid, iid, r.page, f.rule, f.field, f.message);
    });

    const insErr = db.prepare(
      'INSERT INTO errors (run_id, submission_id, file, sha256, page, stage, category, message, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const at = new Date().toISOString();
    for (const e of res.errors) insErr.run(runId, sid, e.file, res.sha256, e.page, e.stage, e.category, e.message, at);
    return sid;
  });
  return tx();
}
