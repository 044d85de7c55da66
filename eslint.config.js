// Lint rules, including the layer rules of docs/architecture.md: a forbidden import
// is an error whose message names what to use instead (after VS Code's code-layering).
import js from '@eslint/js';
import lexical from '@lexical/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layer = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

const NO_ELECTRON = {
  group: ['electron', 'electron/*'],
  message:
    "Only electron/main may import 'electron'. Put Node-only logic in electron/desk and call it from main.",
};
const NO_NODE = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'url', 'stream', 'worker_threads'],
  message:
    'shared/ and renderer/ run without Node. Move this to electron/desk and reach it through the desk API.',
};
const NO_DESK = {
  group: ['**/electron/**', '../electron/*', '../../electron/*'],
  message:
    'The renderer reaches the desk only through renderer/src/platform (window.desk or the HTTP client).',
};
const NO_RENDERER = {
  group: ['**/renderer/**'],
  message: 'Node code must not import the React UI. Share logic through shared/.',
};
const NO_MAIN = {
  group: ['**/main/**', '../main/*'],
  message: 'electron/desk, host and cli never import electron/main: main depends on them, not the reverse.',
};
const NO_REACT = {
  group: ['react', 'react-dom', 'react-dom/*', 'lexical', '@lexical/*'],
  message: 'shared/ is pure TypeScript with no React or editor. Put UI code in renderer/src.',
};
const NO_UP_FROM_SHARED = {
  group: [
    '**/electron/**',
    '**/renderer/**',
    '../../electron/*',
    '../../renderer/*',
    '../electron/*',
    '../renderer/*',
  ],
  message: 'shared/ imports only shared/. Pass what it needs as arguments instead.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'scripts/**/*.mjs',
      '*.config.{js,ts}',
      'renderer/vite.config.ts',
      'electron/**/*.ts',
      'e2e/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: layer([NO_ELECTRON, NO_NODE, NO_REACT, NO_UP_FROM_SHARED]),
  },
  {
    files: ['electron/desk/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: layer([NO_ELECTRON, NO_RENDERER, NO_MAIN]),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: layer([NO_RENDERER]),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_RENDERER,
            {
              group: ['**/desk/**', '**/main/**', '**/host/**', 'node:*'],
              message:
                'The preload exposes the contract only; it may import types from shared/ and electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, '@lexical': lexical },
    rules: {
      ...layer([NO_ELECTRON, NO_NODE, NO_DESK]),
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@lexical/rules-of-lexical': 'error',
    },
  },
  {
    files: ['e2e/**/*.ts'],
    rules: layer([
      NO_RENDERER,
      {
        group: ['**/electron/main/**', '**/electron/desk/**', '**/electron/cli/**'],
        message: 'End-to-end specs drive the app from outside; use e2e/utils to start the real host.',
      },
    ]),
  },
);
