import {
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloGatewayDriver, type ApolloDriverConfig, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { CLOCK, fixedClock, systemClock } from '#config';
import { PersonAuthenticator } from '#identity';
import { adminGraphqlOptions } from './admin/admin-graphql.factory.js';
import { AdminLedgerRecorder } from './admin/admin-ledger.recorder.js';
import { AdminModule } from './admin/admin.module.js';
import { DatabaseModule } from './database/database.module.js';
import { BureauHttpClient } from './exchange/bureau-http.client.js';
import { BureauDataSource } from './exchange/bureau.data-source.js';
import type { GatewayContext } from './exchange/exchange.context.js';
import { formatExchangeError } from './exchange/exchange.errors.js';
import { ExchangeModule } from './exchange/exchange.module.js';
import { ExchangePipeline } from './exchange/exchange.pipeline.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config.js';
import { HealthController } from './health/health.controller.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { SupergraphModule } from './supergraph/supergraph.module.js';
import { SupergraphService } from './supergraph/supergraph.service.js';

@Global()
@Module({})
class GatewayConfigModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayConfigModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: CLOCK, useValue: config.testClockAt === null ? systemClock : fixedClock(config.testClockAt) },
      ],
      exports: [GATEWAY_CONFIG, CLOCK],
    };
  }
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        GatewayConfigModule.forRoot(config),
        DatabaseModule,
        SupergraphModule,
        LedgerModule,
        AdminModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AdminModule],
          inject: [PersonAuthenticator, AdminLedgerRecorder],
          useFactory: (people: PersonAuthenticator, recorder: AdminLedgerRecorder) => adminGraphqlOptions(people, recorder, [AdminModule]),
        }),
        GraphQLModule.forRootAsync<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          imports: [SupergraphModule, ExchangeModule],
          inject: [SupergraphService, ExchangePipeline, BureauHttpClient],
          useFactory: (supergraph: SupergraphService, pipeline: ExchangePipeline, http: BureauHttpClient) => ({
            server: {
              path: '/graphql',
              playground: false,
              // Off for callers: a schema view trimmed per caller would still
              // reveal what exists; the catalog (`causeway catalog`) is where
              // people read the graph. `__typename` keeps working.
              introspection: false,
              includeStacktraceInErrorResponses: false,
              context: ({ req }: { req: Request }): Promise<GatewayContext> => pipeline.open(req),
              formatError: formatExchangeError,
              // A government gateway does not phone home, whatever APOLLO_KEY says.
              plugins: [
                pipeline.plugin(),
                ApolloServerPluginUsageReportingDisabled(),
                ApolloServerPluginSchemaReportingDisabled(),
              ],
            },
            gateway: {
              supergraphSdl: supergraph,
              buildService: ({ name, url }) => {
                if (!url) throw new Error(`bureau ${name} has no URL in the supergraph`);
                return new BureauDataSource(name, url, pipeline, config.bureauTimeoutMs, http.dispatcher);
              },
            },
          }),
        }),
      ],
      controllers: [HealthController],
    };
  }
}
