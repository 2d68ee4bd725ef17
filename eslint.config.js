// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const ELECTRON_MESSAGE = 'only app/desktop may import electron';
const CORE_MESSAGE =
  'app/core is pure: no electron, no sockets, no fs, and no imports from connectors/desktop/headless. ' +
  'Take what you need as an injected dependency instead.';
const CONNECTORS_MESSAGE =
  'app/connectors may not import from app/desktop or app/headless; those layers depend on connectors, not the reverse.';

const STATE_MESSAGE =
  'app/state keeps what outlives the process for both front ends: it uses app/core only, never a front end, connectors or electron.';

const LINUX_NOTIFICATIONS_MESSAGE =
  'app/linux-notifications is the D-Bus sink both front ends use: it uses app/core only, never a front end, connectors or electron.';

const SIBLING_MESSAGE =
  'app/desktop and app/headless are two front ends over core and connectors; neither imports the other.';

// `paths` matches the exact specifier, `patterns` catches sub-paths such as `electron/main`.
const electronPaths = [{ name: 'electron', message: ELECTRON_MESSAGE }];
const electronPatterns = [{ group: ['electron/*'], message: ELECTRON_MESSAGE }];

const nodeIoModules = ['fs', 'node:fs', 'net', 'node:net', 'child_process', 'node:child_process'];

/**
 * A relative specifier (one or more `../`) that lands in one of the given sibling folders,
 * e.g. `../connectors`, `../../desktop/tray`, `../../app/headless/main.js`.
 * @param {string[]} folders
 */
const relativeInto = (folders) => `^(\\.\\./)+(.*/)?(${folders.join('|')})(/.*)?$`;

export default defineConfig(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'bench/results/',
      // Fixtures contain deliberate violations; test/lint/boundaries.test.ts lints them itself.
      'test/fixtures/lint/**',
    ],
  },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },

  // The settings window runs in Chromium: browser globals, no Node.
  {
    files: ['renderer/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        CSS: 'readonly',
        Event: 'readonly',
        Node: 'readonly',
        HTMLElement: 'readonly',
        HTMLInputElement: 'readonly',
        HTMLSelectElement: 'readonly',
        HTMLTextAreaElement: 'readonly',
        history: 'readonly',
        structuredClone: 'readonly',
        Intl: 'readonly',
        navigator: 'readonly',
        KeyboardEvent: 'readonly',
      },
    },
  },

  // Architecture boundaries. In flat config a later block *replaces* a rule's options for the
  // files it matches, so each block below carries the complete list for its folders.
  {
    files: [
      'app/core/**',
      'app/connectors/**',
      'app/headless/**',
      'app/ipc/**',
      'app/linux-notifications/**',
      'app/state/**',
      'app/system-dnd/**',
      'renderer/**',
    ],
    rules: {
      'no-restricted-imports': ['error', { paths: electronPaths, patterns: electronPatterns }],
      // no-restricted-imports sees only static imports; `import('electron')` and `require` too.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^electron($|\\/)/]',
          message: ELECTRON_MESSAGE,
        },
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron($|\\/)/]",
          message: ELECTRON_MESSAGE,
        },
      ],
    },
  },
  {
    files: ['app/headless/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronPaths,
          patterns: [
            ...electronPatterns,
            { regex: relativeInto(['desktop']), message: SIBLING_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    files: ['app/desktop/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: relativeInto(['headless']), message: SIBLING_MESSAGE }] },
      ],
    },
  },
  {
    files: ['app/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...electronPaths,
            ...nodeIoModules.map((name) => ({ name, message: CORE_MESSAGE })),
          ],
          patterns: [
            ...electronPatterns,
            // fs/promises, node:fs/promises
            { group: ['fs/*', 'node:fs/*'], message: CORE_MESSAGE },
            {
              regex: relativeInto(['connectors', 'desktop', 'headless', 'state']),
              message: CORE_MESSAGE,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/connectors/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronPaths,
          patterns: [
            ...electronPatterns,
            { regex: relativeInto(['desktop', 'headless', 'state']), message: CONNECTORS_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    files: ['app/state/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronPaths,
          patterns: [
            ...electronPatterns,
            {
              regex: relativeInto(['connectors', 'desktop', 'headless']),
              message: STATE_MESSAGE,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['app/linux-notifications/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronPaths,
          patterns: [
            ...electronPatterns,
            {
              regex: relativeInto(['connectors', 'desktop', 'headless', 'state']),
              message: LINUX_NOTIFICATIONS_MESSAGE,
            },
          ],
        },
      ],
    },
  },
);
