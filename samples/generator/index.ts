/**
 * The sample generator as a library: whole submissions for `npm run samples`, single pages and single
 * ruled tables (with their truth) for tests.
 */
export { renderPage, PageOverflowError, type RenderPageInput, type RenderedPage } from './render.js';
export { renderTableImage, type TableImage, type TableImageCell, type TableImageSpec } from './table-image.js';
export { buildSubmission, makeDoc, sectionPages, type BuiltSubmission, type SectionPlan, type SubmissionPlan } from './submission.js';
export { samplePlans, DEFAULT_SEED } from './plans.js';
export { layoutPage, type PageLayout } from './layout.js';
export { annexData, annexTable, drawAnnexStyle, type AnnexData, type AnnexStyle, type Quarter } from './annex.js';
export { CATALOGUE, FISCAL_YEARS, type FiscalYear } from './catalogue.js';
export { FONTS, FONT_IDS, type FontId } from './fonts.js';
export { TIERS, type ScanParams, type Tier, type Rotation } from './scan.js';
export { UPAZILA_OFFICES, DISTRICT_OFFICES, DIVISION_OFFICES, officeName, type Office } from './offices.js';
export { SubmissionTruthSchema, PageTruthSchema, TableTruthSchema, type PageTruth, type SubmissionTruth, type TableTruth } from './truth.js';
export type { Block, CellSpec, PageSpec, TableSpec } from './model.js';
export { Rng } from './prng.js';
