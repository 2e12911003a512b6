import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import { governedTypeDefs } from '#catalog';
import { BUREAU_CONFIG, type BureauDescriptor } from './bureau.descriptor.js';
import type { BureauConfig } from './bureau.config.js';
import { CallerMistakeFilter } from './caller-mistake.filter.js';
import { maskInternalErrors } from './internal-error.format.js';
import { CreateWitnessedCheckpoints1764900000000 } from './witness/create-witness.migration.js';
import { WitnessedCheckpointEntity } from './witness/witnessed-checkpoint.entity.js';

/**
 * Everything a bureau subgraph shares: its SQLite store (migrations, never
 * `synchronize`), a Federation 2 schema built from its SDL with the
 * governance directives, and its configuration as an injectable value.
 */
@Global()
@Module({})
export class BureauRootModule {
  static forRoot(config: BureauConfig, descriptor: BureauDescriptor): DynamicModule {
    const sdl = readFileSync(descriptor.schemaFile, 'utf8');
    return {
      module: BureauRootModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'better-sqlite3',
          database: config.databaseFile,
          // The bureau's own tables, and the witness store every bureau keeps (witness/).
          entities: [...descriptor.entities, WitnessedCheckpointEntity],
          migrations: [...descriptor.migrations, CreateWitnessedCheckpoints1764900000000],
          migrationsRun: true,
          synchronize: false,
          logging: ['error'],
        }),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          typeDefs: governedTypeDefs(sdl),
          path: '/graphql',
          playground: false,
          introspection: true,
          includeStacktraceInErrorResponses: false,
          formatError: maskInternalErrors,
          // Nothing leaves a bureau but answers to the gateway: no usage reports, no inline traces.
          plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginInlineTraceDisabled()],
        }),
        descriptor.module,
      ],
      providers: [
        { provide: BUREAU_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: CallerMistakeFilter },
      ],
      exports: [BUREAU_CONFIG],
    };
  }
}
