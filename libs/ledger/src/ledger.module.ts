import { Module, type DynamicModule, type InjectionToken, type ModuleMetadata } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LEDGER_OPTIONS, type LedgerOptions } from './ledger.options.js';
import { LedgerService } from './ledger.service.js';
import { createLedgerAppender } from './store/create-ledger-appender.js';
import { LedgerAppender } from './store/ledger.appender.js';
import { LedgerReader } from './store/ledger.reader.js';

/**
 * The ledger on the app's database connection: the service that records
 * exchanges (LedgerService), the reader for verification, search and
 * export, and the appender for records written inside a transaction of
 * their own (governance changes).
 */
@Module({})
export class LedgerModule {
  static forRootAsync(options: { imports?: ModuleMetadata['imports']; inject: InjectionToken[]; useFactory: (...args: never[]) => LedgerOptions }): DynamicModule {
    return {
      module: LedgerModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: LEDGER_OPTIONS, inject: options.inject, useFactory: (...args: unknown[]) => options.useFactory(...(args as never[])) },
        { provide: LedgerAppender, inject: [DataSource, LEDGER_OPTIONS], useFactory: (dataSource: DataSource, ledger: LedgerOptions) => createLedgerAppender(dataSource, ledger.levelRanks) },
        { provide: LedgerReader, inject: [DataSource], useFactory: (dataSource: DataSource) => new LedgerReader(dataSource) },
        LedgerService,
      ],
      exports: [LedgerService, LedgerReader, LedgerAppender, LEDGER_OPTIONS],
    };
  }
}
