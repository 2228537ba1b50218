// Coverage: office × fiscal year × quarter as a heatmap (each cell links to its report in the review view),
// and reports per quarter as stacked bars.
import { get } from './api.js';
import { h } from './dom.js';
import { barChart } from './dashboard-chart.js';
import { digits, name, num, periodName, quarterName, t } from './dashboard-i18n.js';
import { downloads, go, options, select, tableDetails } from './dashboard-ui.js';

const MARK = { submitted: '✓', flagged: '!', missing: '·' };
const MAX_FILES = 6;

function filterForm(opts, f) {
  const apply = (k) => (v) => go('coverage', { ...f, [k]: v, ...(k === 'division' ? { district: '' } : {}) });
  const districts = opts.districts.filter((d) => !f.division || d.division?.bn === f.division);
  return h(
    'form',
    { class: 'filters', onsubmit: (e) => e.preventDefault() },
    select(t('division'), 'division', [['', t('all')], ...opts.divisions.map((d) => [d.bn, name(d)])], f.division, apply('division')),
    select(t('district'), 'district', [['', t('all')], ...districts.map((d) => [d.bn, name(d)])], f.district, apply('district')),
    select(t('fiscalYear'), 'fy', [['', t('all')], ...opts.fiscalYears.map((y) => [y, digits(y)])], f.fy, apply('fy')),
  );
}

/** Hover text of a heatmap cell: state, and each report's file, open flags, corrected metadata, review. */
function cellTitle(office, period, state, reports) {
  const head = `${name(office.label)} · ${periodName(period)} · ${t(state)}`;
  const lines = reports.map(
    ([, file, openFlags, metaCorrected, reviewed]) =>
      `${t('file')} ${file}` + ` · ${t('openFlags')} ${num(openFlags)}` + (metaCorrected ? ` · ${t('metaCorrected')}` : '') + (reviewed ? ` · ${t('reviewed')}` : ''),
  );
  return [head, ...lines].join('\n');
}

function heatmap(view) {
  const table = view.heatmap;
  const years = [...new Set(view.periods.map((p) => p.fiscalYear))];
  const head = h(
    'thead',
    {},
    h('tr', {}, h('th', { rowspan: 2, scope: 'col' }, t('office')), years.map((y) => h('th', { colspan: view.periods.filter((p) => p.fiscalYear === y).length, scope: 'colgroup' }, digits(y))), h('th', { rowspan: 2, scope: 'col' }, t('reports'))),
    h('tr', {}, view.periods.map((p) => h('th', { scope: 'col' }, quarterName(p.quarter, true)))),
  );
  const body = h(
    'tbody',
    {},
    table.rows.map((row, i) => {
      const office = view.offices[i];
      return h(
        'tr',
        { 'data-office': office.key },
        h('th', { scope: 'row' }, h('a', { href: `#/office?office=${encodeURIComponent(office.key)}` }, name(office.label))),
        view.periods.map((p, k) => {
          const state = row[2 + k];
          const reports = view.reports[i][k] ?? [];
          const title = cellTitle(office, p, state, reports);
          const mark = state === 'flagged' ? `${MARK.flagged}${digits(reports.reduce((n, r) => n + r[2], 0))}` : MARK[state];
          // a cell links to its report in the review app, as the queue does (#/s/<id>)
          const content = reports.length ? h('a', { href: `/#/s/${reports[0][0]}`, 'aria-label': title }, mark) : h('span', { 'aria-label': title }, mark);
          return h('td', { class: `cov ${state}`, title, 'data-state': state, 'data-period': `${p.fiscalYear}|${p.quarter}`, 'data-submissions': reports.map((r) => r[0]).join(' ') }, content);
        }),
        h('td', { class: 'num' }, num(row[row.length - 1])),
      );
    }),
  );
  return h('table', { class: 'heatmap', 'data-table': table.name }, h('caption', { class: 'sr-only' }, t('coverageTitle')), head, body);
}

function periodBars(el, view) {
  const t0 = view.byPeriod;
  const col = (key) => t0.columns.findIndex((c) => c.key === key);
  const states = ['submitted', 'flagged', 'missing'];
  const files = (k, state) => {
    const list = view.offices.flatMap((o, i) => (view.heatmap.rows[i][2 + k] === state ? (view.reports[i][k] ?? []).map((r) => `${name(o.label)}: ${r[1]}`) : []));
    return list.length > MAX_FILES ? [...list.slice(0, MAX_FILES), `… +${num(list.length - MAX_FILES)}`] : list;
  };
  barChart(el, {
    labels: t0.rows.map((r) => periodName({ fiscalYear: r[col('fiscalYear')], quarter: r[col('quarter')] }, true)),
    stack: true,
    valueLabel: (v) => num(v, 0),
    series: states.map((s) => ({
      name: s,
      className: `bar-${s}`,
      values: t0.rows.map((r, k) => ({
        value: r[col(s)],
        row: k,
        title: [`${periodName(view.periods[k])} · ${t(s)}: ${num(r[col(s)])}`, ...(s === 'missing' ? [] : files(k, s))].join('\n'),
      })),
    })),
  });
}

export async function showCoverage(main, params, stillCurrent) {
  const f = { division: params.get('division') || '', district: params.get('district') || '', fy: params.get('fy') || '' };
  const [opts, view] = await Promise.all([options(), get('/dashboard/coverage', Object.fromEntries(Object.entries(f).filter(([, v]) => v)))]);
  if (!stillCurrent()) return;
  const s = view.summary;
  const legend = h(
    'p',
    { class: 'legend' },
    ['submitted', 'flagged', 'missing'].map((k) => h('span', { class: `key cov ${k}` }, `${MARK[k]} ${t(k)}`)),
  );
  const summary = h(
    'p',
    { class: 'summary' },
    `${num(s.expected)} ${t('expected')}: ${num(s.submitted)} ${t('submitted')}, ${num(s.flagged)} ${t('flaggedShort')}, ${num(s.missing)} ${t('missing')}` +
      (view.unplaced.length ? ` · ${num(view.unplaced.length)} ${t('unplaced')}: ${view.unplaced.map((u) => u.file).join(', ')}` : ''),
  );
  const chart = h('div', { class: 'chart bars', id: 'coverage-periods' });
  const query = Object.fromEntries(Object.entries(f).filter(([, v]) => v));
  main.replaceChildren(
    h(
      'section',
      { class: 'dash-page coverage' },
      filterForm(opts, f),
      view.offices.length === 0
        ? h('p', { class: 'muted' }, t('noData'))
        : [
            h('figure', { class: 'panel' }, h('figcaption', {}, h('span', { class: 'title' }, t('coverageTitle')), downloads('coverage', query, { chart: 'heatmap' })), summary, legend, h('div', { class: 'scroll' }, heatmap(view))),
            h(
              'figure',
              { class: 'panel' },
              h('figcaption', {}, h('span', { class: 'title' }, t('byPeriodTitle')), downloads('coverage', query, { chart: 'periods' })),
              chart,
              tableDetails(view.byPeriod, { caption: t('byPeriodTitle') }),
            ),
          ],
    ),
  );
  if (view.offices.length) periodBars(chart, view);
}
