// ESLint holds the architecture's boundaries (docs/architecture.md, "Boundaries the tools enforce"):
// the renderer sees core only as types, core never reaches into electron, renderer or server,
// the lower core modules never import the API layer, and raw IPC stays in the two IPC modules.
// tests/architecture/lint-boundaries.test.ts proves each zone is active.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_AND_ELECTRON = [
  'electron',
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'better-sqlite3',
  'pg',
  'pkcs11js',
];
const LOWER_CORE = ['dcc', 'registry', 'records', 'print', 'audit', 'id'].map((m) => `core/${m}/**`);
// What all of core refuses; the lower modules (LOWER_CORE) refuse core/api on top. ESLint
// applies only the last matching entry's options for a rule, so the lower zone repeats these.
const CORE_FORBIDDEN_PATHS = [
  { name: 'electron', message: 'core is pure TypeScript: no Electron.' },
  { name: 'react', message: 'core has no UI.' },
];
const CORE_FORBIDDEN_SHELLS = {
  group: ['**/electron/**', '**/renderer/**', '**/server/**'],
  message: 'core never imports the shells around it.',
};
const IPC_MODULES = ['electron/main/ipc-handlers.ts', 'electron/preload/preload.ts'];

export default tseslint.config(
  { ignores: ['dist/**', '.vite/**', 'out/**', 'node_modules/**', 'coverage/**', 'tests/**/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a value left out on purpose (a rest sibling, a skipped tuple element).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The two classic hook rules. The plugin's React Compiler rules (refs, purity,
      // set-state-in-effect) describe code written for the compiler, which the kiosk does not use.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: NODE_AND_ELECTRON.filter((p) => !p.includes('*')).map((name) => ({
            name,
            message: 'The renderer runs without Node: it reaches the kiosk only through window.kiosk.',
          })),
          patterns: [
            {
              group: ['node:*'],
              message: 'The renderer runs without Node: it reaches the kiosk only through window.kiosk.',
            },
            {
              // Two exceptions, both constants without imports: core/limits.ts (the screens stop
              // typing at the lengths core checks) and core/api/kiosk-methods.ts (the HTTP bridge
              // carries exactly the API's methods); docs/architecture.md.
              regex: '(^|/)core(?!/limits$|/api/kiosk-methods$)(/|$)',
              allowTypeImports: true,
              message: 'The renderer imports only types from core (import type); core code runs in the main process.',
            },
            { group: ['**/server/**', '**/electron/**'], message: 'The renderer knows only window.kiosk.' },
          ],
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: CORE_FORBIDDEN_PATHS,
          patterns: [CORE_FORBIDDEN_SHELLS],
        },
      ],
    },
  },
  {
    files: LOWER_CORE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: CORE_FORBIDDEN_PATHS,
          patterns: [
            CORE_FORBIDDEN_SHELLS,
            {
              group: ['**/api', '**/api/**'],
              message: 'Lower core modules are used by core/api, never the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: IPC_MODULES,
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]',
          message: 'Raw IPC lives only in electron/main/ipc-handlers.ts and electron/preload/preload.ts.',
        },
        {
          selector: 'CallExpression[callee.object.name=/^ipc(Main|Renderer)$/]',
          message: 'Raw IPC lives only in electron/main/ipc-handlers.ts and electron/preload/preload.ts.',
        },
      ],
    },
  },
);
