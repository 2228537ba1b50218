import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_DB } from '../config.js';
import type { Db } from '../../db/open.js';
import {
  SqlRefusedError,
  coverage,
  flagRows,
  indicatorRows,
  listOffices,
  officeRows,
  runSelect,
  type IndicatorSelector,
  type OfficeRef,
  type ScopeFilter,
} from '../../db/analysis.js';
import { catalogueEntryById, catalogueEntryFor, loadCatalogueLinks } from '../../models/catalogue-links.js';
import { toAsciiDigits } from '../../pipeline/normalise/index.js';
import { toCsv } from '../exports/csv.js';
import { formatTextTable } from '../exports/text.js';
import { withDigits, type ResultTable } from '../exports/table.js';
import { writeXlsx } from '../exports/xlsx.js';
import { QueryDbError, openForQuery } from './open.js';
import { UnknownNameError, parseFiscalYears, resolveDistrictOffices, resolveOffices, splitNames } from './resolve.js';
import { INDICATOR_QUERY_FIELDS, catalogueTable, coverageTable, flagsTable, indicatorTable, officeTable, sqlTable, type TableStyle } from './tables.js';

/** A bad option or argument: reported as `error: …` with exit code 2. */
class QueryUsageError extends Error {}

const OutputOptionsSchema = z
  .object({
    db: z.string().min(1).default(DEFAULT_DB).describe('SQLite database file'),
    format: z.enum(['table', 'csv', 'json', 'xlsx']).optional().describe('output format; default from --out\'s extension, else table on a terminal and csv otherwise'),
    out: z.string().min(1).optional().describe('write to this file instead of standard output (required for xlsx)'),
    append: z.boolean().default(false).describe('xlsx: add the sheet to an existing workbook instead of replacing the file'),
    digits: z.enum(['ascii', 'bn']).default('ascii').describe('digits in table, csv and xlsx output'),
  })
  .refine((o) => o.format !== 'xlsx' || o.out, { message: 'xlsx needs --out FILE', path: ['out'] })
  .refine((o) => !o.append || o.format === 'xlsx' || o.out?.toLowerCase().endsWith('.xlsx'), { message: 'only an xlsx workbook can be appended to', path: ['append'] });
type OutputOptions = z.infer<typeof OutputOptionsSchema>;

const ScopeOptionsSchema = z.object({
  fy: z.string().optional().describe('fiscal years: 2022-23, a list 2022-23,2023-24 or a range 2022-23..2024-25'),
  office: z.string().optional().describe('offices by place or name, Bangla or English; several separated by ";"'),
  district: z.string().optional().describe('every office of these districts, Bangla or English; several separated by "," or ";"'),
});

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const r = schema.safeParse(raw);
  if (!r.success) throw new QueryUsageError(r.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

/** --format, else the --out file's extension, else a table on a terminal and CSV in a pipe. */
function outputFormat(o: OutputOptions): 'table' | 'csv' | 'json' | 'xlsx' {
  if (o.format) return o.format;
  const ext = o.out ? path.extname(o.out).toLowerCase() : '';
  if (ext === '.xlsx' || ext === '.json' || ext === '.csv') return ext.slice(1) as 'xlsx' | 'json' | 'csv';
  if (ext === '.txt') return 'table';
  return process.stdout.isTTY && !o.out ? 'table' : 'csv';
}

function style(o: OutputOptions): TableStyle {
  return { terminal: outputFormat(o) === 'table' };
}

async function emit(o: OutputOptions, table: ResultTable, json: unknown): Promise<void> {
  const fmt = outputFormat(o);
  const write = (text: string): void => {
    if (o.out) {
      fs.mkdirSync(path.dirname(path.resolve(o.out)), { recursive: true });
      fs.writeFileSync(o.out, text);
      process.stderr.write(`${table.rows.length} row(s) → ${o.out}\n`);
    } else process.stdout.write(text);
  };
  if (fmt === 'table') write(formatTextTable(withDigits(table, o.digits)));
  else if (fmt === 'csv') write(toCsv(withDigits(table, o.digits)));
  else if (fmt === 'json') write(JSON.stringify(json, null, 1) + '\n');
  else {
    await writeXlsx(o.out!, [withDigits(table, o.digits)], { append: o.append });
    process.stderr.write(`${table.rows.length} row(s) → ${o.out} (sheet "${table.name}")\n`);
  }
}

/** --office / --district / --fy → office keys and years; both place options given means both must hold. */
function scopeOf(offices: readonly OfficeRef[], raw: z.infer<typeof ScopeOptionsSchema>): ScopeFilter & { offices: OfficeRef[] } {
  let chosen: OfficeRef[] | null = null;
  if (raw.office) {
    const names = splitNames(raw.office);
    chosen = dedupe(names.flatMap((n) => resolveOffices(offices, n)));
  }
  if (raw.district) {
    const inDistricts = dedupe(splitNames(raw.district, /[;,]/).flatMap((n) => resolveDistrictOffices(offices, n)));
    chosen = chosen ? chosen.filter((o) => inDistricts.includes(o)) : inDistricts;
  }
  const fiscalYears = raw.fy ? parseFiscalYears(raw.fy) : undefined;
  return {
    offices: chosen ?? [...offices],
    ...(chosen ? { officeKeys: chosen.map((o) => o.key) } : {}),
    ...(fiscalYears ? { fiscalYears } : {}),
  };
}

function dedupe(list: OfficeRef[]): OfficeRef[] {
  return [...new Map(list.map((o) => [o.key, o])).values()];
}

/** Run a query action with its database, turning the errors a user can fix into exit code 2. */
function run<A extends unknown[]>(cmd: () => Command, body: (db: Db, ...args: A) => Promise<void> | void, dbOf: (...args: A) => string) {
  return async (...args: A): Promise<void> => {
    let db: Db | null = null;
    try {
      db = openForQuery(dbOf(...args));
      await body(db, ...args);
    } catch (e) {
      if (e instanceof QueryUsageError || e instanceof UnknownNameError || e instanceof SqlRefusedError || e instanceof QueryDbError) {
        cmd().error(`error: ${e.message}`, { exitCode: 2, code: 'apa.query' });
      }
      throw e;
    } finally {
      db?.close();
    }
  };
}

const CODE = /^[0-9০-৯]+(\.[0-9০-৯]+)+$/;

function withOutputOptions(c: Command): Command {
  return c
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--format <fmt>', "table | csv | json | xlsx (default: from --out's extension, else table on a terminal, csv otherwise)")
    .option('--out <file>', 'write to a file (required for xlsx)')
    .option('--append', 'xlsx: add this query as a sheet of an existing workbook', false)
    .option('--digits <digits>', 'ascii | bn: digits in table, csv and xlsx output', 'ascii');
}

function withScopeOptions(c: Command): Command {
  return c
    .option('--fy <years>', 'fiscal years: 2022-23, 2022-23,2024-25 or 2022-23..2024-25')
    .option('--office <names>', 'offices (Bangla or English place or office name; several separated by ";")')
    .option('--district <names>', 'every office in these districts (Bangla or English)');
}

/** Analyst query commands (`query coverage|indicator|office|flags|sql|catalogue|pdf`): registered on the CLI here. */
export function registerQueryCommands(program: Command): void {
  const query = program
    .command('query')
    .description('ask the database: coverage, an indicator across offices and years, an office, open flags, SQL');

  const cov = withScopeOptions(withOutputOptions(query.command('coverage')))
    .description('office × fiscal year × quarter: submitted, flagged (open validation flags) or missing')
    .action(
      run(
        () => cov,
        async (db, raw: Record<string, unknown>) => {
          const o = parse(OutputOptionsSchema, raw);
          const scope = scopeOf(listOffices(db), parse(ScopeOptionsSchema, raw));
          const c = coverage(db, scope);
          await emit(o, coverageTable(c, style(o)), c);
        },
        (raw) => String(raw.db),
      ),
    );

  const ind = withScopeOptions(withOutputOptions(query.command('indicator')))
    .description('one indicator (a code such as 4.1.2, or a catalogue id such as efile-notes) for every office and period')
    .argument('<code-or-id>', 'indicator code as printed (4.1.2 or ৪.১.২) or catalogue id (see `query catalogue`)')
    .action(
      run(
        () => ind,
        async (db, what: string, raw: Record<string, unknown>) => {
          const o = parse(OutputOptionsSchema, raw);
          const links = loadCatalogueLinks();
          const scope = scopeOf(listOffices(db), parse(ScopeOptionsSchema, raw));
          let selector: IndicatorSelector;
          let title: string;
          const notes: string[] = [];
          if (CODE.test(what.trim())) {
            const code = toAsciiDigits(what.trim());
            selector = { code };
            title = `indicator ${code}`;
            const entries = [...new Map(links.entries.filter((e) => e.members.some((m) => m.code === code)).map((e) => [e.id, e])).values()];
            for (const e of entries) {
              if (e.members.length < 2) continue;
              const here = e.members.find((m) => m.code === code)!;
              notes.push(
                `${code} in ${here.fiscalYear} is catalogue entry ${e.id} (${e.members.map((m) => `${m.fiscalYear} ${m.code}`).join(', ')}): \`query indicator ${e.id}\` follows it across years`,
              );
            }
          } else {
            const entry = catalogueEntryById(what);
            if (!entry) throw new UnknownNameError(`"${what}" is neither an indicator code (4.1.2) nor a catalogue id; ids: ${links.entries.map((e) => e.id).join(', ')}`);
            selector = { members: entry.members };
            title = entry.id;
            notes.push(`${entry.id}: ${entry.label}; ${entry.members.map((m) => `${m.fiscalYear} ${m.code}`).join(', ')}`);
          }
          const rows = indicatorRows(db, selector, { ...scope, fields: INDICATOR_QUERY_FIELDS });
          const t = indicatorTable(rows, links, style(o), title, ['', ...notes]);
          await emit(o, t, rows.map((r) => ({ ...r, catalogue: catalogueEntryFor(r.fiscalYear, r.code, links)?.id ?? null })));
        },
        (_what, raw) => String(raw.db),
      ),
    );

  const off = withOutputOptions(query.command('office'))
    .description('every indicator an office reported, all periods')
    .argument('<name>', 'office, upazila or district name in Bangla or English (ডুমুরিয়া, Dumuria, "জেলা সমবায় কার্যালয়, বরিশাল")')
    .option('--fy <years>', 'only these fiscal years')
    .action(
      run(
        () => off,
        async (db, name: string, raw: Record<string, unknown>) => {
          const o = parse(OutputOptionsSchema, raw);
          const fy = parse(ScopeOptionsSchema.pick({ fy: true }), raw).fy;
          const offices = resolveOffices(listOffices(db), name);
          const rows = officeRows(db, { officeKeys: offices.map((x) => x.key), ...(fy ? { fiscalYears: parseFiscalYears(fy) } : {}) });
          const links = loadCatalogueLinks();
          await emit(o, officeTable(rows, offices, links, style(o)), { offices, rows: rows.map((r) => ({ ...r, catalogue: catalogueEntryFor(r.fiscalYear, r.code, links)?.id ?? null })) });
        },
        (_name, raw) => String(raw.db),
      ),
    );

  const flags = withScopeOptions(withOutputOptions(query.command('flags')))
    .description('open validation flags with file, page and cell box (--all: corrected and reviewed ones too)')
    .option('--all', 'also flags already corrected or in reviewed submissions', false)
    .action(
      run(
        () => flags,
        async (db, raw: Record<string, unknown>) => {
          const o = parse(OutputOptionsSchema, raw);
          const scope = scopeOf(listOffices(db), parse(ScopeOptionsSchema, raw));
          const rows = flagRows(db, { ...scope, states: raw.all === true ? ['open', 'corrected', 'reviewed'] : ['open'] });
          await emit(o, flagsTable(rows, style(o)), rows);
        },
        (raw) => String(raw.db),
      ),
    );

  const sql = withOutputOptions(query.command('sql'))
    .description('run one SELECT on a read-only connection (views: v_submissions, v_indicator_values, v_flags)')
    .argument('<select>', 'a single SELECT statement')
    .action(
      run(
        () => sql,
        async (db, text: string, raw: Record<string, unknown>) => {
          const o = parse(OutputOptionsSchema, raw);
          const res = runSelect(db, text);
          await emit(o, sqlTable(res), res.rows.map((r) => Object.fromEntries(res.columns.map((c, i) => [c, r[i]]))));
        },
        (_text, raw) => String(raw.db),
      ),
    );

  const cat = withOutputOptions(query.command('catalogue'))
    .description('the indicator catalogue across fiscal years: ids for `query indicator`, linked and unlinked codes')
    .action(async (raw: Record<string, unknown>) => {
      try {
        const o = parse(OutputOptionsSchema, raw);
        const links = loadCatalogueLinks();
        await emit(o, catalogueTable(links), links);
      } catch (e) {
        if (e instanceof QueryUsageError) cat.error(`error: ${e.message}`, { exitCode: 2, code: 'apa.query' });
        throw e;
      }
    });

  const pdf = query
    .command('pdf')
    .description('searchable PDF of stored submissions: the original pages with an invisible OCR text layer (OCRs every page again)')
    .argument('<submissions...>', 'file names (smp_001.pdf or smp_001), sha256 prefixes, or "all"')
    .requiredOption('--out <dir>', 'folder for <name>.searchable.pdf')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .action(
      run(
        () => pdf,
        async (db, names: string[], raw: { out: string; db: string }) => {
          const { writeSearchablePdf } = await import('../exports/searchable.js');
          const subs = db.prepare('SELECT file_name, path, sha256 FROM submissions ORDER BY file_name').all() as { file_name: string; path: string; sha256: string }[];
          const wanted = names.includes('all')
            ? subs
            : names.map((n) => {
                const hit = subs.find((s) => s.file_name === n || s.file_name === `${n}.pdf` || s.path === n || (n.length >= 6 && s.sha256.startsWith(n.toLowerCase())));
                if (!hit) throw new UnknownNameError(`no stored submission "${n}"; stored: ${subs.map((s) => s.file_name).join(', ') || 'none'}`);
                return hit;
              });
          fs.mkdirSync(raw.out, { recursive: true });
          for (const s of wanted) {
            if (!fs.existsSync(s.path)) throw new QueryUsageError(`${s.path}: the original PDF of ${s.file_name} is no longer there; run from the folder ingest ran in, or re-ingest it`);
            const out = path.join(raw.out, s.file_name.replace(/\.pdf$/i, '') + '.searchable.pdf');
            const r = await writeSearchablePdf(s.path, out, { onPage: (p, n) => process.stderr.write(`\r${s.file_name}: page ${p}/${n}`) });
            process.stderr.write(`\r${s.file_name}: ${r.pages} page(s), ${r.words} words in the text layer → ${out}\n`);
          }
        },
        (_names, raw) => raw.db,
      ),
    );
}
