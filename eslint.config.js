// Lint: typescript-eslint's recommended rules plus the layering rules that keep the house
// easy to change (in the spirit of VS Code's code-layering): `src/shared` imports nothing
// of ours and nothing of Node, Electron or the DOM's hosts; the renderer never imports
// `src/main`; only `src/main/app/` imports `electron`; nothing shipped imports tests or bench;
// nothing below the composition root imports `src/main/services.ts`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const notTestsOrBench = [{ group: ['**/tests/**', '**/bench/**'], message: 'src/ ships: it never imports tests/ or bench/.' }];

/** The domain core (src/main outside app/): no Electron, no app shell, no renderer, no tests. */
const domainCorePatterns = [
  ...notTestsOrBench,
  {
    group: ['electron'],
    message: 'Only src/main/app/ imports electron: the domain core runs behind the CLI and the web host too.',
  },
  {
    group: ['**/renderer/**', '**/preload/**', '**/app/**'],
    message: 'The domain core does not import the app shell, the preload or the renderer.',
  },
];

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
    rules: { 'no-restricted-imports': ['error', { patterns: domainCorePatterns }] },
  },
  {
    // Below the composition root nothing takes the whole Services bag: a module receives the
    // one or two services or repositories it uses. Only the faces that start the services
    // (cli, web, app, api) and services.ts itself may import it.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/app/**', 'src/main/cli/**', 'src/main/web/**', 'src/main/api/**', 'src/main/services.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...domainCorePatterns,
            {
              group: ['**/services', '**/services.js', '**/services.ts'],
              message:
                'Only the composition root (services.ts) and the faces that start it (src/main/{cli,web,app,api}) import services.ts: take the services or repositories you use as parameters.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain Node scripts (npm start / npm test, the vanthu launcher) run before anything is built.
    files: ['scripts/**/*.mjs', 'bin/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
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
