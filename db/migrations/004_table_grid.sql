-- The grid of a table as the document stage reads it: each cell's visual lines rejoined and, in Annex 5
-- tables, the plan wording's spelling repaired and quarter ordinals set from the header mapping. The cells
-- table keeps what OCR read; the export shows this grid (with reviewers' cell fixes laid over it). Null for
-- tables stored before this migration: the export then builds the grid from the cells as before.
ALTER TABLE tables ADD COLUMN grid_json TEXT;
