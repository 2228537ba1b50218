-- Named reviewers (issue 17 §3): accounts, their login sessions, and who did what when. Nothing stored before
-- is changed or dropped: corrections gain columns naming the account, the way it authenticated and what a
-- revert undid; the reviewed marks already on submissions are copied into the new review_marks history.

-- `password_hash` is `scrypt$<log2 N>$<r>$<p>$<salt, base64>$<key, base64>` (src/server/passwords.ts): the
-- parameters travel with the hash so they can be raised later without locking anyone out. Accounts are never
-- deleted (their rows are named by the audit), only disabled.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('reviewer', 'admin')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  password_set_at TEXT NOT NULL,
  disabled_at TEXT,
  last_login_at TEXT
);

-- A browser login. The cookie holds a random id; only its SHA-256 is stored, so a copy of the database does not
-- let anyone take over a session. A session ends at `expires_at` or after the idle limit since `last_seen_at`.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  address TEXT
);
CREATE INDEX idx_sessions_user ON sessions(user_id);

-- Who made a correction: `who` stays the name shown everywhere; user_id names the account when it came from a
-- login ('session'), NULL for the shared script token ('token', who = 'token:<name>'), the loopback single-user
-- mode ('local', who = 'local:<OS user>') and rows written before accounts existed (via NULL).
-- A revert is itself a correction: revert_of names the row it undid; restores_ocr = 1 when the field goes back
-- to what OCR read (no correction applies to it any more), else the row carries the value it restores.
ALTER TABLE corrections ADD COLUMN user_id INTEGER REFERENCES users(id);
ALTER TABLE corrections ADD COLUMN via TEXT CHECK (via IN ('session', 'token', 'local'));
ALTER TABLE corrections ADD COLUMN revert_of INTEGER REFERENCES corrections(id);
ALTER TABLE corrections ADD COLUMN restores_ocr INTEGER NOT NULL DEFAULT 0 CHECK (restores_ocr IN (0, 1));

-- The latest correction of each field still applies unless it is a revert back to the OCR value, which hides
-- every earlier row of that field (same rule as db/corrections.ts latestOf). The views of migration 003 read
-- this one by name, so they follow.
DROP VIEW v_current_corrections;
CREATE VIEW v_current_corrections AS
SELECT c.*
  FROM corrections c
 WHERE c.restores_ocr = 0
   AND NOT EXISTS (
   SELECT 1 FROM corrections d
    WHERE d.sha256 = c.sha256 AND d.target = c.target AND d.indicator_code IS c.indicator_code
      AND d.occurrence IS c.occurrence AND d.page IS c.page AND d.field = c.field
      AND (d.at > c.at OR (d.at = c.at AND d.id > c.id)));

-- Every sign-off and its withdrawal, keyed like corrections by the file's sha256, so the history outlives
-- re-ingesting the file. submissions.reviewed_at/reviewed_by keep the current mark (the views read it) and
-- db/store.ts carries it over when the same file is stored again.
CREATE TABLE review_marks (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  reviewed INTEGER NOT NULL CHECK (reviewed IN (0, 1)),
  who TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  via TEXT CHECK (via IN ('session', 'token', 'local')),
  at TEXT NOT NULL
);
CREATE INDEX idx_review_marks_sha ON review_marks(sha256, at);
INSERT INTO review_marks (sha256, reviewed, who, at)
SELECT sha256, 1, COALESCE(reviewed_by, '?'), reviewed_at FROM submissions WHERE reviewed_at IS NOT NULL ORDER BY reviewed_at, id;

-- Logins, failed logins, logouts and account changes, for the admin's audit view. `name` is the account
-- concerned (as typed, for a failed login of a name that does not exist); `by` who changed it (the OS user
-- running `users …` as 'cli:<user>').
CREATE TABLE account_events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('login', 'login-failed', 'logout', 'user-added', 'user-disabled', 'user-enabled', 'password-changed', 'role-changed')),
  user_id INTEGER REFERENCES users(id),
  name TEXT NOT NULL,
  by TEXT,
  address TEXT,
  detail TEXT
);
CREATE INDEX idx_account_events_at ON account_events(at);
CREATE INDEX idx_corrections_at ON corrections(at);
