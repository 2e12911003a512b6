import { Module, type DynamicModule, type InjectionToken, type ModuleMetadata } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { connectDatabase } from './connect-database.js';
import { dataSourceOptions, type DatabaseFeature } from './data-source-options.js';
import type { GatewayDatabase } from './database-location.js';

/**
 * The gateway's one database connection, migrated at start. Features bring
 * their own entities and migrations, so the database knows none of them by
 * name and none of them needs to know the others.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: {
    imports?: ModuleMetadata['imports'];
    inject: InjectionToken[];
    database: (...args: never[]) => GatewayDatabase;
    features: readonly DatabaseFeature[];
  }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: options.imports ?? [],
          inject: options.inject,
          useFactory: (...args: unknown[]) => ({ ...dataSourceOptions(options.database(...(args as never[])), options.features), retryAttempts: 0 }),
          // Our own connect, retry and schema creation: one line per failed attempt (connect-database.ts).
          dataSourceFactory: (dataSourceOptions) => connectDatabase(dataSourceOptions!),
        }),
      ],
    };
  }
}
