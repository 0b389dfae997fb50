// Events in a real browser, on the demo association: the Marketing group's
// seminar is full, Priya waits on its list (in English); Yann cancels his
// seat (in French) and Priya takes it at once, is told by email and now
// sees the event as registered; she cancels in turn and registers again.
// Then Tomás registers for the next Learning Path meeting, one occurrence
// of a weekly series.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, logIn as signIn, screenshot, startServer, waitForEmail } from './support.mjs';

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

const logIn = (email) => signIn({ browser, page, server }, email);

/** Opens an event from the calendar by its title. */
async function openEvent(title) {
  await page.goto(`${server.url}/events`);
  await page.getByRole('link', { name: title }).first().click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

test('a full seminar: waiting, promoted when a seat frees, cancelling and registering again', async (t) => {
  await t.test('Priya is on the waitlist of the full seminar', async () => {
    await logIn('priya@demo.cercle.test');
    await openEvent('Séminaire annuel InnerSource');
    await page.getByText('You are on the waitlist').waitFor();
    await page.getByText('Full: registrations go to the waitlist').waitFor();
    await screenshot(page, 'event-waitlisted');
  });

  await t.test('Yann cancels his seat', async () => {
    await logIn('yann@demo.cercle.test');
    await openEvent('Séminaire annuel InnerSource');
    await page.getByText('Vous êtes inscrit·e.').waitFor();
    await page.getByRole('button', { name: 'Annuler mon inscription' }).click();
    await page.getByText('Vous avez annulé votre inscription.').waitFor();
  });

  await t.test('Priya took the seat, and was told by email', async () => {
    // The subject is an RFC 2047 encoded word: the body says it in clear.
    const email = await waitForEmail(server.outbox, {
      to: 'priya@demo.cercle.test',
      match: (e) => /you were next on the waitlist/.test(e.body),
    });
    assert.match(email.body, /A seat freed up for Séminaire annuel InnerSource/);
    await logIn('priya@demo.cercle.test');
    await openEvent('Séminaire annuel InnerSource');
    await page.getByText('You are registered.').waitFor();
    await screenshot(page, 'event-promoted');
  });

  await t.test('Priya cancels, then registers again with a guest', async () => {
    await page.getByRole('button', { name: 'Cancel my registration' }).click();
    await page.getByText('You cancelled your registration.').waitFor();
    await page.getByLabel('Guests coming with you').selectOption('1');
    await page.getByLabel('Un régime alimentaire pour le déjeuner ?').fill('Végétarien');
    await page.getByRole('button', { name: 'Register' }).click();
    // Three seats: Rozenn, Maëlle, and now Priya with her guest is one too
    // many, so she waits again, first in line.
    await page.getByText('You are on the waitlist').waitFor();
  });
});

test('a weekly meeting takes registrations one occurrence at a time', async () => {
  await logIn('tomas@demo.cercle.test');
  await openEvent('Réunion du groupe Learning Path');
  await page.getByRole('heading', { name: 'Coming occurrences' }).waitFor();
  await page.getByText('(moved)').waitFor();
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByText('You are registered.').waitFor();
  assert.match(page.url(), /\?occurrence=\d+$/);
  await screenshot(page, 'event-series');
});
