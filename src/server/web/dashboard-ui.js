// Pieces every dashboard page uses: navigation, the options the filters offer, filter selects, download
// links and the data table that shows (and lets a screen reader or a test read) exactly what a chart draws.
import { get } from './api.js';
import { h } from './dom.js';
import { digits, getLang, num, t } from './dashboard-i18n.js';

/** Go to a page with the given filters (empty ones left out). */
export function go(page, params) {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== ''));
  location.hash = `#/${page}${qs.size ? `?${qs}` : ''}`;
}

let cachedOptions = null;
/** Places, offices, years and catalogue entries for the filters; read once per page load. */
export async function options() {
  cachedOptions ??= get('/dashboard/options');
  return cachedOptions;
}

/** A labelled select; items are [value, text] pairs; `change` gets the chosen value. */
export function select(label, name, items, value, change) {
  const el = h('select', { name }, items.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  el.addEventListener('change', () => change(el.value));
  return h('label', {}, `${label} `, el);
}

/** The same API query as a file: CSV or XLSX, digits as the page shows them. */
export function downloads(route, params, extra = {}) {
  const link = (format) => {
    const qs = new URLSearchParams(Object.entries({ ...params, ...extra, format, digits: getLang() === 'bn' ? 'bn' : 'ascii' }).filter(([, v]) => v != null && v !== ''));
    return h('a', { class: 'button', href: `/api/dashboard/${route}?${qs}`, download: '' }, format.toUpperCase());
  };
  return h('span', { class: 'downloads' }, `${t('download')}: `, link('csv'), ' ', link('xlsx'));
}

const HEADERS = {
  office: 'office',
  level: ['স্তর', 'level'],
  fy: 'fiscalYear',
  report: 'period',
  code: ['কোড', 'code'],
  catalogue: ['ক্যাটালগ', 'catalogue'],
  unit: ['একক', 'unit'],
  target: 'target',
  achievement: 'achievement',
  flagged: 'flaggedShort',
  corrected: ['সংশোধিত', 'corrected'],
  file: 'file',
  page: 'page',
  indicator: 'indicator',
  'rate %': ['অর্জনের হার %', 'rate %'],
  'district median %': ['জেলার মধ্যমা %', 'district median %'],
  'district offices': ['জেলার কার্যালয়', 'district offices'],
  'division median %': ['বিভাগের মধ্যমা %', 'division median %'],
  'division offices': ['বিভাগের কার্যালয়', 'division offices'],
  period: 'period',
  submitted: 'submitted',
  missing: 'missing',
  reports: 'reports',
};

function header(col) {
  const k = HEADERS[col.header];
  if (Array.isArray(k)) return k[getLang() === 'bn' ? 0 : 1];
  if (typeof k === 'string') return t(k);
  return digits(col.header);
}

/**
 * The chart's table (the rows the download writes) as an HTML table: each cell shows the value in the page's
 * language and keeps the value itself in data-value.
 */
export function dataTable(table, { caption, cell } = {}) {
  return h(
    'table',
    { class: 'list data', 'data-table': table.name },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, table.columns.map((c) => h('th', { scope: 'col', 'data-key': c.key }, header(c))))),
    h(
      'tbody',
      {},
      table.rows.map((r, i) =>
        h(
          'tr',
          { 'data-row': i },
          r.map((v, k) => {
            const col = table.columns[k];
            const shown = cell?.(col, v, i) ?? (v == null ? '' : typeof v === 'number' ? num(v, 2) : col.verbatim ? String(v) : digits(v));
            return h('td', { class: typeof v === 'number' ? 'num' : null, 'data-key': col.key, 'data-value': v == null ? '' : String(v) }, shown);
          }),
        ),
      ),
    ),
  );
}

/** A folded data table under a chart: in the page (for screen readers and tests) without taking its room. */
export function tableDetails(table, opts) {
  return h('details', { class: 'data' }, h('summary', {}, t('dataTable')), dataTable(table, opts));
}
