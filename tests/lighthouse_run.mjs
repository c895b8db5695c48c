// Lighthouse on several pages, one after the other in one chromium (run by tests/lighthouse.py from the folder
// whose node_modules has lighthouse). argv: a JSON job {urls, outputs, categories, chromePath, chromeFlags, settings}.
import {writeFileSync} from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const job = JSON.parse(process.argv[process.argv.length - 1]);
const chrome = await chromeLauncher.launch({chromePath: job.chromePath, chromeFlags: job.chromeFlags});
try {
  for (const [i, url] of job.urls.entries()) {
    const result = await lighthouse(url, {
      port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: job.categories,
      formFactor: 'mobile', disableFullPageScreenshot: true, ...(job.settings || {}),
    });
    writeFileSync(job.outputs[i], result.report);
  }
} finally {
  await chrome.kill();
}
