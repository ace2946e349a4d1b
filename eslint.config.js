// Lint rules, including the one-way import direction of DESIGN §2:
// model ← hotpath ← (trading, store, sim) ← actors ← gateway ← cli.
// src/platform holds Node-platform adapters (the native uWebSockets.js loader) that both the replay
// server in src/sim and the gateway need; it imports only src/model.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Which src/ layers each layer may import. Anything not listed is forbidden. */
const ALLOWED_IMPORTS = {
  model: [],
  hotpath: ['model'],
  config: ['model'],
  platform: ['model'],
  analytics: ['model', 'config'],
  trading: ['model', 'hotpath', 'config'],
  store: ['model', 'hotpath', 'config', 'platform'],
  sim: ['model', 'hotpath', 'config', 'platform'],
  actors: ['model', 'hotpath', 'config', 'platform', 'trading', 'store', 'sim', 'analytics'],
  gateway: ['model', 'hotpath', 'config', 'platform', 'trading', 'store', 'sim', 'analytics', 'actors'],
  cli: ['model', 'hotpath', 'config', 'platform', 'trading', 'store', 'sim', 'analytics', 'actors', 'gateway'],
};
const LAYERS = Object.keys(ALLOWED_IMPORTS);

function importDirectionRules(layer) {
  const forbidden = LAYERS.filter((other) => other !== layer && !ALLOWED_IMPORTS[layer].includes(other));
  const patterns = forbidden.map((other) => ({
    group: [`../${other}/*`, `../../${other}/*`, `../../../${other}/*`, `../../../../${other}/*`, `**/src/${other}/*`],
    message: `src/${layer} must not import src/${other} (DESIGN §2: model ← hotpath ← (trading, store, sim) ← actors ← gateway ← cli).`,
  }));
  if (layer === 'hotpath' || layer === 'model') {
    patterns.push({
      group: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'net', 'http', 'crypto'],
      message: `src/${layer} is pure: no node:* imports (DESIGN §2).`,
    });
  }
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'schema/generated/**', 'native/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '.ci/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'no-console': 'error',
    },
  },
  {
    // The CLI and benchmarks print to the terminal by design.
    files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'eslint.config.js', '.ci/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
  ...LAYERS.map(importDirectionRules),
);
