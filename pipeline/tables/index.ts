export { detectTables, maskTables, analyseRules, type DetectOptions } from './detect.js';
export { readTableCells, type CellStrategy, type ReadCellsOptions } from './cells.js';
export type { TableStructure, StructureCell } from './structure.js';
