// Lint: typescript-eslint's recommended rules, and the layering of docs/architecture.md as import
// boundaries (services/ and dialogs/ never import bot/ or tools/; bot/ never imports tools/).
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const outsideBotAndTools = {
  patterns: [
    { group: ['**/bot/**', '**/bot'], message: 'services/, dialogs/ and entities/ never import bot/ (docs/architecture.md).' },
    { group: ['**/tools/**'], message: 'the product never imports developer tooling (tools/).' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'web/public/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  // Formatting is Prettier's (npm run format); ESLint keeps to correctness and layering.
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests read loosely typed JSON from HTTP answers.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['services/**/*.ts', 'dialogs/**/*.ts', 'entities/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', outsideBotAndTools] },
  },
  {
    files: ['bot/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideBotAndTools.patterns[1]] }] },
  },
);
