// Layers import downward only, and only through each module's door (index.ts). Enforced here,
// not by memory: electron only in src/main/electron and src/preload; the renderer sees
// src/shared only; src/shared sees nothing of ours.
import fs from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Every folder of src/main is a module: the list is read from the tree, so it names exactly the
// modules that exist.
const MODULE_NAMES = fs
  .readdirSync(new URL('./src/main', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'electron' && !d.name.startsWith('__'))
  .map((d) => d.name);
const MODULES = MODULE_NAMES.join('|');
const deepImport = {
  regex: `^\\.\\./(${MODULES})/.+`,
  message: 'Import another module through its door (its index.ts), not its files.',
};
const electron = {
  name: 'electron',
  message: 'Only src/main/electron and src/preload may import electron.',
};

/**
 * Which modules each module may import (through their doors), as VS Code lists its layers: the
 * pure cores import nothing of ours, the rest only what is below them. The files at the root of
 * src/main (service.ts and its entry points) and src/main/electron wire everything and may
 * import any door. A module missing here fails the lint until its place is decided.
 */
const LAYERS = {
  escpos: [],
  metrics: [],
  memory: [],
  events: [],
  calls: [],
  capture: ['escpos', 'metrics'],
  pool: ['escpos', 'memory', 'metrics', 'reports', 'sales'],
  store: ['memory', 'metrics'],
  export: ['store'],
  server: ['calls', 'export', 'reports'],
  settings: [],
  days: [],
  sales: [],
  reports: ['days', 'export', 'store'],
  profiles: ['days', 'pool', 'sales', 'store'],
  health: ['capture', 'metrics', 'pool', 'store'],
  'auto-export': ['days', 'export'],
  ingest: ['capture', 'escpos', 'events', 'memory', 'metrics', 'pool', 'sales', 'store'],
  // The couriers read the outbox and write its rows through the store; rates from metrics.
  relay: ['store', 'metrics'],
};
for (const name of MODULE_NAMES) {
  if (!(name in LAYERS))
    throw new Error(`eslint.config.js: give src/main/${name} its LAYERS entry`);
}

/** Imports of sibling modules not in `allowed`, from a file `depth` folders inside a module. */
function layerRule(name, allowed, depth) {
  const up = '\\.\\./'.repeat(depth);
  const others = MODULE_NAMES.filter((m) => m !== name && !allowed.includes(m));
  if (others.length === 0) return [];
  return [
    {
      regex: `^${up}(${others.join('|')})(/.*)?$`,
      message: `src/main/${name} may import only ${allowed.length > 0 ? allowed.join(', ') : 'src/shared'} of ours (LAYERS in eslint.config.js).`,
    },
  ];
}
const layerConfigs = Object.entries(LAYERS).flatMap(([name, allowed]) => [
  {
    files: [`src/main/${name}/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electron], patterns: [deepImport, ...layerRule(name, allowed, 1)] },
      ],
    },
  },
  {
    files: [`src/main/${name}/*/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electron], patterns: [...layerRule(name, allowed, 2)] },
      ],
    },
  },
]);

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'bench/results/**',
      '.electron-native/**',
      'cloud/dist/**',
      'cloud/.wrangler/**',
      'cloud/.bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [deepImport] }],
    },
  },
  ...layerConfigs,
  {
    files: ['src/main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepImport] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [{ regex: '^\\.\\./', message: 'src/shared imports nothing of ours.' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            {
              regex: '^\\.\\./(\\.\\./)*main(/|$)',
              message: 'The renderer talks to the service only through DeskApi.',
            },
            {
              regex: '^\\.\\./(\\.\\./)*preload(/|$)',
              message: 'The renderer sees the preload only as window.desk.',
            },
            {
              regex: '^node:',
              message: 'The renderer runs in a browser sandbox: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  {
    // The cloud Worker's page script runs in the owner's browser.
    files: ['cloud/src/page/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./(\\.\\./)*main(/|$)', message: 'The preload only bridges DeskApi.' },
          ],
        },
      ],
    },
  },
);
