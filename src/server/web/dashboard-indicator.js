// One catalogue indicator across offices and years: per office a small chart of target (dashed) against
// achievement over the report periods, flagged values ringed in red, corrected ones in blue.
import { get } from './api.js';
import { h } from './dom.js';
import { lineChart } from './dashboard-chart.js';
import { digits, name, num, periodName, t, unitName } from './dashboard-i18n.js';
import { downloads, go, options, select, tableDetails } from './dashboard-ui.js';

const DAY = 86_400_000;
const toDays = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const fromDays = (d) => new Date(Math.round(d) * DAY).toISOString().slice(0, 10);

function filterForm(opts, f) {
  const apply = (k) => (v) => go('indicator', { ...f, [k]: v, ...(k === 'division' ? { district: '', office: '' } : k === 'district' ? { office: '' } : {}) });
  const districts = opts.districts.filter((d) => !f.division || d.division?.bn === f.division);
  const offices = opts.offices.filter((o) => (!f.division || o.division?.bn === f.division) && (!f.district || o.district?.bn === f.district));
  return h(
    'form',
    { class: 'filters', onsubmit: (e) => e.preventDefault() },
    select(t('indicator'), 'entry', opts.catalogue.map((e) => [e.id, `${name(e.label)} (${e.members.map((m) => digits(m.code)).join(', ')})`]), f.entry, apply('entry')),
    select(t('division'), 'division', [['', t('all')], ...opts.divisions.map((d) => [d.bn, name(d)])], f.division, apply('division')),
    select(t('district'), 'district', [['', t('all')], ...districts.map((d) => [d.bn, name(d)])], f.district, apply('district')),
    select(t('office'), 'office', [['', t('all')], ...offices.map((o) => [o.key, name(o.label)])], f.office, apply('office')),
    select(t('fiscalYear'), 'fy', [['', t('all')], ...opts.fiscalYears.map((y) => [y, digits(y)])], f.fy, apply('fy')),
  );
}

/** How a drawn value reads: a number with its unit, or a date. */
function show(unit, v) {
  if (v == null) return '—';
  if (unit === 'date') return digits(v);
  return `${num(v)}${unit === 'percent' ? '%' : ''}`;
}

function valueTitle(view, i, which) {
  const p = view.points[i];
  const row = Object.fromEntries(view.table.columns.map((c, k) => [c.key, view.table.rows[i][k]]));
  const office = view.offices[p.office];
  const unit = view.indicator.unit;
  const v = p[which];
  const other = which === 'achievement' ? 'target' : 'achievement';
  return [
    `${name(office?.label)} · ${periodName({ fiscalYear: row.fiscalYear, quarter: row.quarter })}`,
    `${t(which)} ${show(unit, v.value)} (${t(other)} ${show(unit, p[other].value)})` + (v.value == null && v.raw ? ` — "${v.raw}": ${t('notDrawn')}` : ''),
    `${t('file')} ${row.file}, ${t('page')} ${digits(row.page)} · ${v.corrected ? t('correctedBy') : t('asRead')}`,
    ...v.flags.map((m) => `⚑ ${m}`),
  ].join('\n');
}

function smallMultiples(view) {
  const unit = view.indicator.unit;
  const y = (v) => (v == null ? null : unit === 'date' ? toDays(v) : v);
  const xOf = new Map(view.periods.map((p, k) => [`${p.fiscalYear}|${p.quarter}`, k]));
  const fy = view.table.columns.findIndex((c) => c.key === 'fiscalYear');
  const q = view.table.columns.findIndex((c) => c.key === 'quarter');
  const valueCols = ['target', 'achievement'].map((k) => view.table.columns.findIndex((c) => c.key === k));
  const drawnValues = view.table.rows.flatMap((r) => valueCols.map((k) => y(r[k]))).filter((v) => v != null);
  // nothing drawable (every value unreadable): an empty scale rather than an infinite one
  const all = drawnValues.length ? drawnValues : [0];
  const low = unit === 'date' ? Math.min(...all) - 10 : Math.min(0, ...all);
  const high = unit === 'date' ? Math.max(...all) + 10 : Math.max(...all, unit === 'percent' ? 100 : 1);
  // label the first quarter of each year with the year; the other quarters with their number
  const xLabels = view.periods.map((p, k) => {
    const quarter = periodName(p, true).split(' ').pop();
    return k === 0 || p.fiscalYear !== view.periods[k - 1].fiscalYear ? `${quarter}\n${digits(p.fiscalYear)}` : quarter;
  });
  const yLabel = (v) => (unit === 'date' ? digits(fromDays(v)) : `${num(v, 0)}${unit === 'percent' ? '%' : ''}`);
  const figures = [];
  const charts = [];
  for (const [k, office] of view.offices.entries()) {
    const rows = view.points.map((p, i) => ({ p, i })).filter(({ p }) => p.office === k);
    const series = ['target', 'achievement'].map((which) => ({
      name: which,
      className: which,
      points: rows.map(({ p, i }) => ({
        x: xOf.get(`${view.table.rows[i][fy]}|${view.table.rows[i][q]}`) ?? 0,
        // the value drawn is the table row's (the row the download writes)
        y: y(view.table.rows[i][valueCols[which === 'target' ? 0 : 1]]),
        row: i,
        classes: [p[which].flags.length ? 'flagged' : null, p[which].corrected ? 'corrected' : null].filter(Boolean),
        title: valueTitle(view, i, which),
      })),
    }));
    const el = h('div', { class: 'chart line' });
    figures.push(
      h('figure', { class: 'small', 'data-office': office.key }, h('figcaption', {}, h('a', { href: `#/office?office=${encodeURIComponent(office.key)}` }, name(office.label))), el),
    );
    charts.push(() => lineChart(el, { xLabels, series, low, high, yLabel }));
  }
  return { figures, draw: () => charts.forEach((c) => c()) };
}

export async function showIndicator(main, params, stillCurrent) {
  const opts = await options();
  const f = {
    entry: params.get('entry') || (params.get('code') ? '' : opts.catalogue.find((e) => e.id === 'efile-notes')?.id || opts.catalogue[0]?.id || ''),
    code: params.get('code') || '',
    division: params.get('division') || '',
    district: params.get('district') || '',
    office: params.get('office') || '',
    fy: params.get('fy') || '',
  };
  const query = Object.fromEntries(Object.entries(f).filter(([, v]) => v));
  const view = await get('/dashboard/indicator', query);
  if (!stillCurrent()) return;
  const ind = view.indicator;
  const about = h(
    'p',
    { class: 'summary' },
    `${name(ind.label)} · ${unitName(ind.unit)} · ${ind.members.map((m) => `${digits(m.fiscalYear)}: ${digits(m.code)}`).join(', ')}`,
  );
  const legend = h(
    'p',
    { class: 'legend' },
    h('span', { class: 'key target' }, t('legendTarget')),
    h('span', { class: 'key achievement' }, t('legendAchievement')),
    h('span', { class: 'key flagged' }, t('legendFlagged')),
    h('span', { class: 'key corrected' }, t('legendCorrected')),
  );
  const multiples = view.points.length ? smallMultiples(view) : null;
  main.replaceChildren(
    h(
      'section',
      { class: 'dash-page indicator' },
      filterForm(opts, f),
      h(
        'figure',
        { class: 'panel' },
        h('figcaption', {}, h('span', { class: 'title' }, t('indicatorTitle')), downloads('indicator', query)),
        about,
        view.points.length ? [legend, h('div', { class: 'multiples' }, multiples.figures), tableDetails(view.table, { caption: name(ind.label) })] : h('p', { class: 'muted' }, t('noData')),
      ),
    ),
  );
  multiples?.draw();
}
