// One submission: the scan with every cell box on the left, the reconstructed table on the right, and above
// it the selected value with its crop and the correction box. Keyboard first:
//   Tab / Shift+Tab  next / previous value with an open flag (across pages)
//   type + Enter     save the value as printed (Bangla or ASCII digits); Enter alone confirms the OCR value
//   Esc              undo typing        ↑ / ↓  same column, row above / below (when nothing was typed)
//   PageDown/PageUp  next / previous page     Alt+R mark reviewed   Alt+E export JSON   Alt+M metadata   Alt+Q queue
import { cropUrl, get, imageUrl, post, session } from './api.js';
import { formatValue, h, s, toast } from './dom.js';

const FIELD_ORDER = ['unit', 'weight', 'target', 'q1', 'q2', 'q3', 'q4', 'total', 'rate', 'score', 'remarks'];
const FIELD_LABEL = {
  unit: 'unit · একক',
  weight: 'weight · মান',
  target: 'target · লক্ষ্যমাত্রা',
  q1: 'Q1 · ১ম কোয়ার্টার',
  q2: 'Q2 · ২য় কোয়ার্টার',
  q3: 'Q3 · ৩য় কোয়ার্টার',
  q4: 'Q4 · ৪র্থ কোয়ার্টার',
  total: 'total · মোট অর্জন',
  rate: 'rate · অর্জনের হার',
  score: 'score · প্রাপ্ত নম্বর',
  remarks: 'remarks · মন্তব্য',
};
const SUBTYPES = {
  letter: ['cover_letter', 'notice', 'office_order', 'unknown'],
  minutes: ['attendance', 'minutes_body', 'unknown'],
  annex5: ['annex5', 'unknown'],
  certificate: ['certificate', 'unknown'],
  other: ['cover_page', 'website_update_table', 'innovation_db_table', 'unknown'],
};
const META = [
  ['office.name', 'Office', 28],
  ['office.level', 'Level', 8],
  ['office.division', 'Division', 9],
  ['office.district', 'District', 10],
  ['office.upazila', 'Upazila', 10],
  ['fiscalYear', 'FY', 7],
  ['quarter', 'Q', 3],
  ['submissionDate', 'Date', 10],
  ['annexFormat', 'Format', 2],
];

/** Everything about the open submission. */
let st = null;

const fieldKey = (indId, field) => `${indId}:${field}`;
const isOpen = (ind, field) => ind.flags.some((f) => f.field === field && !f.resolved);

export async function showReview(main, id, page) {
  if (st && st.id === id && document.contains(st.els.root)) {
    if (page && page !== st.page) await loadPage(page, { select: 'first' });
    return;
  }
  st = null;
  main.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  let detail, pages, indicators;
  try {
    [detail, pages, { indicators }] = await Promise.all([get(`/submissions/${id}`), get(`/submissions/${id}/pages`), get(`/submissions/${id}/indicators`)]);
  } catch (e) {
    main.replaceChildren(h('p', { class: 'error' }, e.message));
    return;
  }
  st = { id, detail, pages: pages.pages, sections: pages.sections, indicators, byId: new Map(indicators.map((i) => [i.id, i])), page: null, tables: [], sel: null, zoom: 1, els: {} };
  st.pageFlagsOpen = detail.counts.openFlags - openIndicatorFlags();
  buildLayout(main);
  const first = flaggedItems()[0];
  const start = page ?? first?.page ?? st.pages.find((p) => p.indicators > 0)?.page ?? st.pages[0]?.page ?? 1;
  await loadPage(start, { select: page ? 'first' : first ? { indId: first.ind.id, field: first.field } : 'first' });
}

// ------------------------------------------------------------------------------------------- layout

function buildLayout(main) {
  const e = st.els;
  e.title = h('span', { class: 'title' });
  e.flagCount = h('span', { class: 'badge' });
  e.reviewBtn = h('button', { type: 'button', onclick: toggleReviewed, title: 'Alt+R' });
  e.exportLink = h('a', { href: `/api/submissions/${st.id}/export`, target: '_blank', rel: 'noopener', title: 'Alt+E', class: 'button' }, 'Export JSON');
  e.meta = h('form', { class: 'meta', onsubmit: (ev) => ev.preventDefault() });
  e.tabs = h('nav', { class: 'tabs', 'aria-label': 'pages' });
  e.section = h('select', { id: 'section', title: 'this page’s section (Alt+S)', onchange: saveSection });
  e.img = h('img', { alt: 'scanned page', draggable: 'false' });
  e.svg = s('svg', { class: 'overlay', preserveAspectRatio: 'none' });
  e.scanInner = h('div', { class: 'scan-inner' }, e.img, e.svg);
  e.scanNote = h('p', { class: 'muted scan-note' });
  e.scan = h('div', { class: 'scan', tabindex: -1 }, e.scanNote, e.scanInner);
  e.inspector = h('section', { class: 'inspector', 'aria-label': 'selected value' });
  e.tables = h('div', { class: 'tables' });
  e.root = h(
    'div',
    { class: 'review' },
    h(
      'div',
      { class: 'subbar' },
      e.title,
      h('span', { class: 'spacer' }),
      h('span', {}, 'open flags ', e.flagCount),
      h('button', { type: 'button', onclick: () => zoom(1 / 1.25), title: 'zoom out' }, '−'),
      h('button', { type: 'button', onclick: () => zoom(1.25), title: 'zoom in' }, '+'),
      e.reviewBtn,
      e.exportLink,
      session.user?.role === 'admin' ? h('a', { href: `#/audit?submission=${st.id}`, class: 'button', title: 'every change to this submission, with who and when' }, 'History') : '',
    ),
    e.meta,
    h('div', { class: 'pagebar' }, e.tabs, h('label', {}, 'Section ', e.section)),
    h('div', { class: 'panes' }, e.scan, h('div', { class: 'right' }, e.inspector, e.tables)),
  );
  e.svg.addEventListener('click', (ev) => {
    const k = ev.target.closest('[data-cell]')?.dataset.cell;
    if (k) selectCell(k);
  });
  e.tables.addEventListener('click', (ev) => {
    const k = ev.target.closest('[data-cell]')?.dataset.cell;
    if (k) selectCell(k);
  });
  e.img.addEventListener('load', () => {
    e.scanNote.textContent = '';
    if (!pageInfo()?.width) e.svg.setAttribute('viewBox', `0 0 ${e.img.naturalWidth} ${e.img.naturalHeight}`);
    scrollToSelection();
  });
  e.img.addEventListener('error', async () => {
    try {
      const r = await fetch(e.img.src);
      const body = await r.json();
      e.scanNote.textContent = `The page image is not available: ${body.error}`;
    } catch {
      e.scanNote.textContent = 'The page image is not available.';
    }
  });
  main.replaceChildren(e.root);
  renderHeader();
  renderMeta();
}

const pageInfo = () => st.pages.find((p) => p.page === st.page);

function openIndicatorFlags() {
  return st.indicators.reduce((n, i) => n + i.flags.filter((f) => !f.resolved).length, 0);
}

function renderHeader() {
  const d = st.detail;
  const e = st.els;
  e.title.replaceChildren(h('b', {}, d.fileName), ` · ${d.office.name || '—'} · ${d.fiscalYear || 'FY ?'} · Q${d.quarter ?? '?'}`);
  const open = st.pageFlagsOpen + openIndicatorFlags();
  e.flagCount.textContent = String(open);
  e.flagCount.className = open ? 'badge flag' : 'badge ok';
  const reviewed = d.review.reviewedAt;
  e.reviewBtn.textContent = reviewed ? `✓ Reviewed by ${d.review.reviewedBy} (undo)` : 'Mark reviewed';
  e.reviewBtn.className = reviewed ? 'done' : 'primary';
  document.getElementById('crumbs').replaceChildren(h('a', { href: '#/' }, 'Queue'), ' › ', d.fileName, st.page ? ` › page ${st.page}` : '');
}

function renderMeta() {
  const byField = new Map(st.detail.metaFields.map((m) => [m.field, m]));
  st.els.meta.replaceChildren(
    h('b', {}, 'Metadata'),
    ...META.map(([field, label, size], i) => {
      const m = byField.get(field);
      const shown = m.value == null ? '' : String(m.value);
      const p = m.provenance;
      const title = [
        `OCR: ${m.ocrValue == null ? '—' : m.ocrValue}`,
        p ? `from ${p.source}${p.page ? `, page ${p.page}` : ''} (confidence ${Math.round(p.confidence * 100)}%)` : 'not found by OCR',
        m.correction ? `corrected by ${m.correction.who} at ${m.correction.at}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      const input = h('input', { name: field, value: shown, size, title, class: m.correction ? 'fixed' : p && p.confidence < 0.6 ? 'weak' : '', ...(i === 0 ? { id: 'meta-first' } : {}) });
      const save = async () => {
        if (input.value.trim() === shown) return;
        try {
          await post(`/submissions/${st.id}/corrections`, { target: 'meta', field, raw: input.value });
          st.detail = await get(`/submissions/${st.id}`);
          renderHeader();
          renderMeta();
          toast(`${label} corrected`);
        } catch (err) {
          toast(err.message, 'error');
          input.focus();
        }
      };
      input.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') {
          ev.preventDefault();
          void save();
        } else if (ev.key === 'Escape') input.value = shown;
      });
      return h('label', {}, `${label} `, input);
    }),
  );
}

function renderTabs() {
  st.els.tabs.replaceChildren(
    ...st.pages.map((p) =>
      h(
        'button',
        { type: 'button', class: p.page === st.page ? 'tab current' : 'tab', onclick: () => loadPage(p.page, { select: 'first' }), title: `${p.section ?? '?'} / ${p.subtype ?? '?'}` },
        `${p.page} · ${p.section ?? '?'}`,
        openOnPage(p.page) ? h('span', { class: 'badge flag' }, String(openOnPage(p.page))) : '',
      ),
    ),
  );
  const p = pageInfo();
  const sel = st.els.section;
  sel.replaceChildren(
    ...Object.entries(SUBTYPES).map(([section, subs]) => h('optgroup', { label: section }, subs.map((sub) => h('option', { value: `${section}/${sub}` }, `${section} · ${sub}`)))),
  );
  sel.value = `${p?.section}/${p?.subtype}`;
  sel.classList.toggle('fixed', !!p?.correction);
}

const openOnPage = (page) => st.indicators.filter((i) => i.page === page).reduce((n, i) => n + i.flags.filter((f) => !f.resolved).length, 0);

// -------------------------------------------------------------------------------------------- pages

async function loadPage(page, { select } = {}) {
  if (!st.pages.some((p) => p.page === page)) return;
  const id = st.id;
  let tables;
  try {
    tables = (await get(`/submissions/${id}/pages/${page}/tables`)).tables;
  } catch (err) {
    toast(err.message, 'error');
    return;
  }
  if (!st || st.id !== id) return;
  st.page = page;
  st.tables = tables;
  st.cells = new Map();
  tables.forEach((t) => t.cells.forEach((c) => st.cells.set(`${t.index}:${c.r}:${c.c}`, { table: t, cell: c })));
  history.replaceState(null, '', `#/s/${id}/p/${page}`);
  const p = pageInfo();
  const e = st.els;
  e.scanNote.textContent = 'Rendering the page from the PDF…';
  if (p.width && p.height) e.svg.setAttribute('viewBox', `0 0 ${p.width} ${p.height}`);
  e.img.src = imageUrl(id, page);
  renderTabs();
  renderHeader();
  renderTables();
  renderOverlay();
  st.sel = null;
  if (select === 'first') {
    const f = flaggedItems().find((x) => x.page === page);
    if (f) return selectField(f.ind.id, f.field);
    const v = valueCells()[0];
    if (v) return selectCell(v);
    renderInspector();
  } else if (select && select.indId) {
    selectField(select.indId, select.field);
  } else {
    renderInspector();
  }
}

function cellOfField(indId, field) {
  for (const [k, { cell }] of st.cells) if (cell.ref && cell.ref.indicatorId === indId && cell.ref.field === field) return k;
  return null;
}

/** Value cells of this page in reading order. */
function valueCells() {
  return [...st.cells.entries()]
    .filter(([, { cell }]) => cell.ref)
    .sort(([, a], [, b]) => a.table.index - b.table.index || a.cell.r - b.cell.r || a.cell.c - b.cell.c)
    .map(([k]) => k);
}

function cellClass({ cell }) {
  let conf = cell.conf == null ? null : cell.conf / 100;
  const cls = ['cell'];
  if (cell.ref) {
    const ind = st.byId.get(cell.ref.indicatorId);
    const f = ind?.fields[cell.ref.field];
    if (f) {
      conf = f.confidence;
      if (isOpen(ind, cell.ref.field)) cls.push('flag');
      if (f.corrected) cls.push('fixed');
      else if (f.correction) cls.push('confirmed');
    }
    cls.push('value');
  }
  cls.push(conf == null ? 'c-none' : conf >= 0.85 ? 'c-high' : conf >= 0.6 ? 'c-mid' : 'c-low');
  return cls.join(' ');
}

function cellText({ cell }) {
  if (cell.ref) {
    const f = st.byId.get(cell.ref.indicatorId)?.fields[cell.ref.field];
    if (f && f.correction) return f.raw ?? '';
  }
  return cell.text;
}

function renderTables() {
  const e = st.els;
  if (!st.tables.length) {
    e.tables.replaceChildren(h('p', { class: 'muted' }, 'No ruled table on this page.'));
    return;
  }
  e.tables.replaceChildren(
    ...st.tables.map((t) => {
      const rows = Array.from({ length: t.nRows }, () => h('tr'));
      for (const c of [...t.cells].sort((a, b) => a.r - b.r || a.c - b.c)) {
        const k = `${t.index}:${c.r}:${c.c}`;
        const entry = st.cells.get(k);
        rows[c.r]?.append(h('td', { rowspan: c.rowspan > 1 ? c.rowspan : null, colspan: c.colspan > 1 ? c.colspan : null, class: cellClass(entry), dataset: { cell: k }, title: c.conf == null ? 'empty' : `OCR ${Math.round(c.conf)}%` }, cellText(entry)));
      }
      return h('figure', {}, h('figcaption', {}, `Table ${t.index + 1} · ${t.role} · ${t.nRows}×${t.nCols}`), h('table', { class: 'recon' }, h('tbody', {}, rows)));
    }),
  );
  markSelection();
}

function renderOverlay() {
  const svg = st.els.svg;
  svg.replaceChildren();
  for (const [k, entry] of st.cells) {
    const b = entry.cell.bbox;
    svg.append(s('rect', { x: b.x0, y: b.y0, width: Math.max(1, b.x1 - b.x0), height: Math.max(1, b.y1 - b.y0), class: cellClass(entry), 'data-cell': k }));
  }
  markSelection();
}

function markSelection() {
  const k = st.sel?.cellKey;
  for (const el of st.els.root.querySelectorAll('.selected')) el.classList.remove('selected');
  if (!k) return;
  for (const el of st.els.root.querySelectorAll(`[data-cell="${k}"]`)) el.classList.add('selected');
}

function scrollToSelection() {
  const k = st?.sel?.cellKey;
  const entry = k && st.cells.get(k);
  const e = st?.els;
  if (!entry || !e.img.naturalWidth) return;
  const W = pageInfo()?.width || e.img.naturalWidth;
  const f = e.img.clientWidth / W;
  const b = entry.cell.bbox;
  e.scan.scrollTo({ top: Math.max(0, b.y0 * f - e.scan.clientHeight / 3), left: Math.max(0, b.x0 * f - e.scan.clientWidth / 3) });
  e.tables.querySelector(`td[data-cell="${k}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

function zoom(factor) {
  st.zoom = Math.min(4, Math.max(0.5, st.zoom * factor));
  st.els.scanInner.style.width = `${st.zoom * 100}%`;
  scrollToSelection();
}

// ---------------------------------------------------------------------------------------- selection

function selectCell(k) {
  const entry = st.cells.get(k);
  if (!entry) return;
  st.sel = entry.cell.ref ? { indId: entry.cell.ref.indicatorId, field: entry.cell.ref.field, cellKey: k } : { cellKey: k };
  markSelection();
  renderInspector();
  scrollToSelection();
}

function selectField(indId, field) {
  st.sel = { indId, field, cellKey: cellOfField(indId, field) };
  markSelection();
  renderInspector();
  scrollToSelection();
}

function renderInspector() {
  const e = st.els;
  const sel = st.sel;
  if (!sel) {
    e.inspector.replaceChildren(h('p', { class: 'muted' }, st.tables.length ? 'Click a cell, or press Tab for the next flagged value.' : 'Nothing to correct on this page.'));
    return;
  }
  const entry = sel.cellKey ? st.cells.get(sel.cellKey) : null;
  const ind = sel.indId ? st.byId.get(sel.indId) : null;
  const f = ind ? ind.fields[sel.field] : null;
  const box = f?.bbox ?? entry?.cell.bbox;
  const crop = box ? h('img', { class: 'crop', alt: 'the cell on the scan', src: cropUrl(st.id, st.page, box) }) : h('p', { class: 'muted' }, 'no box on the scan');

  if (!ind) {
    const c = entry.cell;
    e.inspector.replaceChildren(
      h('div', { class: 'what' }, `Table ${entry.table.index + 1}, row ${c.r + 1}, column ${c.c + 1}`),
      h('div', { class: 'cropbox' }, crop),
      h('div', { class: 'ocr' }, 'OCR read ', h('q', {}, c.text || '(empty)'), c.conf == null ? '' : ` · ${Math.round(c.conf)}%`),
      h('p', { class: 'muted' }, 'Not an indicator value: shown for checking only. Tab goes to the next flagged value.'),
      hiddenKeyCatcher(),
    );
    e.inspector.querySelector('#value').focus();
    return;
  }
  const flags = ind.flags.filter((fl) => fl.field === sel.field || !FIELD_ORDER.includes(fl.field));
  const value = h('input', { id: 'value', lang: 'bn', autocomplete: 'off', spellcheck: 'false', value: f.raw ?? '', 'aria-label': `value of ${sel.field}` });
  const preview = h('span', { class: 'preview', id: 'preview' });
  const reason = h('input', { id: 'reason', placeholder: 'reason (optional)', maxlength: 500, autocomplete: 'off' });
  const ocrLine = h(
    'div',
    { class: 'ocr' },
    'OCR read ',
    h('q', {}, f.ocr.raw ?? '(nothing)'),
    ` → ${formatValue(f.ocr.value)}`,
    f.ocr.confidence == null ? '' : ` · confidence ${Math.round(f.ocr.confidence * 100)}%`,
  );
  const status = f.correction
    ? h(
        'div',
        { class: f.corrected ? 'status fixed' : 'status confirmed', id: 'correction-status' },
        `${f.corrected ? 'Corrected' : 'Confirmed'} by ${f.correction.who} · ${f.correction.at.slice(0, 16).replace('T', ' ')}${f.correction.reason ? ` · ${f.correction.reason}` : ''}`,
        session.user?.role === 'admin' ? h('button', { type: 'button', class: 'revert', title: 'undo this correction (audited)', onclick: () => revertField(f.correction) }, 'Revert') : '',
      )
    : '';
  e.inspector.replaceChildren(
    h('div', { class: 'what' }, h('b', {}, ind.indicatorCode), ` · ${FIELD_LABEL[sel.field] ?? sel.field} · expects ${f.hint}`, h('span', { class: 'muted' }, ` · page ${ind.page}, table row ${ind.row + 1}`)),
    h('div', { class: 'indtext', title: ind.indicator ?? '' }, ind.indicator ?? ''),
    h('div', { class: 'cropbox' }, crop),
    ocrLine,
    status,
    flags.length ? h('ul', { class: 'flags' }, flags.map((fl) => h('li', { class: fl.resolved ? 'resolved' : '' }, h('b', {}, fl.rule), ` ${fl.message}`))) : '',
    h('div', { class: 'edit' }, h('label', { for: 'value' }, 'Value as printed'), value, preview),
    h('div', { class: 'edit' }, h('label', { for: 'reason' }, 'Reason'), reason),
    h('p', { class: 'keys' }, 'Enter accept · Tab next flagged · Shift+Tab previous · Esc undo typing · ↑/↓ row above/below'),
  );
  const original = f.raw ?? '';
  let timer = 0;
  const showPreview = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        const r = await get('/parse', { raw: value.value, hint: f.hint });
        if (value.value === '' && r.value === null) preview.textContent = '→ blank';
        else preview.textContent = `→ ${formatValue(r.value)}`;
        preview.className = r.flags.includes('unparsed') ? 'preview bad' : 'preview';
        if (r.flags.includes('unparsed')) preview.textContent += ` (not a ${f.hint})`;
      } catch {
        preview.textContent = '';
      }
    }, 120);
  };
  value.addEventListener('input', showPreview);
  showPreview();
  const onKey = (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      void save(value.value, reason.value);
    } else if (ev.key === 'Tab') {
      ev.preventDefault();
      void goFlagged(ev.shiftKey ? -1 : 1);
    } else if (ev.key === 'Escape') {
      value.value = original;
      showPreview();
    } else if ((ev.key === 'ArrowDown' || ev.key === 'ArrowUp') && ev.target === value && value.value === original) {
      ev.preventDefault();
      moveVertical(ev.key === 'ArrowDown' ? 1 : -1);
    }
  };
  value.addEventListener('keydown', onKey);
  reason.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === 'Escape') onKey(ev);
  });
  value.focus();
  value.select();
}

/** Keeps the keyboard flow alive on a cell that cannot be edited. */
function hiddenKeyCatcher() {
  const el = h('input', { id: 'value', class: 'catcher', readonly: true, 'aria-label': 'no value to edit', value: '' });
  el.addEventListener('keydown', (ev) => {
    if (ev.key === 'Tab') {
      ev.preventDefault();
      void goFlagged(ev.shiftKey ? -1 : 1);
    }
  });
  return el;
}

function moveVertical(dir) {
  const k = st.sel?.cellKey;
  const entry = k && st.cells.get(k);
  if (!entry) return;
  const { table, cell } = entry;
  for (let r = cell.r + dir * cell.rowspan; r >= 0 && r < table.nRows; r += dir) {
    const next = table.cells.find((c) => c.c <= cell.c && cell.c < c.c + c.colspan && c.r <= r && r < c.r + c.rowspan);
    if (next?.ref) return selectCell(`${table.index}:${next.r}:${next.c}`);
  }
}

// ------------------------------------------------------------------------------------------ flagged

/** Values with an open flag, in page order; when none is left, every value (so Tab still walks the table). */
function flaggedItems(all = false) {
  const items = [];
  for (const ind of st.indicators) {
    const fields = all ? FIELD_ORDER.filter((k) => ind.fields[k].printed && ind.fields[k].bbox) : FIELD_ORDER.filter((k) => isOpen(ind, k));
    for (const field of fields) {
      const b = ind.fields[field].bbox;
      items.push({ ind, field, page: ind.page, pos: position(ind, field) });
    }
  }
  return items.sort((a, b) => cmp(a.pos, b.pos));
}

function cmp(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Where a field sits: page, table, row, then left to right; a field without a cell (column not found) ends its row. */
function position(ind, field) {
  const b = ind.fields[field].bbox;
  return [ind.page, ind.tableIndex, ind.row, b ? b.x0 : 1e9 + FIELD_ORDER.indexOf(field)];
}

function currentPos() {
  const sel = st.sel;
  if (sel?.indId) return position(st.byId.get(sel.indId), sel.field);
  const entry = sel?.cellKey && st.cells.get(sel.cellKey);
  if (entry) return [st.page, entry.table.index, entry.cell.r, entry.cell.bbox.x0];
  return [st.page ?? 0, -1, -1, -1];
}

async function goFlagged(dir) {
  let items = flaggedItems();
  if (!items.length) {
    items = flaggedItems(true);
    if (!items.length) return toast('No values to check in this submission');
    toast('No open flags left: Tab walks every value');
  }
  const here = currentPos();
  const same = (x) => st.sel?.indId === x.ind.id && st.sel?.field === x.field;
  const next =
    dir > 0 ? (items.find((x) => cmp(x.pos, here) > 0 && !same(x)) ?? items[0]) : ([...items].reverse().find((x) => cmp(x.pos, here) < 0 && !same(x)) ?? items[items.length - 1]);
  if (next.page !== st.page) await loadPage(next.page, { select: { indId: next.ind.id, field: next.field } });
  else selectField(next.ind.id, next.field);
}

// -------------------------------------------------------------------------------------------- writes

async function save(raw, reason) {
  const sel = st.sel;
  if (!sel?.indId) return;
  const ind = st.byId.get(sel.indId);
  let r;
  try {
    r = await post(`/submissions/${st.id}/corrections`, { target: 'indicator', indicatorId: ind.id, field: sel.field, raw, ...(reason.trim() ? { reason } : {}) });
  } catch (err) {
    toast(err.message, 'error');
    return;
  }
  ind.fields[sel.field] = r.field;
  for (const fl of ind.flags) if (fl.field === sel.field) fl.resolved = true;
  if (r.parse.flags.includes('unparsed')) toast(`Saved, but “${raw}” does not read as a ${r.field.hint}: check it`, 'error');
  else toast(`${r.field.corrected ? 'Corrected' : 'Confirmed'} ${ind.indicatorCode} ${sel.field} = ${formatValue(r.field.value)}`);
  renderHeader();
  renderTabs();
  renderTables();
  renderOverlay();
  if (flaggedItems().length) await goFlagged(1);
  else {
    renderInspector();
    toast('All flags dealt with: Alt+R marks the submission reviewed, Alt+E exports it');
  }
}

async function saveSection() {
  const [section, subtype] = st.els.section.value.split('/');
  try {
    await post(`/submissions/${st.id}/corrections`, { target: 'page', page: st.page, section, subtype });
    const pages = await get(`/submissions/${st.id}/pages`);
    st.pages = pages.pages;
    st.sections = pages.sections;
    renderTabs();
    toast(`Page ${st.page} is now ${section} / ${subtype}`);
  } catch (err) {
    toast(err.message, 'error');
    renderTabs();
  }
}

/** Fetch the submission's state again after a change that moves flags (a sign-off, a revert) and redraw. */
async function reload() {
  const [detail, { indicators }] = await Promise.all([get(`/submissions/${st.id}`), get(`/submissions/${st.id}/indicators`)]);
  st.detail = detail;
  st.indicators = indicators;
  st.byId = new Map(indicators.map((i) => [i.id, i]));
  st.pageFlagsOpen = detail.counts.openFlags - openIndicatorFlags();
  renderHeader();
  renderTabs();
  renderTables();
  renderOverlay();
  if (st.sel?.indId) renderInspector();
}

async function toggleReviewed() {
  try {
    const r = await post(`/submissions/${st.id}/review`, { reviewed: !st.detail.review.reviewedAt });
    // signing off settles the flags no value correction can (a record's code, its activity)
    await reload();
    toast(r.reviewedAt ? `Marked reviewed by ${r.reviewedBy}` : 'Review mark removed');
  } catch (err) {
    toast(err.message, 'error');
  }
}

/** An admin undoes the correction the selected field shows (the revert is itself recorded). */
async function revertField(correction) {
  const reason = prompt(`Revert this correction by ${correction.who}? The field goes back to what it showed before. Reason (optional):`, '');
  if (reason === null) return;
  try {
    const r = await post(`/corrections/${correction.id}/revert`, reason.trim() ? { reason: reason.trim() } : {});
    await reload();
    toast(r.correction.restoresOcr ? 'Reverted: the field shows the OCR value again' : `Reverted to ${r.correction.newRaw ?? formatValue(r.correction.newValue)}`);
  } catch (err) {
    toast(err.message, 'error');
  }
}

document.addEventListener('keydown', (ev) => {
  if (!st || !document.contains(st.els.root)) return;
  const k = ev.key.toLowerCase();
  if (ev.altKey && k === 'r') toggleReviewed();
  else if (ev.altKey && k === 'e') window.open(`/api/submissions/${st.id}/export`, '_blank', 'noopener');
  else if (ev.altKey && k === 'm') document.getElementById('meta-first')?.focus();
  else if (ev.altKey && k === 's') st.els.section.focus();
  else if (ev.key === 'PageDown' || ev.key === 'PageUp') {
    const i = st.pages.findIndex((p) => p.page === st.page) + (ev.key === 'PageDown' ? 1 : -1);
    if (i < 0 || i >= st.pages.length) return;
    void loadPage(st.pages[i].page, { select: 'first' });
  } else return;
  ev.preventDefault();
});
