/**
 * The review app in a real headless Chromium (the binary ships inside the @sparticuz/chromium npm package, so
 * nothing is downloaded): log in as a reviewer, open the flagged sample from the queue, check the value against
 * its crop, correct it with the keyboard only, and find the correction, under the reviewer's account name, in
 * the JSON export. The page must run under its Content-Security-Policy without a single violation.
 * REVIEW_SCREENSHOT=docs/review-page.png also saves the page view there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { parseCellValue } from '../../pipeline/normalise/index.js';
import { createUser } from '../../db/accounts.js';
import { PasswordHasher } from '../../src/server/passwords.js';
import { startReviewServer, type RunningServer } from '../../src/server/cli.js';
import { MISREADS } from './fixture.js';
import { buildTruthDb } from './truthDb.js';

let server: RunningServer;
let browser: Browser;
let page: Page;
let dispose: (() => void) | undefined;
const reviewer = { name: 'Nasrin Akter', password: 'a long reviewer passphrase' };
const admin = { name: 'Ayesha', password: 'a long admin passphrase' };
// the test reads the API as a script would, with the shared token
const token = 'browser-test-token-0123456789';
const consoleLines: string[] = [];

beforeAll(async () => {
  const t = await buildTruthDb({ misreads: MISREADS });
  // a cheap scrypt cost keeps the test quick; the server verifies with the cost stored in the hash
  const cheap = new PasswordHasher({ logN: 12, r: 8, p: 1 });
  createUser(t.db, { name: reviewer.name, role: 'reviewer', passwordHash: await cheap.hash(reviewer.password), by: 'test' });
  createUser(t.db, { name: admin.name, role: 'admin', passwordHash: await cheap.hash(admin.password), by: 'test' });
  t.db.close();
  dispose = t.dispose;
  server = await startReviewServer({ db: t.file, host: '127.0.0.1', port: 0, token });
  browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => process.stderr.write(`browser page error: ${e.message}\n`));
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  // every CSP violation is also an event on the document; collect them from the very start of each page
  await page.addInitScript({
    content: "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  dispose?.();
});

const api = async (p: string) => (await fetch(new URL(`api/${p}`, server.url), { headers: { authorization: `Bearer ${token}` } })).json() as Promise<any>;

describe('review page in a browser', () => {
  it('logs in, finds a flagged value, shows its crop, takes a keyboard correction under the reviewer’s name and exports it', async () => {
    const m = MISREADS[0]!; // the first flagged value in page order
    // with accounts, the API answers nobody who has not logged in
    expect((await fetch(new URL('api/submissions', server.url))).status).toBe(401);
    const queue = (await api('submissions')).submissions;
    const target = queue[0];
    expect(target.fileName).toBe(`${m.id}.pdf`);

    await page.goto(server.url);
    // the login form first; a wrong password is refused on the page
    await page.locator('#login-name').fill(reviewer.name);
    await page.locator('#login-password').fill('not the password at all');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#login-error')).toMatch(/wrong name or password/);
    await page.locator('#login-password').fill(reviewer.password);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#who')).toBe(reviewer.name);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'apa-session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // the queue: most flags first, first row focused; Enter opens it
    await expect.poll(() => page.locator('table.list tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.locator('table.list tbody tr').first().focus();
    await page.keyboard.press('Enter');

    // opens on the first flagged value, its crop beside the OCR reading, the value box focused
    const what = page.locator('.inspector .what');
    await expect.poll(() => what.textContent(), { timeout: 20_000 }).toContain(m.indicatorCode);
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('value');
    expect(await page.inputValue('#value')).toBe(m.text);
    await expect
      .poll(() => page.evaluate<number>("document.querySelector('img.crop')?.naturalWidth ?? 0"), { timeout: 20_000 })
      .toBeGreaterThan(20);
    // the scan behind the overlay has rendered
    await expect.poll(() => page.evaluate<number>("document.querySelector('.scan-inner img').naturalWidth"), { timeout: 20_000 }).toBeGreaterThan(1000);

    // Tab goes to the next flagged value, Shift+Tab back
    await page.keyboard.press('Tab');
    await expect.poll(() => what.textContent()).toContain(MISREADS[1]!.indicatorCode);
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => what.textContent()).toContain(m.indicatorCode);

    // type the value as printed, in Bangla digits (the box's text is selected, so typing replaces it)
    const typed = '১টি ০৩-০৩-২০২৩';
    await page.keyboard.type(typed);
    const expected = parseCellValue(typed, 'date').value as { count: number; date: string };
    await expect.poll(() => page.textContent('#preview')).toContain(expected.date);
    if (process.env.REVIEW_SCREENSHOT) {
      fs.mkdirSync(path.dirname(process.env.REVIEW_SCREENSHOT), { recursive: true });
      await page.screenshot({ path: process.env.REVIEW_SCREENSHOT });
    }
    await page.keyboard.press('Enter');
    // saved: the cell turns "corrected" and the selection moves on to the next flagged value
    await expect.poll(() => page.locator('table.recon td.fixed').count()).toBe(1);
    await expect.poll(() => what.textContent()).toContain(MISREADS[1]!.indicatorCode);
    await page.screenshot({ path: path.join(os.tmpdir(), 'apa-review-page.png') });

    const exp = await api(`submissions/${target.id}/export`);
    const rec = exp.pages.flatMap((p: any) => p.tables).flatMap((t: any) => t.indicators).find((i: any) => i.indicatorCode === m.indicatorCode);
    expect(rec[m.field]).toMatchObject({ value: expected, raw: typed, corrected: true });
    expect(rec[m.field].correction).toMatchObject({ who: reviewer.name, ocrRaw: m.text });
    const history = (await api(`submissions/${target.id}/corrections`)).corrections;
    expect(history.at(-1)).toMatchObject({ who: reviewer.name, via: 'session', newRaw: typed });
    expect(history.at(-1).userId).toBeGreaterThan(0);

    // Alt+R marks the submission reviewed
    await page.keyboard.press('Alt+r');
    await expect.poll(async () => (await api(`submissions/${target.id}`)).review.reviewedBy).toBe(reviewer.name);

    // clicking a value's box on the scan shows that value and its crop
    const cropBefore = await page.getAttribute('img.crop', 'src');
    const box = page.locator('svg.overlay rect.value:not(.selected)').first();
    const key = await box.getAttribute('data-cell');
    await box.click();
    await expect.poll(() => page.getAttribute('img.crop', 'src')).not.toBe(cropBefore);
    expect(await page.locator(`table.recon td.selected[data-cell="${key}"]`).count()).toBe(1);

    // a reviewer sees no audit; logging out brings the login form back and the session no longer works
    expect(await page.locator('#audit-link').count()).toBe(0);
    await page.locator('#logout').click();
    await expect.poll(() => page.locator('#login-name').count()).toBe(1);
    const status = await page.evaluate<number>("fetch('/api/submissions').then((r) => r.status)");
    expect(status).toBe(401);

    // an admin finds the reviewer's correction in the audit and reverts it: the field shows the OCR value again
    await page.locator('#login-name').fill(admin.name);
    await page.locator('#login-password').fill(admin.password);
    await page.keyboard.press('Enter');
    await page.locator('#audit-link').click();
    const row = page.locator('table.audit-list tr.k-correction', { hasText: reviewer.name }).filter({ hasText: `${m.indicatorCode} · ${m.field}` });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    page.once('dialog', (d) => void d.accept('checked against the scan again'));
    await row.locator('button.revert').click();
    await expect.poll(() => page.locator('table.audit-list tr.k-revert', { hasText: admin.name }).count(), { timeout: 20_000 }).toBe(1);
    const after = (await api(`submissions/${target.id}/corrections`)).corrections.at(-1);
    expect(after).toMatchObject({ who: admin.name, via: 'session', revertOf: history.at(-1).id, restoresOcr: true, reason: 'checked against the scan again' });
    const reverted = (await api(`submissions/${target.id}/indicators`)).indicators.find((i: any) => i.indicatorCode === m.indicatorCode);
    expect(reverted.fields[m.field]).toMatchObject({ raw: m.text, corrected: false, correction: null });

    // the page ran under its Content-Security-Policy without one violation
    expect(await page.evaluate<string[]>('window.cspViolations')).toEqual([]);
    expect(consoleLines.filter((l) => /Content Security Policy|Refused to/i.test(l))).toEqual([]);
    // …and a violation would have been seen: an inline style is refused and reported
    await page.evaluate("document.body.setAttribute('style', 'color: red')");
    await expect.poll(() => page.evaluate<string[]>('window.cspViolations')).toEqual([expect.stringMatching(/^style-src/)]);
  }, 90_000);
});
