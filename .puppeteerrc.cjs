// Puppeteer must never download a browser here: the tests use a system Chrome/Chromium
// (see tests/e2e/browser-path.ts).
module.exports = { skipDownload: true };
