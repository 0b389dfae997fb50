// What a visitor does on the demo association's public site, in a real
// browser: reads the home page in French, then in English; subscribes to
// the newsletter and confirms from the email; asks to have their
// organisation listed among the adopters, with a logo, and a moderator
// approves it before it shows.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, screenshot, startServer, waitForEmail } from './support.mjs';

const PASSWORD = 'demo-cercle-2026';
const MODERATOR = 'priya@demo.cercle.test';

/** A 2×2 PNG, small enough to be a logo and real enough to be read. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNgYGD4z8DAwMDAwMDAAAANAAH/3jV0EQAAAABJRU5ErkJggg==',
  'base64',
);

let server;
let browser;
let page;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

test('a visitor reads the home page in French, then in English', async () => {
  await page.goto(`${server.url}/`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  await page.getByText('Bienvenue sur la page de la communauté').waitFor();
  await screenshot(page, 'outreach-home-fr');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForURL(`${server.url}/`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByText('Welcome to the community page').waitFor();
  await screenshot(page, 'outreach-home-en');
  await page.getByRole('button', { name: 'Français' }).click();
  await page.waitForURL(`${server.url}/`);
});

test('a visitor subscribes to the newsletter and confirms from the email', async () => {
  const address = 'lecteur@example.org';
  await page.goto(`${server.url}/newsletter`);
  await page.getByLabel('Adresse e-mail').fill(address);
  await screenshot(page, 'outreach-newsletter');
  await page.getByRole('button', { name: "M'abonner" }).click();
  await page.getByText('Rien n\'est envoyé avant votre confirmation.').waitFor();

  const email = await waitForEmail(server.outbox, { to: address });
  const link = email.body.match(/https?:\/\/\S+\/newsletter\/confirm\/[A-Za-z0-9_-]+/);
  assert.ok(link, `a confirmation link in:\n${email.body}`);
  await page.goto(link[0]);
  await page.getByRole('heading', { level: 1, name: 'Confirmez votre abonnement' }).waitFor();
  await page.getByRole('button', { name: 'Confirmer mon abonnement' }).click();
  await page.getByText(/Vous êtes abonné·e à : /).waitFor();
  await screenshot(page, 'outreach-newsletter-confirmed');
});

test('a visitor asks to be listed as an adopter, and shows once a moderator approves', async () => {
  const name = 'Coopérative des Cartographes';
  await page.goto(`${server.url}/who-uses-it/ask`);
  await page.getByLabel("Nom de l'organisation").fill(name);
  await page.getByLabel('Ce que vous en faites').fill('Nous publions nos cartes avec la communauté.');
  await page.getByLabel('Site web').fill('https://cartographes.example.org');
  await page.getByLabel(/Votre adresse e-mail/).fill('contact@cartographes.example.org');
  await page.getByLabel(/^Logo/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await screenshot(page, 'outreach-ask');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await page.getByText('Une personne de la modération examinera votre demande').waitFor();

  await page.goto(`${server.url}/who-uses-it`);
  assert.equal(await page.getByText(name).count(), 0, 'nothing shows before a moderator approves');

  await page.goto(`${server.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(MODERATOR);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: /Log in|Se connecter/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${server.url}/moderation/adopters`);
  const waiting = page.getByRole('article').filter({ hasText: name });
  await waiting.waitFor();
  await screenshot(page, 'outreach-moderation');
  await waiting.getByRole('button', { name: /Approve|Approuver/ }).click();
  await page.waitForURL(`${server.url}/moderation/adopters`);

  await browser.context.clearCookies();
  await page.goto(`${server.url}/who-uses-it`);
  await page.getByText(name).first().waitFor();
  const logo = page.locator(`img[alt*="${name}"]`);
  assert.equal(await logo.count(), 1, 'the approved logo shows');
  assert.ok(await logo.evaluate((img) => img.complete && img.naturalWidth === 2), 'the logo is served');
  await screenshot(page, 'outreach-adopters');
});
