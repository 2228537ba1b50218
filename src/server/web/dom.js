// Small DOM helpers: elements are built with text nodes only (never innerHTML), so OCR text cannot inject markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';
export function s(tag, attrs = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  return el;
}

let toastTimer = 0;
export function toast(message, kind = 'info') {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.className = kind;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.hidden = true), kind === 'error' ? 6000 : 2500);
}

/** A value in the export's format, as a short readable string. */
export function formatValue(v) {
  if (v === null || v === undefined) return '— (blank)';
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  if (typeof v === 'object' && v.notApplicable) return 'প্রযোজ্য নয় (n/a)';
  if (typeof v === 'object' && 'count' in v && 'date' in v) return `${v.count} × ${v.date}`;
  if (typeof v === 'object' && 'fiscalYear' in v) return `${v.fiscalYear} Q${v.quarter ?? '?'}`;
  return JSON.stringify(v);
}
