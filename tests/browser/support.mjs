// Shared helpers for the browser journeys: run an already-built `cercle`
// binary on a free port with a fresh data directory, read the emails it
// writes to its outbox, drive Debian's Chromium, and save screenshots.
//
// Nothing here builds or downloads anything: the binary must be built
// (`cargo build -p cercle`) and Chromium installed (`apt-get install chromium`).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { chromium } from 'playwright-core';
import PostalMime from 'postal-mime';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root: this file lives in `tests/browser/`. */
export const repoRoot = resolve(here, '..', '..');

/** Where screenshots go; `artifacts/` is not committed. */
export const screenshotDir = join(repoRoot, 'artifacts', 'screenshots');

/** Debian's Chromium; never a browser downloaded by Playwright. */
export const chromiumPath = '/usr/bin/chromium';

/** How long the server has to exit after SIGTERM. */
export const SHUTDOWN_LIMIT_MS = 10_000;

/**
 * The `cercle` binary to test: `$CERCLE_BIN`, else
 * `${CARGO_TARGET_DIR:-$HOME/cercle-target}/debug/cercle`. Throws with the
 * command that builds it when it is missing.
 */
export function cercleBinary() {
  const targetDir = process.env.CARGO_TARGET_DIR || join(homedir(), 'cercle-target');
  const binary = process.env.CERCLE_BIN || join(targetDir, 'debug', 'cercle');
  if (!existsSync(binary)) {
    throw new Error(
      `The cercle binary is missing at ${binary}. These tests build nothing: ` +
        `build it first with \`CARGO_TARGET_DIR=${targetDir} cargo build -p cercle\` ` +
        `from the repository root, or point CERCLE_BIN at a built binary.`,
    );
  }
  return binary;
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts `cercle serve` (or, with `demo`, `cercle demo`, filled with the demo
 * association) on a free port with a new temporary data directory (SQLite
 * and the email outbox live there), and waits for `GET /healthz` to answer
 * 200. Returns a handle whose `stop()` sends SIGTERM and reports how
 * the process ended.
 */
export async function startServer({ readyTimeoutMs = 30_000, demo = false } = {}) {
  const binary = cercleBinary();
  const dataDir = await mkdtemp(join(tmpdir(), 'cercle-browser-data-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  // Only the flags configure the server: drop any CERCLE_* setting (database
  // URL, SMTP, config file…) this shell happens to carry.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('CERCLE_')),
  );
  env.NO_COLOR = '1';
  // The journeys look at each change from a visitor's side at once, sooner
  // than the anonymous cache's two seconds would show it.
  env.CERCLE_ANONYMOUS_CACHE_SECONDS = '0';

  const child = spawn(
    binary,
    [demo ? 'demo' : 'serve', '--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, '--base-url', url],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
  });
  let exit = null;
  exited.then((result) => (exit = result));
  const spawnError = new Promise((resolveError) => child.once('error', resolveError));

  const server = {
    url,
    port,
    dataDir,
    outbox: join(dataDir, 'outbox'),
    process: child,
    log: () => log,
    get running() {
      return exit === null;
    },
    /**
     * SIGTERM, then waits up to SHUTDOWN_LIMIT_MS for the process to exit.
     * Resolves to `{ code, signal, ms, timedOut }`; a server still running
     * after the limit is killed with SIGKILL and reported as `timedOut`.
     */
    async stop() {
      if (exit !== null) return { ...exit, ms: 0, timedOut: false };
      const started = Date.now();
      child.kill('SIGTERM');
      const outcome = await Promise.race([
        exited.then((result) => ({ ...result, timedOut: false })),
        sleep(SHUTDOWN_LIMIT_MS).then(() => ({ timedOut: true })),
      ]);
      const ms = Date.now() - started;
      if (outcome.timedOut) {
        child.kill('SIGKILL');
        const killed = await exited;
        return { ...killed, ms, timedOut: true };
      }
      return { ...outcome, ms };
    },
    /** Stops the server if needed and removes its data directory. */
    async dispose() {
      if (exit === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    const failure = await Promise.race([
      spawnError.then((error) => `could not start ${binary}: ${error.message}`),
      exited.then(({ code, signal }) => `exited early (code ${code}, signal ${signal})`),
      sleep(100).then(() => null),
    ]);
    if (failure) {
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`cercle serve ${failure}. Its output:\n${log}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { redirect: 'manual' });
      if (response.status === 200) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await server.dispose();
      throw new Error(`cercle serve did not answer /healthz within ${readyTimeoutMs} ms. Its output:\n${log}`);
    }
  }
}

/**
 * Reads an `.eml` through a MIME parser: lower-cased headers, the subject
 * decoded, the text part, and the attachments (such as a calendar object).
 */
export async function parseEmail(raw) {
  const email = await PostalMime.parse(raw);
  const headers = {};
  for (const { key, value } of email.headers) headers[key.toLowerCase()] = value;
  headers.subject = email.subject ?? headers.subject;
  return { headers, body: email.text ?? '', attachments: email.attachments, raw };
}

/** Every complete email in an outbox folder (half-written ones are skipped). */
export async function readOutbox(outbox) {
  let names;
  try {
    names = await readdir(outbox);
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  const emails = [];
  for (const name of names.filter((n) => n.endsWith('.eml')).sort()) {
    const email = await parseEmail(await readFile(join(outbox, name), 'utf8'));
    emails.push({ file: name, ...email });
  }
  return emails;
}

/**
 * Waits (polling) for an email to `to` in the outbox, `match` optionally
 * narrowing it down; fails after `timeoutMs` listing what did arrive.
 */
export async function waitForEmail(outbox, { to, match = () => true, timeoutMs = 10_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await readOutbox(outbox);
    const found = emails.find(
      (email) => (!to || (email.headers.to || '').toLowerCase().includes(to.toLowerCase())) && match(email),
    );
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = emails.map((e) => `${e.file} to ${e.headers.to}: ${e.headers.subject}`).join('\n  ');
      throw new Error(`No email to ${to} in ${outbox} after ${timeoutMs} ms. Found:\n  ${seen || '(none)'}`);
    }
    await sleep(200);
  }
}

/** The first link to `/confirm/<token>` in a text. */
export function confirmLink(text) {
  const link = text.match(/https?:\/\/[^\s<>"]+\/confirm\/[A-Za-z0-9_\-]+/);
  if (!link) throw new Error(`No /confirm/ link in this email:\n${text}`);
  return link[0];
}

/**
 * Launches Debian's headless Chromium with a fresh profile in a temporary
 * folder. Fails (never skips) when Chromium is not installed. `bypassCSP`
 * lets a test inject its own script (axe-core) past the pages' CSP.
 */
export async function launchBrowser({ bypassCSP = false } = {}) {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}. These tests never download a browser: ` +
        'install Debian\'s with `apt-get install -y chromium chromium-driver`.',
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'cercle-browser-profile-'));
  // launchPersistentContext passes `--user-data-dir=<profile>` itself.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
    locale: 'fr-FR',
    bypassCSP,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page PNG as `artifacts/screenshots/<name>.png`. */
export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Signs `email` in on `page`, after clearing the cookies of `browser` so
 * that no earlier session lingers; waits until the log-in page is left.
 */
export async function logIn({ browser, page, server }, email, password = 'demo-cercle-2026') {
  await browser.context.clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel(/Adresse e-mail|Email address/).fill(email);
  await page.getByLabel(/Mot de passe|Password/).fill(password);
  await page.getByRole('button', { name: /Se connecter|Log in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
