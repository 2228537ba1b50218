// The analyst dashboard. Hash routes: #/coverage?division=&district=&fy=  ·  #/indicator?entry=&division=&district=&office=&fy=
// ·  #/office?office=&fy=&quarter=. Every chart is drawn from the rows the API returns, which its CSV/XLSX link downloads.
import { whenLoginNeeded } from './api.js';
import { h, toast } from './dom.js';
import { getLang, setLang, t } from './dashboard-i18n.js';
import { showCoverage } from './dashboard-coverage.js';
import { showIndicator } from './dashboard-indicator.js';
import { showOffice } from './dashboard-office.js';

const PAGES = { coverage: showCoverage, indicator: showIndicator, office: showOffice };

function current() {
  const m = /^#\/(\w+)(?:\?(.*))?$/.exec(location.hash);
  const page = m && PAGES[m[1]] ? m[1] : 'coverage';
  return { page, params: new URLSearchParams(m?.[2] ?? '') };
}

function chrome(page) {
  document.title = `${t('brand')} · ${t(page)}`;
  document.querySelector('#bar .brand').textContent = t('brand');
  document.getElementById('to-review').textContent = t('review');
  document.getElementById('lang').textContent = t('otherLang');
  document
    .getElementById('tabs')
    .replaceChildren(...Object.keys(PAGES).map((p) => h('a', { href: `#/${p}`, class: p === page ? 'tab current' : 'tab', 'aria-current': p === page ? 'page' : null }, t(p))));
}

let rendering = 0;
async function route() {
  const { page, params } = current();
  const mine = ++rendering;
  chrome(page);
  const main = document.getElementById('main');
  delete main.dataset.ready;
  main.replaceChildren(h('p', { class: 'muted' }, t('loading')));
  try {
    await PAGES[page](main, params, () => mine === rendering);
  } catch (e) {
    if (mine !== rendering) return;
    main.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
    toast(e.message, 'error');
  }
  if (mine === rendering) main.dataset.ready = page;
}

// with accounts, the dashboard is read behind the same login as the review app: log in there, then come back
whenLoginNeeded(() => location.assign('/'));
setLang(getLang());
document.getElementById('lang').addEventListener('click', () => {
  setLang(getLang() === 'bn' ? 'en' : 'bn');
  route();
});
window.addEventListener('hashchange', route);
route();
