// The audit (admins): corrections, reverts, reviewed marks, logins and account changes, newest first, each with
// who, how they were authenticated and when. The correction that a field shows now can be reverted from here;
// the revert is itself a correction and appears at the top.
import { get, post, session } from './api.js';
import { formatValue, h, toast } from './dom.js';

const KINDS = [
  ['', 'everything'],
  ['correction', 'corrections'],
  ['review', 'reviewed marks'],
  ['account', 'logins and accounts'],
];

const VIA = { session: 'login', token: 'script token', local: 'single-user', null: 'before accounts' };

export function describeTarget(c) {
  if (c.target === 'indicator') return `${c.indicatorCode}${c.occurrence > 1 ? ` (#${c.occurrence})` : ''} · ${c.field}`;
  if (c.target === 'page') return `page ${c.page} · section`;
  return `metadata · ${c.field}`;
}

const shown = (raw, value) => (raw != null && raw !== '' ? raw : formatValue(value));

export async function showAudit(main, params) {
  document.getElementById('crumbs').replaceChildren(h('a', { href: '#/' }, 'Queue'), ' › ', 'Audit');
  if (session.user?.role !== 'admin') {
    main.replaceChildren(h('p', { class: 'error' }, 'Only an admin sees the audit.'));
    return;
  }
  const filters = {
    kind: params.get('kind') || '',
    user: params.get('user') || '',
    submission: params.get('submission') || '',
    since: params.get('since') || '',
    until: params.get('until') || '',
  };
  const apply = () => {
    location.hash = `#/audit?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v))}`;
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
    h('label', {}, 'Show ', field('kind', h('select', { name: 'kind' }, KINDS.map(([v, t]) => h('option', { value: v }, t))))),
    h('label', {}, 'Who ', field('user', h('input', { name: 'user', placeholder: 'account name', size: 14 }))),
    h('label', {}, 'Submission ', field('submission', h('input', { name: 'submission', placeholder: 'id', size: 5 }))),
    h('label', {}, 'From ', field('since', h('input', { name: 'since', placeholder: '2026-01-31', size: 10 }))),
    h('label', {}, 'To ', field('until', h('input', { name: 'until', placeholder: '2026-02-28', size: 10 }))),
  );
  main.replaceChildren(h('section', { class: 'audit' }, form, h('p', { class: 'muted' }, 'Loading…')));
  let entries;
  try {
    entries = (await get('/audit', Object.fromEntries(Object.entries(filters).filter(([, v]) => v)))).entries;
  } catch (e) {
    main.querySelector('.audit p').textContent = e.message;
    return;
  }
  const rows = entries.map((e) => {
    const c = e.correction;
    let what = '';
    let change = '';
    let action = '';
    if (c) {
      what = describeTarget(c);
      change = h('span', {}, h('q', {}, shown(c.oldRaw, c.oldValue)), ' → ', c.restoresOcr ? h('span', {}, 'OCR ', h('q', {}, shown(c.newRaw, c.newValue))) : h('q', {}, shown(c.newRaw, c.newValue)));
      if (c.revertOf) what += ` · reverts #${c.revertOf}${c.restores ? `, back to #${c.restores}` : c.restoresOcr ? ', back to OCR' : ''}`;
      if (c.current) action = h('button', { type: 'button', class: 'revert', dataset: { id: c.id }, onclick: () => revert(c, main, params) }, 'Revert');
      else if (c.revertedBy) action = h('span', { class: 'muted' }, `reverted by #${c.revertedBy}`);
      else action = h('span', { class: 'muted' }, 'superseded');
    } else if (e.kind === 'review' || e.kind === 'unreview') {
      what = e.kind === 'review' ? 'marked reviewed' : 'review mark removed';
    } else if (e.account) {
      what = `${e.kind} · ${e.account.name}`;
      change = [e.account.detail, e.account.address].filter(Boolean).join(' · ');
    }
    const file = e.file ? (e.file.submissionId ? h('a', { href: `#/s/${e.file.submissionId}` }, e.file.fileName) : h('span', { class: 'muted' }, e.file.sha256.slice(0, 12))) : '';
    return h(
      'tr',
      { class: `k-${e.kind}` },
      h('td', { class: 'num' }, c ? `#${c.id}` : ''),
      h('td', {}, e.at.slice(0, 19).replace('T', ' ')),
      h('td', {}, h('b', {}, e.who), e.account ? '' : h('span', { class: 'muted' }, ` · ${VIA[e.via] ?? VIA.null}`)),
      h('td', {}, file),
      h('td', {}, what),
      h('td', {}, change),
      h('td', {}, c?.reason ?? ''),
      h('td', {}, action),
    );
  });
  const table = h(
    'table',
    { class: 'list audit-list' },
    h('thead', {}, h('tr', {}, ['#', 'when (UTC)', 'who', 'file', 'what', 'change', 'reason', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, rows),
  );
  main.replaceChildren(h('section', { class: 'audit' }, form, entries.length ? table : h('p', { class: 'muted' }, 'Nothing recorded matches.')));
}

async function revert(c, main, params) {
  const reason = prompt(`Revert correction #${c.id} (${describeTarget(c)})? Its field goes back to what it showed before. Reason (optional):`, '');
  if (reason === null) return;
  try {
    const r = await post(`/corrections/${c.id}/revert`, reason.trim() ? { reason: reason.trim() } : {});
    toast(`Reverted #${c.id}: ${describeTarget(c)} shows ${r.correction.restoresOcr ? 'the OCR value' : shown(r.correction.newRaw, r.correction.newValue)} again`);
    await showAudit(main, params);
  } catch (e) {
    toast(e.message, 'error');
  }
}
