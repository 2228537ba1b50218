// Entry point: hash routes  #/ (queue)  ·  #/s/<id> (first page with an open flag)  ·  #/s/<id>/p/<page>.
import { takeTokenFromHash } from './api.js';
import { reviewerInput } from './dom.js';
import { showQueue } from './queue.js';
import { showReview } from './review.js';

const WHO_KEY = 'apa-review-who';

function route() {
  const main = document.getElementById('main');
  const m = /^#\/s\/(\d+)(?:\/p\/(\d+))?/.exec(location.hash);
  if (m) return showReview(main, Number(m[1]), m[2] ? Number(m[2]) : null);
  const q = /^#\/\?(.*)$/.exec(location.hash);
  return showQueue(main, new URLSearchParams(q ? q[1] : ''));
}

takeTokenFromHash();
const who = reviewerInput();
who.value = localStorage.getItem(WHO_KEY) || '';
who.addEventListener('change', () => localStorage.setItem(WHO_KEY, who.value.trim()));
who.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter') return;
  localStorage.setItem(WHO_KEY, who.value.trim());
  // back to the value being corrected, if there is one
  document.getElementById('value')?.focus();
});
document.addEventListener('keydown', (e) => {
  if (e.altKey && (e.key === 'q' || e.key === 'Q')) {
    e.preventDefault();
    location.hash = '#/';
  }
});
window.addEventListener('hashchange', route);
route();
