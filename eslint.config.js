// Lint rules that keep the architecture honest (design.md §2, style.md conventions 1 and 4):
// imports point down the layers ui → viz → core → machines, and the deterministic core never
// reads a clock or Math.random.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const upward = (layers) =>
  layers.flatMap((l) => [
    { group: [`**/${l}/**`, `**/${l}`], message: `imports point down the layers (ui → viz → core → machines): no import of ${l}/ from here` },
  ]);

const noClock = {
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'the core is deterministic: schedule a simulation event instead' },
    { name: 'setInterval', message: 'the core is deterministic: schedule a simulation event instead' },
    { name: 'performance', message: 'the core is deterministic: time is an argument' },
    { name: 'Date', message: 'the core is deterministic: time is an argument' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'use the seeded generator in src/core/sim/rng.ts' },
    { object: 'Date', property: 'now', message: 'the core is deterministic: time is an argument' },
    { object: 'performance', property: 'now', message: 'the core is deterministic: time is an argument' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'test-artifacts/', '**/*.svelte.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/machines/**/*.ts'],
    rules: {
      ...noClock,
      'no-restricted-imports': ['error', { patterns: [...upward(['core', 'viz', 'ui', 'i18n']), { group: ['svelte', 'svelte/*', 'd3-*'], message: 'machines are pure xstate definitions' }] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...noClock,
      'no-restricted-imports': ['error', { patterns: [...upward(['viz', 'ui', 'i18n']), { group: ['svelte', 'svelte/*', 'd3-*', 'xstate', 'xstate/*'], message: 'src/core is pure TypeScript: no Svelte, no d3, and xstate only through src/machines' }] }],
    },
  },
  {
    files: ['src/viz/**/*.ts', 'src/viz/**/*.svelte'],
    rules: { 'no-restricted-imports': ['error', { patterns: upward(['ui']) }] },
  },
);
