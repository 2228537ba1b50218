// The submission queue: unreviewed first, most open flags first. ↑/↓ move, Enter opens.
import { get } from './api.js';
import { h, toast } from './dom.js';

const QUARTERS = ['', '1', '2', '3', '4', 'H1', 'annual'];

function officeLabel(o) {
  return o.name || [o.upazila, o.district, o.division].filter(Boolean).join(', ') || '—';
}

export async function showQueue(main, params) {
  document.getElementById('crumbs').replaceChildren(h('span', {}, 'Queue'));
  const filters = {
    office: params.get('office') || '',
    fy: params.get('fy') || '',
    quarter: params.get('quarter') || '',
    status: params.get('status') || '',
    review: params.get('review') || '',
  };
  const apply = () => {
    const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    location.hash = `#/?${qs}`;
  };
  const field = (name, el) => {
    el.value = filters[name];
    el.addEventListener('change', () => {
      filters[name] = el.value.trim();
      apply();
    });
    return el;
  };
  const form = h(
    'form',
    { class: 'filters', onsubmit: (e) => e.preventDefault() },
    h('label', {}, 'Office ', field('office', h('input', { name: 'office', placeholder: 'name, district, upazila', size: 22 }))),
    h('label', {}, 'Fiscal year ', field('fy', h('input', { name: 'fy', placeholder: '2023-24', size: 8 }))),
    h('label', {}, 'Quarter ', field('quarter', h('select', { name: 'quarter' }, QUARTERS.map((q) => h('option', { value: q }, q || 'any'))))),
    h('label', {}, 'Status ', field('status', h('select', { name: 'status' }, ['', 'ok', 'partial', 'failed'].map((q) => h('option', { value: q }, q || 'any'))))),
    h('label', {}, 'Review ', field('review', h('select', { name: 'review' }, [['', 'any'], ['pending', 'to review'], ['reviewed', 'reviewed']].map(([v, t]) => h('option', { value: v }, t))))),
  );
  main.replaceChildren(h('section', { class: 'queue' }, form, h('p', { class: 'muted' }, 'Loading…')));

  let list;
  try {
    list = (await get('/submissions', Object.fromEntries(Object.entries(filters).filter(([, v]) => v)))).submissions;
  } catch (e) {
    toast(e.message, 'error');
    main.querySelector('.queue p').textContent = e.message;
    return;
  }
  const rows = list.map((s) =>
    h(
      'tr',
      { tabindex: 0, dataset: { id: s.id }, class: s.reviewedAt ? 'reviewed' : '' },
      h('td', { class: 'num' }, h('span', { class: s.openFlags ? 'badge flag' : 'badge ok' }, String(s.openFlags))),
      h('td', {}, h('a', { href: `#/s/${s.id}` }, s.fileName)),
      h('td', {}, officeLabel(s.office)),
      h('td', {}, s.fiscalYear || '—'),
      h('td', {}, s.quarter == null ? '—' : String(s.quarter)),
      h('td', {}, s.status),
      h('td', { class: 'num' }, `${s.indicators}`),
      h('td', { class: 'num' }, `${s.corrections}`),
      h('td', {}, s.reviewedAt ? `✓ ${s.reviewedBy}` : ''),
    ),
  );
  const table = h(
    'table',
    { class: 'list' },
    h('thead', {}, h('tr', {}, ['Open flags', 'File', 'Office', 'FY', 'Q', 'Status', 'Indicators', 'Corrections', 'Reviewed'].map((t) => h('th', {}, t)))),
    h('tbody', {}, rows),
  );
  table.addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr[data-id]');
    if (!tr) return;
    if (e.key === 'Enter') location.hash = `#/s/${tr.dataset.id}`;
    else if (e.key === 'ArrowDown') tr.nextElementSibling?.focus();
    else if (e.key === 'ArrowUp') tr.previousElementSibling?.focus();
    else return;
    e.preventDefault();
  });
  const help = h('p', { class: 'keys' }, '↑/↓ choose · Enter open · in a submission: Tab next flagged value · Enter accept · Alt+R reviewed · Alt+Q back here');
  main.replaceChildren(h('section', { class: 'queue' }, form, list.length ? table : h('p', { class: 'muted' }, 'No submissions match.'), help));
  rows[0]?.focus();
}
