// Tests run TypeScript through tsx; each file starts its own server and database.
module.exports = {
  spec: ['test/**/*.test.ts'],
  'node-option': ['import=tsx'],
  timeout: 30000,
  exit: true,
  reporter: 'spec',
};
