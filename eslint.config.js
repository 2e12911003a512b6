// @ts-check
// Lint for Causeway: typescript-eslint's recommended rules, the size limits and
// module boundaries of the layout (libs are capabilities, apps wire them), and
// environment variables read only where configuration is validated.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts'];
const TESTS = ['**/*.spec.ts', 'test/**'];
const MIGRATIONS = ['**/migrations/**'];
// Where process.env may be read: validated configuration, entry points, and the test and benchmark harnesses.
const CONFIG_MODULES = ['**/*.config.ts', 'libs/config/**', '**/main.ts', 'apps/gateway/src/bench-main.ts', 'libs/telemetry/src/telemetry.ts', 'bench/**', 'test/**'];

// no-restricted-imports options are replaced (not merged) by later config objects, so every area lists all its patterns.
const noAppsImports = { regex: '(^|/)apps/', message: 'libs/ never import from apps/.' };
const libsOnlyViaIndex = { regex: '(^|/)libs/|^#[^/]+/', message: "Import a lib only through its index (e.g. '#ledger'), never a path into libs/." };
const noGatewayInternals = { regex: '(^|/)(apps/)?gateway/src(/|$)', message: 'Do not reach into apps/gateway/src: what is shared belongs in a lib.' };
const restrictImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const ENV_MESSAGE = 'Read environment variables only in config modules (*.config.ts, libs/config), where they are validated.';

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'coverage/', '.causeway/', '**/*.js', '**/*.d.ts']),
  { files: TS, extends: [js.configs.recommended, tseslint.configs.recommended] },
  {
    files: TS,
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: TESTS,
    rules: {
      // Tests read JSON answers whose shape they assert.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },

  // Small files with one job, and small functions.
  {
    files: TS,
    ignores: [...TESTS, ...MIGRATIONS],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 60 }],
    },
  },

  // Module boundaries: libs never import apps; everything else reaches a lib through its index only.
  { files: ['libs/**/*.ts'], ignores: TESTS, rules: restrictImports(noAppsImports) },
  { files: ['apps/**/*.ts', 'test/**/*.ts'], rules: restrictImports(libsOnlyViaIndex) },
  { files: ['apps/cli/**/*.ts', 'bench/**/*.ts'], rules: restrictImports(libsOnlyViaIndex, noGatewayInternals) },

  // Environment access only in config modules.
  {
    files: TS,
    ignores: CONFIG_MODULES,
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: ENV_MESSAGE }],
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']", message: ENV_MESSAGE }],
    },
  },

  prettier, // last: stylistic rules are prettier's
);
