import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
      '.electron-native/**',
      '.electron-fused/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // type-aware: a promise nobody awaits, handles or explicitly voids is a bug that surfaces as an unhandled
    // rejection far from its cause
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  // hosts are thin and independent: what two of them share lives in src/main/host-shared
  {
    files: ['src/main/electron/**/*.ts', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/cli/**'], message: 'hosts do not import each other; use host-shared' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', '**/cli/**', 'electron'],
              message: 'hosts do not import each other; use host-shared',
            },
          ],
        },
      ],
    },
  },
  {
    // the CLI starts the browser host (`backbench web`), so cli → server is the one allowed direction
    files: ['src/main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/electron/**', 'electron'], message: 'hosts do not import each other; use host-shared' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/host-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', '**/server/**', '**/cli/**', 'electron'],
              message: 'host-shared serves every host and imports none',
            },
          ],
        },
      ],
    },
  },
  {
    // core is plain Node and knows no host (STYLE.md §4)
    files: ['src/main/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core and shared never import electron' }],
          patterns: [
            { group: ['react', 'react-dom', 'zustand'], message: 'core and shared never import UI code' },
            { group: ['**/server/**', '**/electron/**', '**/cli/**'], message: 'core knows no host' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['node:*', '**/main/**', '**/renderer/**'], message: 'shared is isomorphic: zod only' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '**/main/**', 'electron'], message: 'the renderer calls only the typed client' },
          ],
        },
      ],
    },
  },
);
