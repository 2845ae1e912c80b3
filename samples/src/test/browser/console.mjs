// Drives the ticket service's Braid console in headless Chromium: the runs list, a failed run's
// error, the failed attempts of a run whose step failed twice (with each attempt's claim, worker
// and model calls), the answer to a waiting run (which then completes), and the cancelling of a
// queued run.
// ConsoleBrowserTest starts the service, seeds the runs and passes them in the environment.
import { chromium } from 'playwright-core';

const { BASE, TOKEN, FAILED_ID, OUTAGE_ID, WAITING_ID, QUEUED_ID, SCREENSHOTS, CHROMIUM } = process.env;
const WAIT = { timeout: 30000 };

const browser = await chromium.launch({ executablePath: CHROMIUM || '/usr/bin/chromium', headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const problems = [];
  page.on('pageerror', error => problems.push('Script error on the page: ' + error.message));
  page.on('dialog', dialog => dialog.accept());

  // The list: every seeded run, with live counts.
  await page.goto(BASE);
  for (const id of [FAILED_ID, WAITING_ID, QUEUED_ID]) {
    await page.locator(`tr[data-run="${id}"]`).waitFor(WAIT);
  }
  await expectText(page.locator('.count.stopped_early .number'), /^[1-9]/);
  await expectText(page.locator('.count.failed .number'), /^[1-9]/);
  if (SCREENSHOTS) await page.screenshot({ path: SCREENSHOTS + '/console-runs.png', fullPage: true });

  // A failed run, opened from the list, shows its error.
  await page.locator(`tr[data-run="${FAILED_ID}"] a`).click();
  await page.waitForURL(/run\?id=/);
  await expectText(page.locator('#summary .badge'), /failed/);
  await expectText(page.locator('#error-text'), /cannot be read as/);
  await page.click('#trace summary');
  await expectText(page.locator('#error-trace'), /CheckpointException[\s\S]*\tat dev\.braid\.durable\./);

  // A run whose step failed on both of its attempts: two red bars, and each attempt's error.
  await page.goto(BASE + 'run?id=' + encodeURIComponent(OUTAGE_ID));
  await expectText(page.locator('#error-text'), /searchKnowledgeBase[\s\S]*help-centre search is down/);
  await page.locator('.node.failed[data-step="searchKnowledgeBase"]').waitFor(WAIT);
  const bars = page.locator('#timeline .span.attempt.failed[data-step="searchKnowledgeBase"]');
  await bars.nth(1).waitFor(WAIT);
  if (await bars.count() !== 2) throw new Error('Expected 2 failed attempts, found ' + await bars.count());
  await page.locator('#timeline .span.attempt.succeeded[data-step="classify"]').waitFor(WAIT);
  const failedStep = page.locator('details.step[data-step="searchKnowledgeBase"]');
  await expectText(failedStep.locator('.attempt-error pre.error').nth(1),
    /IllegalStateException: The help-centre search is down for speaker questions/);
  await failedStep.locator('.attempt-error details.trace summary').first().click();
  await expectText(failedStep.locator('.attempt-error details.trace pre').first(),
    /\tat dev\.braid\.samples\.service\.KnowledgeBaseOutage\.search/);
  await expectText(page.locator('details.step[data-step="classify"] .models tr[data-model="gpt-4o-mini"]'), /gpt-4o-mini/);
  // Each attempt names its claim and worker, and lists its model calls one by one.
  const classify = page.locator('details.step[data-step="classify"]');
  await expectText(classify.locator('table.attempts tr[data-attempt="1"] td').nth(1), /^1 · \S/);
  await expectText(classify.locator('table.calls tr[data-call="1"][data-model="gpt-4o-mini"]'), /gpt-4o-mini[\s\S]*in, \d+ out/);
  if (SCREENSHOTS) await page.screenshot({ path: SCREENSHOTS + '/console-run-failed.png', fullPage: true });

  // The waiting run asks for the order number; the answer resumes it and it completes.
  await page.goto(BASE + 'run?id=' + encodeURIComponent(WAITING_ID));
  await expectText(page.locator('#question-text'), /order number/);
  await expectText(page.locator('#question-details'), /missing[\s\S]*orderNumber/);
  await page.locator('.node.waiting[data-step="check"]').waitFor(WAIT);
  if (SCREENSHOTS) await page.screenshot({ path: SCREENSHOTS + '/console-run-waiting.png', fullPage: true });
  await page.fill('#token', TOKEN);
  await page.locator('#token').dispatchEvent('change');
  const field = page.locator('#answer-fields textarea[name="ticket"]');
  const ticket = JSON.parse(await field.inputValue());
  if (ticket.customerEmail !== '[redacted]') throw new Error('customerEmail is shown: ' + ticket.customerEmail);
  // An answer that does not read as a Ticket gets a message, and the run still waits.
  await field.fill(JSON.stringify({ ...ticket, orderNumber: '582004' }, null, 2));
  await page.click('#answer button[type="submit"]');
  await expectText(page.locator('#message'), /does not read as dev\.braid\.samples\.ticket\.Ticket.*Nothing was changed/);
  await expectText(page.locator('#summary .badge'), /stopped early/);
  ticket.body += '\n\nOrder number: #582004';
  await field.fill(JSON.stringify(ticket, null, 2));
  await page.click('#answer button[type="submit"]');
  await expectText(page.locator('#summary .badge'), /succeeded/);
  await page.locator('.node.succeeded[data-step="check"]').waitFor(WAIT);
  await expectText(page.locator('#io'), /Hi Sam,/);
  if (SCREENSHOTS) await page.screenshot({ path: SCREENSHOTS + '/console-run.png', fullPage: true });

  // The queued run is cancelled from its page.
  await page.goto(BASE + 'run?id=' + encodeURIComponent(QUEUED_ID));
  await expectText(page.locator('#summary .badge'), /queued/);
  await page.click('#cancel');
  await expectText(page.locator('#summary .badge'), /cancelled/);
  await expectText(page.locator('#message'), /cancelled/);

  if (problems.length) throw new Error(problems.join('\n'));
  console.log('The console passed: list, failed run, failed attempts, answer, cancel.');
} finally {
  await browser.close();
}

async function expectText(locator, pattern) {
  const until = Date.now() + WAIT.timeout;
  let text = '';
  while (Date.now() < until) {
    text = (await locator.first().textContent({ timeout: WAIT.timeout })) || '';
    if (pattern.test(text)) return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`Expected ${pattern} in ${locator}, found: ${text}`);
}
