// Joining a community in a real browser, on the demo association (seed
// 002's "Infra & Services": adherents in good standing, on request, with a
// charter): a member whose company has not paid is refused at once with the
// reason in words; an adherent asks, in English; the pilot accepts, in
// French; the newcomer is a member and was told by email.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, screenshot, startServer, waitForEmail } from './support.mjs';

const PASSWORD = 'demo-cercle-2026';

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

async function logIn(email) {
  await browser.context.clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel(/Adresse e-mail|Email address/).fill(email);
  await page.getByLabel(/Mot de passe|Password/).fill(PASSWORD);
  await page.getByRole('button', { name: /Se connecter|Log in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

test('an unpaid company is refused in words, an adherent asks and the pilot accepts', async (t) => {
  await t.test('Maëlle, whose company Acme has not paid, is refused at once', async () => {
    await logIn('maelle@demo.cercle.test');
    await page.goto(`${server.url}/c/infra-services`);
    await page.getByLabel(/Un mot pour les relecteurs/).fill('Je voudrais partager nos retours.');
    await page.getByLabel("J'ai lu et j'accepte la charte").check();
    await page.getByRole('button', { name: 'Rejoindre' }).click();
    const refusal = page.getByRole('alert');
    await refusal.getByText("Votre organisation Acme Infrastructures n'est pas à jour de sa cotisation.").waitFor();
    await screenshot(page, 'join-refused');
  });

  await t.test('Tomás, an adherent through Terranis, asks in English', async () => {
    await logIn('tomas@demo.cercle.test');
    await page.goto(`${server.url}/c/infra-services`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByLabel('Engagement').selectOption('regular');
    await page.getByLabel(/A word for the reviewers/).fill('I run the cluster of a small cooperative.');
    await page.getByLabel('I have read and accept the charter').check();
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByText('Your request is waiting for the reviewers.').waitFor();
    await screenshot(page, 'join-requested');
  });

  await t.test('Rozenn, the pilot, accepts it from the review queue', async () => {
    await logIn('rozenn@demo.cercle.test');
    await page.goto(`${server.url}/c/infra-services/requests`);
    const request = page.getByRole('article', { name: 'Tomás Ferreira' });
    await request.getByText('I run the cluster of a small cooperative.').waitFor();
    await request.getByLabel('Accepter').check();
    await request.getByLabel(/Message au demandeur/).fill('Bienvenue parmi nous !');
    await screenshot(page, 'join-review');
    await request.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.waitForURL(`${server.url}/c/infra-services/requests`);
    assert.equal(await page.getByRole('article', { name: 'Tomás Ferreira' }).count(), 0);
  });

  await t.test('Tomás is a member, and was told by email', async () => {
    const email = await waitForEmail(server.outbox, {
      to: 'tomas@demo.cercle.test',
      match: (e) => /Welcome to Infra & Services/.test(e.headers.subject || ''),
    });
    assert.match(email.body, /Bienvenue parmi nous !/);
    await logIn('tomas@demo.cercle.test');
    await page.goto(`${server.url}/c/infra-services`);
    await page.getByText('You are a member of this community.').waitFor();
    await page.getByRole('region', { name: 'Members' }).getByText('Tomás Ferreira').waitFor();
    await screenshot(page, 'join-member');
  });
});
