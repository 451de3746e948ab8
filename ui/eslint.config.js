// ESLint flat config: typescript-eslint's strict type-checked rules for src/, plus Sala's boundary rule
// (eslint/sala-plugin.js) that keeps feature folders and layers apart (STYLE R15).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import sala from './eslint/sala-plugin.js';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'src/generated/'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.browser,
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'eval is blocked by the CSP.' },
        { selector: "NewExpression[callee.name='Function']", message: 'new Function is blocked by the CSP.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { sala },
    rules: { 'sala/boundaries': 'error' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: globals.node },
  },
);
