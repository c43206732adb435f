// Prints one plain closing line for the whole `npm test` run ("N passed, N failed"), summed
// from vitest's JSON reports of the unit and e2e runs, so CI can tell how many tests ran.
import { existsSync, readFileSync } from 'node:fs';

const reports = ['test-output/unit-results.json', 'test-output/e2e-results.json'];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const path of reports) {
  if (!existsSync(path)) {
    console.error(`test-summary: ${path} is missing: that test run did not complete`);
    process.exit(1);
  }
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
