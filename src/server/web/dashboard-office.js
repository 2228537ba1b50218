// One office: its achievement rate per indicator beside the median of its district's and its division's
// offices for the same report period, as horizontal bars.
import { get } from './api.js';
import { h } from './dom.js';
import { barChart } from './dashboard-chart.js';
import { digits, name, num, periodName, t } from './dashboard-i18n.js';
import { downloads, go, options, select, tableDetails } from './dashboard-ui.js';

function filterForm(opts, view, f) {
  const byDistrict = new Map();
  for (const o of opts.offices) {
    const k = o.district ? name(o.district) : '—';
    byDistrict.set(k, [...(byDistrict.get(k) ?? []), o]);
  }
  const officeSelect = h(
    'select',
    { name: 'office' },
    [...byDistrict].map(([d, list]) => h('optgroup', { label: d }, list.map((o) => h('option', { value: o.key, selected: o.key === view?.office.key }, name(o.label))))),
  );
  officeSelect.addEventListener('change', () => go('office', { office: officeSelect.value }));
  const periods = view ? view.periods : [];
  const cur = view ? `${view.period.fiscalYear}|${view.period.quarter}` : '';
  return h(
    'form',
    { class: 'filters', onsubmit: (e) => e.preventDefault() },
    h('label', {}, `${t('office')} `, officeSelect),
    select(t('period'), 'period', periods.map((p) => [`${p.fiscalYear}|${p.quarter}`, periodName(p)]), cur, (v) => {
      const [fy, quarter] = v.split('|');
      go('office', { ...f, office: view.office.key, fy, quarter });
    }),
  );
}

const pct = (v) => (v == null ? '—' : `${num(v)}%`);

function medianTitle(label, m) {
  if (!m || m.median == null) return `${label}: —`;
  return [
    `${label} ${pct(m.median)} · ${t('medianOf')} ${num(m.n)} ${t('offices')}`,
    ...m.from.map((x) => `${t('middle')}: ${name(x.office)} ${pct(x.rate)} · ${t('file')} ${x.file}, ${t('page')} ${digits(x.page)} · ${x.corrected ? t('correctedBy') : t('asRead')}`),
  ].join('\n');
}

function rateTitle(view, i) {
  const x = view.indicators[i];
  const row = view.table.rows[i];
  const col = (k) => view.table.columns.findIndex((c) => c.key === k);
  const corrected = x.target.corrected || x.achievement.corrected;
  return [
    `${digits(x.code)} ${row[col('indicator')] ?? ''}`,
    `${name(view.office.label)}: ${t('rate')} ${pct(x.rate)} = ${t('achievement')} ${digits(x.achievement.raw ?? '—')} ÷ ${t('target')} ${digits(x.target.raw ?? '—')}`,
    `${t('file')} ${x.file}, ${t('page')} ${digits(x.page)} · ${corrected ? `${t('correctedBy')} (${[x.target.corrected ? t('target') : null, x.achievement.corrected ? t('achievement') : null].filter(Boolean).join(', ')})` : t('asRead')}`,
    ...[...x.target.flags, ...x.achievement.flags].filter((m, k, a) => a.indexOf(m) === k).map((m) => `⚑ ${m}`),
  ].join('\n');
}

function rateBars(el, view, catalogue) {
  const tb = view.table;
  const col = (k) => tb.columns.findIndex((c) => c.key === k);
  // code and what it measures: the catalogue's label in the page's language, else the printed wording
  const label = (r) => {
    const entry = catalogue.find((e) => e.id === r[col('catalogue')]);
    return `${digits(r[col('code')])} ${entry ? name(entry.label) : (r[col('indicator')] ?? '')}`;
  };
  const series = [
    { key: 'rate', className: 'office-rate', title: (i) => rateTitle(view, i), classes: (i) => [view.indicators[i].target.flags.length || view.indicators[i].achievement.flags.length ? 'flagged' : null, view.indicators[i].target.corrected || view.indicators[i].achievement.corrected ? 'corrected' : null] },
    { key: 'districtMedian', className: 'district-median', title: (i) => medianTitle(`${t('districtMedian')} (${name(view.peers.district)})`, view.indicators[i].district), classes: () => [] },
    { key: 'divisionMedian', className: 'division-median', title: (i) => medianTitle(`${t('divisionMedian')} (${name(view.peers.division)})`, view.indicators[i].division), classes: () => [] },
  ];
  barChart(el, {
    labels: tb.rows.map(label),
    horizontal: true,
    ticks: [0, 20, 40, 60, 80, 100],
    height: Math.max(220, tb.rows.length * 42 + 60),
    valueLabel: (v) => `${num(v, 0)}%`,
    series: series.map((s) => ({
      name: s.key,
      className: s.className,
      values: tb.rows.map((r, i) => ({ value: r[col(s.key)], row: i, title: s.title(i), classes: s.classes(i).filter(Boolean) })),
    })),
  });
}

export async function showOffice(main, params, stillCurrent) {
  const opts = await options();
  const f = { office: params.get('office') || '', fy: params.get('fy') || '', quarter: params.get('quarter') || '' };
  if (!f.office) {
    // the office with the most reports, to start from
    const first = [...opts.offices].sort((a, b) => b.submissions - a.submissions)[0];
    if (!first) {
      main.replaceChildren(h('section', { class: 'dash-page office' }, h('p', { class: 'muted' }, t('noData'))));
      return;
    }
    f.office = first.key;
  }
  const query = Object.fromEntries(Object.entries(f).filter(([, v]) => v));
  const view = await get('/dashboard/office', query);
  if (!stillCurrent()) return;
  const p = view.peers;
  const about = h(
    'p',
    { class: 'summary' },
    `${name(view.office.label)} · ${name(view.office.district)}, ${name(view.office.division)} · ${view.period.fiscalYear ? periodName(view.period) : '—'} · ` +
      `${t('peersNote')} ${num(p.districtOffices)}, ${t('peersDivision')} ${num(p.divisionOffices)}`,
  );
  const legend = h(
    'p',
    { class: 'legend' },
    h('span', { class: 'key office-rate' }, t('rate')),
    h('span', { class: 'key district-median' }, t('districtMedian')),
    h('span', { class: 'key division-median' }, t('divisionMedian')),
    h('span', { class: 'key flagged' }, t('legendFlaggedBar')),
    h('span', { class: 'key corrected' }, t('legendCorrected')),
  );
  const chart = h('div', { class: 'chart bars horizontal', id: 'office-rates' });
  const downloadQuery = { office: view.office.key, ...(view.period.fiscalYear ? { fy: view.period.fiscalYear, quarter: view.period.quarter } : {}) };
  main.replaceChildren(
    h(
      'section',
      { class: 'dash-page office' },
      filterForm(opts, view, f),
      h(
        'figure',
        { class: 'panel' },
        h('figcaption', {}, h('span', { class: 'title' }, t('officeTitle')), downloads('office', downloadQuery)),
        about,
        view.table.rows.length ? [legend, chart, h('p', { class: 'note muted' }, t('rateNote')), tableDetails(view.table, { caption: name(view.office.label) })] : h('p', { class: 'muted' }, t('noData')),
      ),
    ),
  );
  if (view.table.rows.length) rateBars(chart, view, opts.catalogue);
}
