-- The figures an achievement rate is made of — each record's unit, target and total — in an index on their
-- JSON paths, next to the keys a correction is matched by. Comparing an office with its division reads
-- these three values for thousands of records; from this covering index SQLite reads them without
-- loading and parsing each record's fields_json (4,830 records of a 115-office division: ~80 ms → ~20 ms
-- CPU on the 1 M-record bench database). db/analysis.ts achievementFigures() selects exactly these
-- expressions, which is what lets the index cover the query. Nothing stored is changed.
CREATE INDEX idx_indicators_figures ON indicators(
  submission_id, indicator_code, occurrence, page,
  fields_json -> '$.unit.value', fields_json -> '$.target.value', fields_json -> '$.total.value');
