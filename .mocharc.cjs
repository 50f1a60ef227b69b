// Tests run TypeScript through tsx; each file starts its own server and database, so files run two at a
// time (one per core: most of a test's time is spent waiting on HTTP, the database and child processes).
// The spec list is in tools/test-suite.mjs (npm test) so that `npx mocha test/one.test.ts` runs one file; npm test runs
// the browser and multi-process tests afterwards, one at a time (they time a real browser and several bots).
module.exports = {
  'node-option': ['import=tsx', 'disable-warning=DEP0111'],
  require: ['test/helpers/mocha-setup.ts'],
  timeout: 60000,
  exit: true,
  parallel: true,
  jobs: 2,
  reporter: 'spec',
};
