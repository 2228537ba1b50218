-- Analysis layer: the current value of every indicator field and submission field (the latest human
-- correction if there is one, else what OCR read), joined to its office, period and provenance, so analysts
-- query views instead of unpacking fields_json and the corrections table themselves. Nothing stored before
-- is changed or dropped: this adds views, indexes, the derived indicators.occurrence column and the
-- derived current_submissions table, both kept up to date by triggers.

-- A correction names its indicator by (sha256, code, occurrence) so it survives re-ingesting; the
-- occurrence (k-th record with that code in the submission, 1-based, in seq order) is kept as a column so
-- joining corrections to 1,000,000 records is an index lookup, not a window over the whole table.
ALTER TABLE indicators ADD COLUMN occurrence INTEGER;

CREATE INDEX idx_indicators_submission_code ON indicators(submission_id, indicator_code, seq);

UPDATE indicators SET occurrence = (
  SELECT COUNT(*) FROM indicators i2
   WHERE i2.submission_id = indicators.submission_id AND i2.indicator_code = indicators.indicator_code
     AND i2.seq <= indicators.seq);

-- Every row with the same code in the submission is renumbered, so the numbering holds whatever the
-- insertion order (the store inserts in seq order, but nothing else has to).
CREATE TRIGGER indicators_occurrence_insert AFTER INSERT ON indicators
BEGIN
  UPDATE indicators SET occurrence = (
    SELECT COUNT(*) FROM indicators i2
     WHERE i2.submission_id = NEW.submission_id AND i2.indicator_code = NEW.indicator_code AND i2.seq <= indicators.seq)
   WHERE submission_id = NEW.submission_id AND indicator_code = NEW.indicator_code;
END;

CREATE TRIGGER indicators_occurrence_update AFTER UPDATE OF indicator_code, seq ON indicators
BEGIN
  UPDATE indicators SET occurrence = (
    SELECT COUNT(*) FROM indicators i2
     WHERE i2.submission_id = indicators.submission_id AND i2.indicator_code = indicators.indicator_code
       AND i2.seq <= indicators.seq)
   WHERE submission_id = NEW.submission_id AND indicator_code IN (OLD.indicator_code, NEW.indicator_code);
END;

CREATE INDEX idx_flags_indicator ON flags(indicator_id);

-- The latest correction of each corrected field (ties on `at` go to the later row).
CREATE VIEW v_current_corrections AS
SELECT c.*
  FROM corrections c
 WHERE NOT EXISTS (
   SELECT 1 FROM corrections d
    WHERE d.sha256 = c.sha256 AND d.target = c.target AND d.indicator_code IS c.indicator_code
      AND d.occurrence IS c.occurrence AND d.page IS c.page AND d.field = c.field
      AND (d.at > c.at OR (d.at = c.at AND d.id > c.id)));

-- new_value_json should be JSON; anything else is taken as a plain string rather than failing every query.
CREATE VIEW v_indicator_fixes AS
SELECT sha256, indicator_code, occurrence,
       json_group_object(field, json_object(
         'raw', new_raw,
         'value', CASE WHEN json_valid(new_value_json) THEN json(new_value_json) ELSE json_quote(new_value_json) END,
         'who', who, 'at', at)) AS fixes
  FROM v_current_corrections
 WHERE target = 'indicator'
 GROUP BY sha256, indicator_code, occurrence;

CREATE VIEW v_meta_fixes AS
SELECT sha256,
       json_group_object(field, json_object(
         'raw', new_raw,
         'value', CASE WHEN json_valid(new_value_json) THEN json(new_value_json) ELSE json_quote(new_value_json) END,
         'who', who, 'at', at)) AS fixes
  FROM v_current_corrections
 WHERE target = 'meta'
 GROUP BY sha256;

-- A submission's current metadata, computed from the stored row and its meta corrections. office_key
-- identifies an office across submissions by its place (level, division, district, upazila), not by the
-- printed name, whose spelling varies between letters; an office whose place is unknown falls back to its name.
CREATE VIEW v_submissions_live AS
SELECT x.*,
       CASE WHEN x.division IS NULL AND x.district IS NULL AND x.upazila IS NULL
            THEN 'name:' || COALESCE(x.office_name, '?')
            ELSE COALESCE(x.office_level, '?') || ':' || COALESCE(x.division, '') || '/' || COALESCE(x.district, '') || '/' || COALESCE(x.upazila, '')
       END AS office_key
  FROM (
  SELECT s.id AS submission_id, s.sha256, s.file_name AS file, s.path, s.status, s.page_count, s.annex_format,
    CASE WHEN json_type(m.fixes, '$.fiscalYear') IS NOT NULL THEN m.fixes ->> '$.fiscalYear.value' ELSE s.fiscal_year END AS fiscal_year,
    CASE WHEN json_type(m.fixes, '$.quarter') IS NOT NULL THEN CAST(m.fixes ->> '$.quarter.value' AS TEXT) ELSE s.quarter END AS quarter,
    CASE WHEN json_type(m.fixes, '$.submissionDate') IS NOT NULL THEN m.fixes ->> '$.submissionDate.value' ELSE s.submission_date END AS submission_date,
    CASE WHEN json_type(m.fixes, '$."office.name"') IS NOT NULL THEN m.fixes ->> '$."office.name".value' ELSE s.office_name END AS office_name,
    CASE WHEN json_type(m.fixes, '$."office.level"') IS NOT NULL THEN m.fixes ->> '$."office.level".value' ELSE s.office_level END AS office_level,
    CASE WHEN json_type(m.fixes, '$."office.division"') IS NOT NULL THEN m.fixes ->> '$."office.division".value' ELSE s.division END AS division,
    CASE WHEN json_type(m.fixes, '$."office.district"') IS NOT NULL THEN m.fixes ->> '$."office.district".value' ELSE s.district END AS district,
    CASE WHEN json_type(m.fixes, '$."office.upazila"') IS NOT NULL THEN m.fixes ->> '$."office.upazila".value' ELSE s.upazila END AS upazila,
    m.fixes IS NOT NULL AS meta_corrected,
    s.reviewed_at, s.reviewed_by, s.run_id, s.finished_at AS ingested_at,
    (SELECT COUNT(*) FROM flags fl WHERE fl.submission_id = s.id) AS flags
  FROM submissions s
  LEFT JOIN v_meta_fixes m ON m.sha256 = s.sha256
) x;

-- v_submissions_live kept as a table, one small row per submission, so grouping and filtering 24,000
-- submissions by office and period reads a compact indexed table instead of recomputing the corrections
-- and reading the wide submissions rows. Triggers keep it equal to v_submissions_live: every write to
-- submissions or to a meta correction recomputes the rows it touches.
CREATE TABLE current_submissions (
  submission_id INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL,
  file TEXT NOT NULL,
  path TEXT NOT NULL,
  status TEXT NOT NULL,
  office_key TEXT NOT NULL,
  office_name TEXT,
  office_level TEXT,
  division TEXT,
  district TEXT,
  upazila TEXT,
  fiscal_year TEXT,
  quarter TEXT,
  submission_date TEXT,
  meta_corrected INTEGER NOT NULL,
  reviewed_at TEXT,
  -- validation flags stored for the submission (open or not); kept by the flags triggers below
  flags INTEGER NOT NULL DEFAULT 0
);
-- covering the coverage matrix (office × year × quarter with file names) and the office list
CREATE INDEX idx_current_submissions_office ON current_submissions(office_key, fiscal_year, quarter, file, flags, reviewed_at);
CREATE INDEX idx_current_submissions_place ON current_submissions(office_key, office_name, office_level, division, district, upazila);
CREATE INDEX idx_current_submissions_period ON current_submissions(fiscal_year, quarter);
CREATE INDEX idx_current_submissions_sha ON current_submissions(sha256);

INSERT INTO current_submissions
SELECT submission_id, sha256, file, path, status, office_key, office_name, office_level, division, district, upazila,
       fiscal_year, quarter, submission_date, meta_corrected, reviewed_at, flags
  FROM v_submissions_live;

CREATE TRIGGER current_submissions_insert AFTER INSERT ON submissions
BEGIN
  INSERT OR REPLACE INTO current_submissions
  SELECT submission_id, sha256, file, path, status, office_key, office_name, office_level, division, district, upazila,
         fiscal_year, quarter, submission_date, meta_corrected, reviewed_at, flags
    FROM v_submissions_live WHERE submission_id = NEW.id;
END;

CREATE TRIGGER current_submissions_update AFTER UPDATE ON submissions
BEGIN
  INSERT OR REPLACE INTO current_submissions
  SELECT submission_id, sha256, file, path, status, office_key, office_name, office_level, division, district, upazila,
         fiscal_year, quarter, submission_date, meta_corrected, reviewed_at, flags
    FROM v_submissions_live WHERE submission_id = NEW.id;
END;

-- foreign-key cascades only run with PRAGMA foreign_keys = ON; this holds without it
CREATE TRIGGER current_submissions_delete AFTER DELETE ON submissions
BEGIN
  DELETE FROM current_submissions WHERE submission_id = OLD.id;
END;

CREATE TRIGGER current_submissions_correction_insert AFTER INSERT ON corrections WHEN NEW.target = 'meta'
BEGIN
  INSERT OR REPLACE INTO current_submissions
  SELECT submission_id, sha256, file, path, status, office_key, office_name, office_level, division, district, upazila,
         fiscal_year, quarter, submission_date, meta_corrected, reviewed_at, flags
    FROM v_submissions_live WHERE sha256 = NEW.sha256;
END;

CREATE TRIGGER current_submissions_correction_update AFTER UPDATE ON corrections WHEN NEW.target = 'meta' OR OLD.target = 'meta'
BEGIN
  INSERT OR REPLACE INTO current_submissions
  SELECT submission_id, sha256, file, path, status, office_key, office_name, office_level, division, district, upazila,
         fiscal_year, quarter, submission_date, meta_corrected, reviewed_at, flags
    FROM v_submissions_live WHERE sha256 IN (OLD.sha256, NEW.sha256);
END;

CREATE TRIGGER current_submissions_correction_delete AFTER DELETE ON corrections WHEN OLD.target = 'meta'
BEGIN
  INSERT OR REPLACE INTO current_submissions
  SELECT submission_id, sha256, file, path, status, office_key, office_name, office_level, division, district, upazila,
         fiscal_year, quarter, submission_date, meta_corrected, reviewed_at, flags
    FROM v_submissions_live WHERE sha256 = OLD.sha256;
END;

CREATE TRIGGER current_submissions_flag_insert AFTER INSERT ON flags
BEGIN
  UPDATE current_submissions SET flags = flags + 1 WHERE submission_id = NEW.submission_id;
END;

CREATE TRIGGER current_submissions_flag_delete AFTER DELETE ON flags
BEGIN
  UPDATE current_submissions SET flags = flags - 1 WHERE submission_id = OLD.submission_id;
END;

-- One row per stored submission with its current metadata (the table above plus the rest of the row).
CREATE VIEW v_submissions AS
SELECT c.submission_id, c.sha256, c.file, c.path, c.status, s.page_count, s.annex_format, c.fiscal_year, c.quarter,
       c.submission_date, c.office_name, c.office_level, c.division, c.district, c.upazila, c.meta_corrected,
       c.reviewed_at, s.reviewed_by, s.run_id, s.finished_at AS ingested_at, c.office_key
  FROM current_submissions c
  JOIN submissions s ON s.id = c.submission_id;

-- One row per indicator record: office and period, the record's place in the scan, and for every field F
-- its current value (F: SQL value, objects such as {"count":1,"date":"2023-03-03"} as JSON text; F_json: the
-- value as JSON), what was printed (F_raw), confidence (1.0 once a person corrected it), the cell box on
-- the page (F_bbox, in page-image pixels) and whether a correction applies (F_corrected).
CREATE VIEW v_indicator_values AS
SELECT
  i.id AS indicator_id,
  s.submission_id, s.sha256, s.file, s.path, s.status, s.office_key, s.office_name, s.office_level,
  s.division, s.district, s.upazila, s.fiscal_year, s.quarter, s.submission_date, s.reviewed_at,
  i.page, i.table_idx, i.row, i.seq, i.occurrence, i.indicator_code, i.activity_code, i.activity, i.indicator,
  CASE WHEN json_type(f.fixes, '$.unit') IS NOT NULL THEN f.fixes -> '$.unit.value' ELSE i.fields_json -> '$.unit.value' END AS unit_json,
  CASE WHEN json_type(f.fixes, '$.unit') IS NOT NULL THEN f.fixes ->> '$.unit.value' ELSE i.fields_json ->> '$.unit.value' END AS unit,
  CASE WHEN json_type(f.fixes, '$.unit') IS NOT NULL THEN f.fixes ->> '$.unit.raw' ELSE i.fields_json ->> '$.unit.raw' END AS unit_raw,
  CASE WHEN json_type(f.fixes, '$.unit') IS NOT NULL THEN 1.0 ELSE i.fields_json ->> '$.unit.confidence' END AS unit_confidence,
  i.fields_json -> '$.unit.bbox' AS unit_bbox,
  json_type(f.fixes, '$.unit') IS NOT NULL AS unit_corrected,
  CASE WHEN json_type(f.fixes, '$.weight') IS NOT NULL THEN f.fixes -> '$.weight.value' ELSE i.fields_json -> '$.weight.value' END AS weight_json,
  CASE WHEN json_type(f.fixes, '$.weight') IS NOT NULL THEN f.fixes ->> '$.weight.value' ELSE i.fields_json ->> '$.weight.value' END AS weight,
  CASE WHEN json_type(f.fixes, '$.weight') IS NOT NULL THEN f.fixes ->> '$.weight.raw' ELSE i.fields_json ->> '$.weight.raw' END AS weight_raw,
  CASE WHEN json_type(f.fixes, '$.weight') IS NOT NULL THEN 1.0 ELSE i.fields_json ->> '$.weight.confidence' END AS weight_confidence,
  i.fields_json -> '$.weight.bbox' AS weight_bbox,
  json_type(f.fixes, '$.weight') IS NOT NULL AS weight_corrected,
  CASE WHEN json_type(f.fixes, '$.target') IS NOT NULL THEN f.fixes -> '$.target.value' ELSE i.fields_json -> '$.target.value' END AS target_json,
  CASE WHEN json_type(f.fixes, '$.target') IS NOT NULL THEN f.fixes ->> '$.target.value' ELSE i.fields_json ->> '$.target.value' END AS target,
  CASE WHEN json_type(f.fixes, '$.target') IS NOT NULL THEN f.fixes ->> '$.target.raw' ELSE i.fields_json ->> '$.target.raw' END AS target_raw,
  CASE WHEN json_type(f.fixes, '$.target') IS NOT NULL THEN 1.0 ELSE i.fields_json ->> '$.target.confidence' END AS target_confidence,
  i.fields_json -> '$.target.bbox' AS target_bbox,
  json_type(f.fixes, '$.target') IS NOT NULL AS target_corrected,
  CASE WHEN json_type(f.fixes, '$.q1') IS NOT NULL THEN f.fixes -> '$.q1.value' ELSE i.fields_json -> '$.q1.value' END AS q1_json,
  CASE WHEN json_type(f.fixes, '$.q1') IS NOT NULL THEN f.fixes ->> '$.q1.value' ELSE i.fields_json ->> '$.q1.value' END AS q1,
  CASE WHEN json_type(f.fixes, '$.q1') IS NOT NULL THEN f.fixes ->> '$.q1.raw' ELSE i.fields_json ->> '$.q1.raw' END AS q1_raw,
  CASE WHEN json_type(f.fixes, '$.q1') IS NOT NULL THEN 1.0 ELSE i.fields_json ->> '$.q1.confidence' END AS q1_confidence,
  i.fields_json -> '$.q1.bbox' AS q1_bbox,
  json_type(f.fixes, '$.q1') IS NOT NULL AS q1_corrected,
  CASE WHEN json_type(f.fixes, '$.q2') IS NOT NULL THEN f.fixes -> '$.q2.value' ELSE i.fields_json -> '$.q2.value' END AS q2_json,
  CASE WHEN json_type(f.fixes, '$.q2') IS NOT NULL THEN f.fixes ->> '$.q2.value' ELSE i.fields_json ->> '$.q2.value' END AS q2,
  CASE WHEN json_type(f.fixes, '$.q2') IS NOT NULL THEN f.fixes ->> '$.q2.raw' ELSE i.fields_json ->> '$.q2.raw' END AS q2_raw,
  CASE WHEN json_type(f.fixes, '$.q2') IS NOT NULL THEN 1.0 ELSE i.fields_json ->> '$.q2.confidence' END AS q2_confidence,
  i.fields_json -> '$.q2.bbox' AS q2_bbox,
  json_type(f.fixes, '$.q2') IS NOT NULL AS q2_corrected,
  CASE WHEN json_type(f.fixes, '$.q3') IS NOT NULL THEN f.fixes -> '$.q3.value' ELSE i.fields_json -> '$.q3.value' END AS q3_json,
  CASE WHEN json_type(f.fixes, '$.q3') IS NOT NULL THEN f.fixes ->> '$.q3.value' ELSE i.fields_json ->> '$.q3.value' END AS q3,
  CASE WHEN json_type(f.fixes, '$.q3') IS NOT NULL THEN f.fixes ->> '$.q3.raw' ELSE i.fields_json ->> '$.q3.raw' END AS q3_raw,
  CASE WHEN json_type(f.fixes, '$.q3') IS NOT NULL THEN 1.0 ELSE i.fields_json ->> '$.q3.confidence' END AS q3_confidence,
  i.fields_json -> '$.q3.bbox' AS q3_bbox,
  json_type(f.fixes, '$.q3') IS NOT NULL AS q3_corrected,
  CASE WHEN json_type(f.fixes, '$.q4') IS NOT NULL THEN f.fixes -> '$.q4.value' ELSE i.fields_json -> '$.q4.value' END AS q4_json,
  CASE WHEN json_type(f.fixes, '$.q4') IS NOT NULL THEN f.fixes ->> '$.q4.value' ELSE i.fields_json ->> '$.q4.value' END AS q4,
  CASE WHEN json_type(f.fixes, '$.q4') IS NOT NULL THEN f.fixes ->> '$.q4.raw' ELSE i.fields_json ->> '$.q4.raw' END AS q4_raw,
  CASE WHEN json_type(f.fixes, '$.q4') IS NOT NULL THEN 1.0 ELSE i.fields_json ->> '$.q4.confidence' END AS q4_confidence,
  i.fields_json -> '$.q4.bbox' AS q4_bbox,
  json_type(f.fixes, '$.q4') IS NOT NULL AS q4_corrected,
  CASE WHEN json_type(f.fixes, '$.total') IS NOT NULL THEN f.fixes -> '$.total.value' ELSE i.fields_json -> '$.total.value' END AS total_json,
  CASE WHEN json_type(f.fixes, '$.total') IS NOT NULL THEN f.fixes ->> '$.total.value' ELSE i.fields_json ->> '$.total.value' END AS total,
  CASE WHEN json_type(f.fixes, '$.total') IS NOT NULL THEN f.fixes ->> '$.total.raw' ELSE i.fields_json ->> '$.total.raw' END AS total_raw,
  CASE WHEN json_type(f.fixes, '$.total') IS NOT NULL THEN 1.0 ELSE i.fields_json ->> '$.total.confidence' END AS total_confidence,
  i.fields_json -> '$.total.bbox' AS total_bbox,
  json_type(f.fixes, '$.total') IS NOT NULL AS total_corrected,
  CASE WHEN json_type(f.fixes, '$.rate') IS NOT NULL THEN f.fixes -> '$.rate.value' ELSE i.fields_json -> '$.rate.value' END AS rate_json,
  CASE WHEN json_type(f.fixes, '$.rate') IS NOT NULL THEN f.fixes ->> '$.rate.value' ELSE i.fields_json ->> '$.rate.value' END AS rate,
  CASE WHEN json_type(f.fixes, '$.rate') IS NOT NULL THEN f.fixes ->> '$.rate.raw' ELSE i.fields_json ->> '$.rate.raw' END AS rate_raw,
  CASE WHEN json_type(f.fixes, '$.rate') IS NOT NULL THEN 1.0 ELSE i.fields_json ->> '$.rate.confidence' END AS rate_confidence,
  i.fields_json -> '$.rate.bbox' AS rate_bbox,
  json_type(f.fixes, '$.rate') IS NOT NULL AS rate_corrected,
  CASE WHEN json_type(f.fixes, '$.score') IS NOT NULL THEN f.fixes -> '$.score.value' ELSE i.fields_json -> '$.score.value' END AS score_json,
  CASE WHEN json_type(f.fixes, '$.score') IS NOT NULL THEN f.fixes ->> '$.score.value' ELSE i.fields_json ->> '$.score.value' END AS score,
  CASE WHEN json_type(f.fixes, '$.score') IS NOT NULL THEN f.fixes ->> '$.score.raw' ELSE i.fields_json ->> '$.score.raw' END AS score_raw,
  CASE WHEN json_type(f.fixes, '$.score') IS NOT NULL THEN 1.0 ELSE i.fields_json ->> '$.score.confidence' END AS score_confidence,
  i.fields_json -> '$.score.bbox' AS score_bbox,
  json_type(f.fixes, '$.score') IS NOT NULL AS score_corrected,
  CASE WHEN json_type(f.fixes, '$.remarks') IS NOT NULL THEN f.fixes -> '$.remarks.value' ELSE i.fields_json -> '$.remarks.value' END AS remarks_json,
  CASE WHEN json_type(f.fixes, '$.remarks') IS NOT NULL THEN f.fixes ->> '$.remarks.value' ELSE i.fields_json ->> '$.remarks.value' END AS remarks,
  CASE WHEN json_type(f.fixes, '$.remarks') IS NOT NULL THEN f.fixes ->> '$.remarks.raw' ELSE i.fields_json ->> '$.remarks.raw' END AS remarks_raw,
  CASE WHEN json_type(f.fixes, '$.remarks') IS NOT NULL THEN 1.0 ELSE i.fields_json ->> '$.remarks.confidence' END AS remarks_confidence,
  i.fields_json -> '$.remarks.bbox' AS remarks_bbox,
  json_type(f.fixes, '$.remarks') IS NOT NULL AS remarks_corrected,
  f.fixes IS NOT NULL AS corrected,
  (SELECT COUNT(*) FROM flags fl WHERE fl.indicator_id = i.id) AS n_flags
FROM indicators i
JOIN current_submissions s ON s.submission_id = i.submission_id
LEFT JOIN v_indicator_fixes f
  ON f.sha256 = s.sha256 AND f.indicator_code = i.indicator_code AND f.occurrence = i.occurrence;

-- Every validation flag with where to look (file, page, the flagged cell's box) and its state: 'reviewed'
-- once the submission is signed off, 'corrected' once the flagged field has a correction, else 'open'.
CREATE VIEW v_flags AS
SELECT
  fl.id AS flag_id, fl.rule, fl.field, fl.message,
  COALESCE(fl.page, i.page) AS page,
  fl.submission_id, s.sha256, s.file, s.path, s.office_key, s.office_name, s.office_level, s.division, s.district,
  s.upazila, s.fiscal_year, s.quarter,
  i.id AS indicator_id, i.indicator_code, i.occurrence, i.row,
  CASE WHEN fl.field IN ('unit','weight','target','q1','q2','q3','q4','total','rate','score','remarks')
       THEN i.fields_json -> ('$.' || fl.field || '.bbox') END AS bbox,
  CASE WHEN fl.field IN ('unit','weight','target','q1','q2','q3','q4','total','rate','score','remarks')
       THEN i.fields_json ->> ('$.' || fl.field || '.confidence') END AS confidence,
  CASE
    WHEN s.reviewed_at IS NOT NULL THEN 'reviewed'
    WHEN fl.field IN ('unit','weight','target','q1','q2','q3','q4','total','rate','score','remarks')
         AND json_type(f.fixes, '$.' || fl.field) IS NOT NULL THEN 'corrected'
    ELSE 'open'
  END AS state
FROM flags fl
JOIN current_submissions s ON s.submission_id = fl.submission_id
LEFT JOIN indicators i ON i.id = fl.indicator_id
LEFT JOIN v_indicator_fixes f
  ON f.sha256 = s.sha256 AND f.indicator_code = i.indicator_code AND f.occurrence = i.occurrence;

-- Flags per submission and how many are still open (v_flags' rule: none once the submission is reviewed;
-- a flag on a value field is closed by a current correction of that field). The count comes from
-- current_submissions and the closed ones from the corrections side (a few thousand rows), rather than
-- from evaluating v_flags row by row, so coverage over 24,000 submissions stays fast.
CREATE VIEW v_closed_flags AS
SELECT i.submission_id, COUNT(*) AS n
  FROM v_current_corrections c
  JOIN current_submissions s ON s.sha256 = c.sha256
  JOIN indicators i ON i.submission_id = s.submission_id AND i.indicator_code = c.indicator_code AND i.occurrence = c.occurrence
  JOIN flags fl ON fl.indicator_id = i.id AND fl.field = c.field
 WHERE c.target = 'indicator'
   AND c.field IN ('unit','weight','target','q1','q2','q3','q4','total','rate','score','remarks')
 GROUP BY i.submission_id;

CREATE VIEW v_submission_flags AS
SELECT s.submission_id,
       s.flags,
       CASE WHEN s.reviewed_at IS NOT NULL THEN 0 ELSE s.flags - COALESCE(c.n, 0) END AS open_flags
  FROM current_submissions s
  LEFT JOIN v_closed_flags c ON c.submission_id = s.submission_id;
