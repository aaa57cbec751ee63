// Layers import downward only, and only through each module's door (index.ts). Enforced here,
// not by memory: electron only in src/main/electron and src/preload; the renderer sees
// src/shared only; src/shared sees nothing of ours.
import fs from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Every folder of src/main is a module: the list is read from the tree, so it names exactly the
// modules that exist.
const MODULES = fs
  .readdirSync(new URL('./src/main', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'electron' && !d.name.startsWith('__'))
  .map((d) => d.name)
  .join('|');
const deepImport = {
  regex: `^\\.\\./(${MODULES})/.+`,
  message: 'Import another module through its door (its index.ts), not its files.',
};
const electron = {
  name: 'electron',
  message: 'Only src/main/electron and src/preload may import electron.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results/**', '.electron-native/**'] },
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
