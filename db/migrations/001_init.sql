-- Pages, OCR and provenance for scanned submissions. One row per ingested PDF (by sha256).
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  tool_version TEXT NOT NULL,
  options_json TEXT NOT NULL
);

CREATE TABLE submissions (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  file_name TEXT NOT NULL,
  size INTEGER NOT NULL,
  page_count INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
  run_id INTEGER REFERENCES runs(id),
  fiscal_year TEXT,
  quarter TEXT,
  submission_date TEXT,
  annex_format TEXT,
  office_level TEXT,
  office_name TEXT,
  division TEXT,
  district TEXT,
  upazila TEXT,
  meta_json TEXT NOT NULL,
  sections_json TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  timings_json TEXT NOT NULL
);

CREATE TABLE pages (
  submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  page INTEGER NOT NULL,
  section TEXT,
  subtype TEXT,
  confidence REAL,
  evidence_json TEXT,
  rotation INTEGER,
  skew_deg REAL,
  dpi REAL,
  width INTEGER,
  height INTEGER,
  raster_json TEXT,
  preprocess_json TEXT,
  text TEXT NOT NULL,
  mean_conf REAL,
  timings_json TEXT NOT NULL,
  PRIMARY KEY (submission_id, page)
);

-- Compact OCR store: one row per line, its words (text, conf, box) as JSON.
CREATE TABLE ocr_lines (
  submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  page INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  text TEXT NOT NULL,
  conf REAL,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,
  words_json TEXT NOT NULL,
  PRIMARY KEY (submission_id, page, line_no)
);

CREATE TABLE tables (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  page INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  role TEXT NOT NULL,
  n_rows INTEGER NOT NULL,
  n_cols INTEGER NOT NULL,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,
  row_lines_json TEXT NOT NULL,
  col_lines_json TEXT NOT NULL,
  UNIQUE (submission_id, page, idx)
);

CREATE TABLE cells (
  table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  r INTEGER NOT NULL,
  c INTEGER NOT NULL,
  rowspan INTEGER NOT NULL,
  colspan INTEGER NOT NULL,
  text TEXT NOT NULL,
  conf REAL,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,
  PRIMARY KEY (table_id, r, c)
);

CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  page INTEGER NOT NULL,
  table_idx INTEGER NOT NULL,
  row INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  indicator_code TEXT NOT NULL,
  activity_code TEXT,
  activity TEXT,
  indicator TEXT,
  -- every field {raw, value, confidence, bbox, printed} as JSON, keyed by field name
  fields_json TEXT NOT NULL,
  UNIQUE (submission_id, seq)
);

CREATE TABLE flags (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  indicator_id INTEGER REFERENCES indicators(id) ON DELETE CASCADE,
  page INTEGER,
  rule TEXT NOT NULL,
  field TEXT,
  message TEXT NOT NULL
);

-- Problems met while processing, each naming file and page. Failed files keep their rows here only,
-- so a rerun retries them and nothing half-stored exists.
CREATE TABLE errors (
  id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES runs(id),
  submission_id INTEGER REFERENCES submissions(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  sha256 TEXT,
  page INTEGER,
  stage TEXT NOT NULL,
  category TEXT NOT NULL,
  message TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE INDEX idx_pages_section ON pages(section);
CREATE INDEX idx_indicators_code ON indicators(indicator_code);
CREATE INDEX idx_flags_submission ON flags(submission_id);
CREATE INDEX idx_errors_file ON errors(file);
