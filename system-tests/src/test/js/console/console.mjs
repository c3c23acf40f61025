// The operator console in Debian's headless Chromium (playwright-core), against a running stack: sign in
// through the local issuer, find the dead letter of a write the org refused, fix the cause, replay it and
// see it delivered; pause and resume delivery; watch a restore to its end; and a token without
// governor:admin sees nothing. Run by ConsoleBrowserIT, which starts the stack, archives the restore's
// source topic and passes what it knows in the environment. Exits non-zero on the first failed step.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `${name} is not set`);
  return value;
};
const INGRESS = env('CONSOLE_INGRESS_URL');
const SIMULATOR = env('CONSOLE_SIMULATOR_URL');
const WRITER_TOKEN = env('CONSOLE_WRITER_TOKEN');
const READER_TOKEN = env('CONSOLE_READER_TOKEN');
const RESTORE_SOURCE = env('CONSOLE_RESTORE_SOURCE');
const RESTORE_TARGET = env('CONSOLE_RESTORE_TARGET');
const RESTORE_RECORDS = Number(env('CONSOLE_RESTORE_RECORDS'));
const SCREENSHOTS = env('CONSOLE_SCREENSHOTS');
const CHROMIUM = process.env.CONSOLE_CHROMIUM ?? '/usr/bin/chromium';
const RUN = randomUUID().slice(0, 8);
const UNIQUE_FIELD = 'Console_Tax_Id__c';
const WAIT = { timeout: 60_000 };

mkdirSync(SCREENSHOTS, { recursive: true });

function step(name) {
  console.log(`step: ${name}`);
}

async function json(response, what) {
  const text = await response.text();
  assert.ok(response.ok, `${what} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * A record write through the ingress, as a caller makes it; answers its tracking id. Right after the field
 * is added the ingress may still describe Account without it (it describes again at most so often), and
 * refuses the write at the door: then the caller tries again, as one would.
 */
async function write(externalId, fields) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${INGRESS}/v1/records/Account`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${WRITER_TOKEN}`,
        'Idempotency-Key': randomUUID(),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ externalIdField: 'External_Id__c', externalId, fields }),
    });
    const text = await response.text();
    if (response.status === 400 && text.includes(`has no field named ${UNIQUE_FIELD}`) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    assert.equal(response.status, 202, `writing ${externalId}: ${text}`);
    return JSON.parse(text).trackingId;
  }
}

async function statusOf(trackingId) {
  return json(await fetch(`${INGRESS}/v1/records/${trackingId}`, {
    headers: { Authorization: `Bearer ${WRITER_TOKEN}` },
  }), `status of ${trackingId}`);
}

async function until(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Waits until every write of `trackingIds` has `status`. */
async function untilAll(what, trackingIds, status) {
  await until(what, async () => {
    const statuses = await Promise.all(trackingIds.map(statusOf));
    return statuses.every((s) => s.status === status);
  });
}

async function orgRecord(externalId) {
  const response = await fetch(`${SIMULATOR}/simulator/records/Account/External_Id__c/${externalId}`);
  return response.ok ? response.json() : null;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      console.log(`page console: ${message.text()}`);
    }
  });

  step('signing in through the local issuer (authorization code with PKCE)');
  await page.goto(`${INGRESS}/console/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor(WAIT);
  assert.equal(await page.locator('.who strong').textContent(), 'console-operator');
  assert.ok(!page.url().includes('code='), 'the sign-in code is taken out of the address');
  await page.locator('#delivery-state').getByText('Delivering').waitFor(WAIT);
  await page.locator('#backlog').getByText(/^\d+$/).waitFor(WAIT);
  await page.locator('#intake-rate').getByText(/^\d+\.\d writes\/s$/).waitFor({ timeout: 30_000 });
  await page.getByText(/subscription\(s\)\s+relayed/).waitFor(WAIT);
  await page.getByText(/Platform Events\s+published/).waitFor(WAIT);
  for (const dead of ['Dead letters', 'Dead events']) {
    await page.getByRole('region', { name: dead }).locator('.figure a').getByText(/^\d+( or more)?$/).waitFor(WAIT);
  }
  await page.screenshot({ path: `${SCREENSHOTS}/overview.png`, fullPage: true });

  step('a write the org refuses: a unique field whose value another record holds');
  const added = await fetch(`${SIMULATOR}/simulator/org/objects/Account/fields`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: UNIQUE_FIELD, type: 'string', length: 20, unique: true }),
  });
  const addedText = await added.text();
  assert.ok(added.ok || addedText.includes('already has a field'), `adding the field: ${added.status} ${addedText}`);
  const taken = `T-${RUN}`;
  const holder = await write(`holder-${RUN}`, { Name: `Holder ${RUN}`, [UNIQUE_FIELD]: taken });
  await untilAll('the holder delivered', [holder], 'DELIVERED');
  const refused = await write(`refused-${RUN}`, { Name: `Refused ${RUN}`, [UNIQUE_FIELD]: taken });
  await untilAll('the refused write dead-lettered', [refused], 'DEAD_LETTERED');

  step('finding its dead letter by error code and object');
  await page.getByRole('link', { name: 'Dead letters' }).click();
  await page.getByLabel('Object').fill('account');
  await page.getByLabel('Error code').fill('DUPLICATE_VALUE');
  await page.getByRole('button', { name: 'Filter' }).click();
  const row = page.locator('tbody tr', { hasText: `refused-${RUN}` });
  await row.waitFor(WAIT);
  await row.locator('summary').click();
  const said = await row.textContent();
  assert.ok(said.includes(`duplicate value found: ${UNIQUE_FIELD}`), `Salesforce's error is shown: ${said}`);
  assert.ok(said.includes(`"Name": "Refused ${RUN}"`), `the record is shown: ${said}`);
  await page.screenshot({ path: `${SCREENSHOTS}/dead-letters.png`, fullPage: true });

  step('fixing the cause: the holder lets the value go');
  const freed = await write(`holder-${RUN}`, { [UNIQUE_FIELD]: `${taken}-old` });
  await untilAll('the holder changed', [freed], 'DELIVERED');

  step('replaying the dead letter, with a confirmation');
  await row.getByRole('button', { name: 'Replay' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor(WAIT);
  assert.ok((await dialog.textContent()).includes('1 record write(s)'), 'the confirmation says how many');
  await dialog.getByRole('button', { name: 'Replay 1' }).click();
  await page.locator('#dead-letter-message').getByText('Replayed 1 dead letter(s).').waitFor(WAIT);

  step('seeing it delivered on its request page');
  await page.goto(`${INGRESS}/console/#/requests/${encodeURIComponent(refused)}`);
  await page.locator('#request-status dd').first().getByText('DELIVERED').waitFor(WAIT);
  const record = await until('the record in the org', () => orgRecord(`refused-${RUN}`));
  assert.equal(record[UNIQUE_FIELD] ?? record.fields?.[UNIQUE_FIELD], taken, 'the org holds the replayed write');
  await page.locator('#request-status .history li').last().getByText('DELIVERED').waitFor(WAIT);
  const passed = await page.locator('#request-status .history li').allTextContents();
  assert.match(passed[0], /ACCEPTED/, `history starts at acceptance: ${passed}`);
  assert.ok(passed.some((p) => /DEAD_LETTERED[\s\S]*DUPLICATE_VALUE/.test(p)), `history shows the refusal: ${passed}`);
  await page.screenshot({ path: `${SCREENSHOTS}/request.png`, fullPage: true });

  step('finding the record by its external id, spelled in another case, with every write and its history');
  const search = page.locator('#record-search');
  await search.getByLabel('Object').fill('account');
  await search.getByLabel('External id field').fill('external_id__c');
  await search.getByLabel('External id', { exact: true }).fill(`REFUSED-${RUN}`.toUpperCase());
  await search.getByRole('button', { name: 'Find writes' }).click();
  const writeRow = page.locator('#record-writes tbody tr', { hasText: refused });
  await writeRow.waitFor(WAIT);
  await writeRow.getByText('DELIVERED').first().waitFor(WAIT);
  assert.match(await writeRow.textContent(), /ACCEPTED.*DEAD_LETTERED.*DELIVERED/s, 'the write passed through all three');
  await page.screenshot({ path: `${SCREENSHOTS}/record-writes.png`, fullPage: true });

  step('replaying a selection: two more refused writes, ticked and replayed together');
  const values = [`S2-${RUN}`, `S3-${RUN}`];
  const holders = [];
  for (const [i, value] of values.entries()) {
    holders.push(await write(`holder${i + 2}-${RUN}`, { Name: `Holder ${i + 2}`, [UNIQUE_FIELD]: value }));
  }
  await untilAll('the holders delivered', holders, 'DELIVERED');
  const pair = [];
  for (const [i, value] of values.entries()) {
    pair.push(await write(`refused${i + 2}-${RUN}`, { Name: `Refused ${i + 2}`, [UNIQUE_FIELD]: value }));
  }
  await untilAll('both dead-lettered', pair, 'DEAD_LETTERED');
  const frees = [];
  for (const [i, value] of values.entries()) {
    frees.push(await write(`holder${i + 2}-${RUN}`, { [UNIQUE_FIELD]: `${value}-old` }));
  }
  await untilAll('the values freed', frees, 'DELIVERED');
  await page.getByRole('link', { name: 'Dead letters' }).click();
  for (const i of [2, 3]) {
    const ticked = page.locator('tbody tr', { hasText: `refused${i}-${RUN}` }).locator('input[type=checkbox]');
    await ticked.waitFor(WAIT);
    await ticked.check();
  }
  await page.getByRole('button', { name: 'Replay selected (2)' }).click();
  const both = page.getByRole('dialog');
  await both.waitFor(WAIT);
  assert.ok((await both.textContent()).includes('2 record write(s)'), 'the confirmation says how many');
  await both.getByRole('button', { name: 'Replay 2' }).click();
  await page.locator('#dead-letter-message').getByText('Replayed 2 dead letter(s).').waitFor(WAIT);
  await untilAll('both delivered', pair, 'DELIVERED');

  step('pausing and resuming delivery');
  await page.getByRole('link', { name: 'Overview' }).click();
  // delivery has called Salesforce by now, so the org's usage is known
  await page.locator('#budget').getByText(/\d+ of \d+ calls today/).waitFor(WAIT);
  await page.getByRole('button', { name: 'Pause delivery' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Pause delivery' }).click();
  await page.locator('#delivery-state').getByText('Paused').waitFor(WAIT);
  await page.screenshot({ path: `${SCREENSHOTS}/overview-paused.png`, fullPage: true });
  await page.getByRole('button', { name: 'Resume delivery' }).click();
  await page.locator('#delivery-state').getByText('Delivering').waitFor(WAIT);

  step('counting, starting and watching a restore to its end');
  await page.getByRole('link', { name: 'Archive' }).click();
  await page.getByLabel('Topic', { exact: true }).fill(RESTORE_SOURCE);
  await page.getByLabel('Into topic').fill(RESTORE_TARGET);
  await page.getByLabel('Records a second').fill(String(Math.ceil(RESTORE_RECORDS / 8)));
  await page.getByRole('button', { name: 'Count' }).click();
  await page.locator('#restore-plan').getByText(`would write ${RESTORE_RECORDS} record(s)`).waitFor(WAIT);
  await page.getByRole('button', { name: 'Start restore' }).click();
  await page.locator('#archive-message').getByText('started').waitFor(WAIT);
  const restore = page.locator('#restores tbody tr').first();
  const seen = new Set();
  await until('the restore done', async () => {
    const value = Number(await restore.locator('progress').getAttribute('value'));
    seen.add(value);
    if (seen.size === 2) {
      await page.screenshot({ path: `${SCREENSHOTS}/archive-restoring.png`, fullPage: true });
    }
    return (await restore.textContent()).includes('DONE') && value === 100;
  }, 90_000);
  assert.ok([...seen].some((v) => v > 0 && v < 100), `progress was seen between 0 and 100: ${[...seen]}`);
  assert.ok((await restore.textContent()).includes(`${RESTORE_RECORDS} of ${RESTORE_RECORDS} records`));

  step('taking a full snapshot and reading its manifest');
  await page.getByRole('button', { name: 'Take a full snapshot' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Take snapshot' }).click();
  const snapshot = page.locator('#snapshots tbody tr').first();
  await snapshot.getByText('DONE').waitFor({ timeout: 120_000 });
  await snapshot.locator('summary').click();
  assert.ok((await snapshot.textContent()).includes('Account'), 'the manifest lists the objects exported');
  await page.getByRole('button', { name: 'Check the archive' }).click();
  await page.locator('#verify-report').waitFor(WAIT);
  await page.screenshot({ path: `${SCREENSHOTS}/archive.png`, fullPage: true });

  step('the event bridge page shows its subscriptions and dead events');
  await page.getByRole('link', { name: 'Event bridge' }).click();
  await page.getByRole('heading', { name: 'Dead events' }).waitFor(WAIT);
  await page.locator('#subscriptions tbody tr').first().getByText('relaying').waitFor(WAIT);
  await page.locator('main').getByText(/dead event|No dead events/).first().waitFor(WAIT);
  await page.screenshot({ path: `${SCREENSHOTS}/bridge.png`, fullPage: true });

  step('keyboard: a page reached, a filter set and a confirmation cancelled without a mouse');
  await page.goto(`${INGRESS}/console/#/overview`);
  await page.locator('#delivery-state').getByText('Delivering').waitFor(WAIT);
  await page.getByRole('button', { name: 'Pause delivery' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor(WAIT);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cancel', 'the safe choice has focus');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached', ...WAIT });
  await page.locator('#delivery-state').getByText('Delivering').waitFor(WAIT);
  await page.locator('nav a[href="#/dead-letters"]').focus();
  await page.keyboard.press('Enter');
  await until('the page heading focused', () => page.evaluate(
    () => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Dead letters'));
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'sobject', 'the first filter is next');
  await page.keyboard.type('Account');
  await page.keyboard.press('Enter');
  await page.locator('#dead-letter-count').waitFor(WAIT);
  await context.close();

  step('a token without governor:admin sees nothing and can do nothing');
  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  await readerPage.goto(`${INGRESS}/console/settings`);
  await readerPage.evaluate((token) => sessionStorage.setItem('governor.console.token',
    JSON.stringify({ accessToken: token, expiresAt: Date.now() + 600_000 })), READER_TOKEN);
  await readerPage.goto(`${INGRESS}/console/#/dead-letters`);
  await readerPage.getByRole('alert').first().waitFor(WAIT);
  assert.ok((await readerPage.getByRole('alert').first().textContent()).includes('(403)'));
  assert.equal(await readerPage.locator('tbody tr').count(), 0, 'no dead letter is shown');
  await readerPage.goto(`${INGRESS}/console/#/overview`);
  await readerPage.locator('#delivery-heading').waitFor(WAIT);
  await readerPage.getByRole('alert').first().waitFor(WAIT);
  assert.equal(await readerPage.getByRole('button', { name: /Pause delivery|Resume delivery/ }).count(), 0,
    'no action is offered');
  await readerPage.screenshot({ path: `${SCREENSHOTS}/without-admin.png`, fullPage: true });
  await reader.close();
  console.log('console: every step passed');
} catch (error) {
  failed = true;
  console.log(`console: FAILED: ${error.stack ?? error}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
