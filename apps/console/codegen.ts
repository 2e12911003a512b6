import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed operations of the console, generated from the admin API's schema (scripts/admin-schema.mjs writes it). */
const config: CodegenConfig = {
  schema: 'apps/console/admin-schema.graphql',
  documents: ['apps/console/src/**/*.tsx', 'apps/console/src/**/*.ts', '!apps/console/src/gql/**'],
  generates: { 'apps/console/src/gql/': { preset: 'client', config: { enumsAsTypes: true, useTypeImports: true }, presetConfig: { fragmentMasking: false } } },
  ignoreNoDocuments: true,
};
export default config;
