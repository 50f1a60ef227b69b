// Tests run TypeScript through tsx; each file starts its own server and database.
// The spec list is in package.json (npm test) so that `npx mocha test/one.test.ts` runs one file.
module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/helpers/mocha-setup.ts'],
  timeout: 60000,
  exit: true,
  reporter: 'spec',
};
