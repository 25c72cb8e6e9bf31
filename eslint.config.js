// Lint: typescript-eslint's recommended rules plus the layering rules that keep the house
// easy to change (in the spirit of VS Code's code-layering): `src/shared` imports nothing
// of ours and nothing of Node, Electron or the DOM's hosts; the renderer never imports
// `src/main`; only `src/main/app/` imports `electron`; nothing shipped imports tests or bench.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const notTestsOrBench = [{ group: ['**/tests/**', '**/bench/**'], message: 'src/ ships: it never imports tests/ or bench/.' }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...notTestsOrBench,
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '../main', '../renderer', '../preload'],
              message: 'src/shared imports nothing of ours outside src/shared.',
            },
            {
              group: ['electron', 'node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'better-sqlite3', 'react', 'react-dom'],
              message: 'src/shared is pure TypeScript: no Node, Electron or DOM libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...notTestsOrBench,
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer talks to main only through the contract (src/shared/contract.ts).',
            },
            { group: ['electron', 'node:*'], message: 'The renderer is a sandboxed page: no Electron or Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...notTestsOrBench,
            {
              group: ['electron'],
              message: 'Only src/main/app/ imports electron: the domain core runs behind the CLI and the web host too.',
            },
            {
              group: ['**/renderer/**', '**/preload/**', '**/app/**'],
              message: 'The domain core does not import the app shell, the preload or the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain Node scripts (npm start / npm test) run before anything is built.
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
  {
    files: ['src/main/app/**/*.ts', 'src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...notTestsOrBench, { group: ['**/renderer/**'], message: 'main and preload never import the renderer.' }] },
      ],
    },
  },
);
