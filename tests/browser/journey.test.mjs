// The first journey through a fresh instance, in a real browser: set up the
// instance, sign a member up, confirm their address from the email, log in
// (wrongly, then rightly), look at the account, log out. French throughout,
// the language chosen at setup.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  confirmLink,
  launchBrowser,
  screenshot,
  SHUTDOWN_LIMIT_MS,
  startServer,
  waitForEmail,
} from './support.mjs';

const ADMIN = { name: 'Camille Admin', email: 'camille@example.org', password: 'admin-passphrase-1' };
const MEMBER = { name: 'Zoé Membre', email: 'zoe@example.org', password: 'member-passphrase-2' };
const ASSOCIATION = 'Les Amis du Jardin';

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

after(async () => {
  // A safety net: the last test stops the server and checks how it exited.
  await browser?.close();
  await server?.dispose();
});

/** The path of the page on show, with its query. */
function where() {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** The trimmed text of the page's only `<h1>`. */
async function heading() {
  return (await page.locator('h1').innerText()).trim();
}

/** Clicks the header's log-out button and checks the session is gone. */
async function logOut() {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL(`${server.url}/`);
  await page.getByRole('navigation').getByRole('link', { name: 'Se connecter' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Se déconnecter' }).count(), 0);
}

test('an admin sets up the instance, and a member signs up, confirms and logs in', async (t) => {
  // Each step builds on the one before: after a failure, the rest are
  // reported as skipped for that reason (the test itself has failed).
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

  await step('set up the instance, then log out', async () => {
    await page.goto(`${server.url}/`);
    assert.equal(where(), '/setup', 'an empty instance sends every page to /setup');
    assert.equal(await heading(), 'Configurer votre instance');

    await page.getByLabel("Nom de l'association").fill(ASSOCIATION);
    await page.getByLabel('Langue par défaut').selectOption('fr');
    await page.getByLabel('Couleur du thème').fill('#009e89');
    await page.getByLabel('Votre nom').fill(ADMIN.name);
    await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await screenshot(page, 'setup');
    await page.getByRole('button', { name: "Créer l'instance" }).click();

    await page.waitForURL(`${server.url}/`);
    assert.equal(await heading(), ASSOCIATION);
    await page.getByText(`Bon retour parmi nous, ${ADMIN.name}.`).waitFor();
    await page.getByRole('link', { name: `Mon compte (${ADMIN.name})` }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.match(await page.title(), new RegExp(`${ASSOCIATION}$`));
    await screenshot(page, 'home');

    await logOut();
    await page.getByText('Bienvenue !').waitFor();
    await screenshot(page, 'home-anonymous');
  });

  await step('sign up a member', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Créer un compte' }).click();
    await page.waitForURL(`${server.url}/signup`);
    assert.equal(await heading(), 'Créer un compte');

    await page.getByLabel('Votre nom').fill(MEMBER.name);
    await page.getByLabel('Adresse e-mail').fill(MEMBER.email);
    await page.getByLabel('Mot de passe').fill(MEMBER.password);
    await screenshot(page, 'signup');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    await page.getByRole('heading', { level: 1, name: 'Consultez votre boîte de réception' }).waitFor();
    await page.getByRole('status').getByText('Si cette adresse peut être utilisée').waitFor();
    await screenshot(page, 'notice');
  });

  await step('confirm the address from the emailed link', async () => {
    const email = await waitForEmail(server.outbox, { to: MEMBER.email, timeoutMs: 10_000 });
    assert.equal(email.headers.subject, `Confirmez votre adresse pour ${ASSOCIATION}`);
    assert.match(email.body, /a créé un compte avec cette adresse/, 'the body decodes to UTF-8 French');
    const link = confirmLink(email.body);
    assert.ok(link.startsWith(`${server.url}/confirm/`), `the link ${link} uses the base URL`);

    await page.goto(link);
    assert.equal(await heading(), 'Adresse confirmée');
    await page.getByText('Votre adresse e-mail est confirmée.').waitFor();
    await screenshot(page, 'confirm');
  });

  await step('a wrong password is refused next to the form', async () => {
    await page.getByRole('main').getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL(`${server.url}/login`);
    assert.equal(await heading(), 'Se connecter');
    await screenshot(page, 'login');

    await page.getByLabel('Adresse e-mail').fill(MEMBER.email);
    await page.getByLabel('Mot de passe').fill('not-the-right-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();

    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.innerText()).trim(), 'Adresse e-mail ou mot de passe incorrect.');
    assert.equal(where(), '/login');
    assert.equal(await page.getByLabel('Adresse e-mail').inputValue(), MEMBER.email, 'the email is kept');
    assert.equal(await page.getByLabel('Mot de passe').inputValue(), '', 'the password is not echoed');
    await screenshot(page, 'login-error');
  });

  await step('log in to the home, see the account, log out', async () => {
    await page.getByLabel('Adresse e-mail').fill(MEMBER.email);
    await page.getByLabel('Mot de passe').fill(MEMBER.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await page.waitForURL(`${server.url}/home`);
    assert.equal(await heading(), 'Mon espace', 'log-in lands on the member\'s home');
    await page.getByText(`Bon retour parmi nous, ${MEMBER.name}.`).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: `Mon compte (${MEMBER.name})` }).click();
    await page.waitForURL(`${server.url}/account`);
    assert.equal(await heading(), 'Mon compte');
    const profile = page.getByRole('region', { name: 'Profil' });
    await profile.getByRole('cell', { name: MEMBER.email, exact: true }).waitFor();
    await profile.getByRole('cell', { name: MEMBER.name, exact: true }).waitFor();
    await screenshot(page, 'account');

    await logOut();
    await page.goto(`${server.url}/account`);
    assert.match(where(), /^\/login(\?|$)/, `after logging out /account sends to /login, not ${where()}`);
    assert.equal(await heading(), 'Se connecter');
  });
});

test('an unknown page shows the 404 error page', async () => {
  const response = await page.goto(`${server.url}/nope`);
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { level: 1, name: /Un problème est survenu/ }).waitFor();
  await page.getByRole('alert').getByText("Cette page n'existe pas, ou vous ne pouvez pas la voir.").waitFor();
  await page.getByRole('link', { name: "Retour à l'accueil" }).waitFor();
  await screenshot(page, 'error-404');
});

test('the server shuts down cleanly on SIGTERM', async (t) => {
  await browser.close();
  browser = null;
  const outcome = await server.stop();
  t.diagnostic(`exited ${outcome.ms} ms after SIGTERM (code ${outcome.code}, signal ${outcome.signal})`);
  assert.equal(outcome.timedOut, false, `still running ${SHUTDOWN_LIMIT_MS} ms after SIGTERM:\n${server.log()}`);
  assert.deepEqual(
    { code: outcome.code, signal: outcome.signal },
    { code: 0, signal: null },
    `cercle serve should exit 0 on SIGTERM. Its output:\n${server.log()}`,
  );
  assert.match(server.log(), /shutting down/);
});
