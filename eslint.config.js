// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', '.release-builds/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'MV3 forbids eval.' },
        { selector: "NewExpression[callee.name='Function']", message: 'MV3 forbids new Function.' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Content scripts run on Seller Central pages: they must never reach credentials or the API client.
    files: ['entrypoints/*.content/**', 'lib/seller-central/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/lib/spapi', '**/lib/spapi/**', '**/spapi/**'], message: 'The SP-API client is background-only.' },
            { group: ['**/credentials/**', '**/background/**', '**/store/**'], message: 'Credentials and storage are background/extension-page only.' },
            { group: ['@cfworker/*', 'spark-md5', 'ajv', 'ajv/*', 'ky', 'aws4fetch', 'preact', 'preact/*', '@preact/*'], message: 'Keep the order-page script small: the composer page does this work.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
