-- Human corrections are data, not overwrites: the OCR value stays in `indicators`/`submissions`, and the
-- current value is the latest correction of that field, if any. Keyed by the file's sha256 and the
-- indicator's code and occurrence (k-th record with that code in page order), so a correction survives
-- re-ingesting the file with --force (which gives the submission and its indicators new row ids).
CREATE TABLE corrections (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  -- 'indicator': a field of one indicator record; 'meta': a submission metadata field
  -- (fiscalYear, quarter, submissionDate, office.*); 'page': a page's section
  target TEXT NOT NULL CHECK (target IN ('indicator', 'meta', 'page')),
  indicator_code TEXT,
  occurrence INTEGER,
  page INTEGER,
  field TEXT NOT NULL,
  old_raw TEXT,
  old_value_json TEXT,
  new_raw TEXT,
  new_value_json TEXT NOT NULL,
  who TEXT NOT NULL,
  at TEXT NOT NULL,
  reason TEXT
);
CREATE INDEX idx_corrections_target ON corrections(sha256, target, indicator_code, occurrence, field);

ALTER TABLE submissions ADD COLUMN reviewed_at TEXT;
ALTER TABLE submissions ADD COLUMN reviewed_by TEXT;
