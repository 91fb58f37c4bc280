// print-pdf.js prints pages of a built site to PDF in a real browser,
// Firefox (over WebDriver BiDi) or Chromium, with puppeteer-core, so that
// the print tests (internal/e2e/engines_test.go) can read what each engine
// puts on paper. It reads one JSON job list on standard input:
//
//   {"browser": "firefox", "executable": "/usr/bin/firefox-esr",
//    "jobs": [{"url": "file:///.../print/protocols/index.html",
//              "pdf": "/tmp/x.pdf", "paper": "A4", "sheets": ["pack-a"]}]}
//
// "sheets", when given, is the choice a trainer makes on a pack page:
// "Select none", then a tick for each named sheet. "script", when given, is
// run in the page first (to fill in a form), and "waitFor" is an
// expression waited for before printing. Each job writes its PDF;
// anything that goes wrong ends the script with a message and exit code 1.
'use strict';

const puppeteer = require('puppeteer-core');

function readStdin() {
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => { data += c; });
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

async function run() {
  const req = JSON.parse(await readStdin());
  const firefox = req.browser === 'firefox';
  const browser = await puppeteer.launch({
    browser: firefox ? 'firefox' : 'chrome',
    executablePath: req.executable,
    headless: true,
    // Chromium as root needs --no-sandbox; both stay off the network.
    args: firefox ? [] : ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    extraPrefsFirefox: firefox ? {
      'browser.shell.checkDefaultBrowser': false,
      'app.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
    } : undefined,
    // The Go test bounds the whole run by its own deadline.
    protocolTimeout: 0,
    timeout: 0,
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(0);
    for (const job of req.jobs) {
      await page.goto(job.url, { waitUntil: 'load' });
      if (job.script) {
        await page.evaluate(job.script);
      }
      if (job.waitFor) {
        await page.waitForFunction(job.waitFor, { polling: 100 });
      }
      if (job.sheets) {
        await page.click('[data-pack-all="false"]');
        for (const id of job.sheets) {
          await page.click(`input[data-pack-sheet="${id}"]`);
        }
      }
      // What the print buttons do before printing (page.js): the date.
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.pdf({ path: job.pdf, format: job.paper || 'A4', printBackground: true, preferCSSPageSize: true });
    }
  } finally {
    await browser.close();
  }
}

run().catch((err) => {
  process.stderr.write(`print-pdf: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
