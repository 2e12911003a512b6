import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AdminAccess } from './admin/admin-access.service.js';
import { adminGraphqlOptions } from './admin/admin-graphql.factory.js';
import { AdminLedgerRecorder } from './admin/admin-ledger.recorder.js';
import { ADMIN_RESOLVER_MODULES, AdminModule } from './admin/admin.module.js';
import { GatewayDatabaseModule } from './database/gateway-database.module.js';
import { BureauHttpClient } from './exchange/bureau-http.client.js';
import { exchangeGraphqlOptions } from './exchange/exchange-graphql.factory.js';
import { ExchangeModule } from './exchange/exchange.module.js';
import { ExchangePipeline } from './exchange/exchange.pipeline.js';
import { FederationEngineDriver, type FederationEngineDriverConfig } from './federation/federation-engine.driver.js';
import { GatewayConfigModule } from './gateway-config.module.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config.js';
import { HealthModule } from './health/health.module.js';
import { CallerApiModule } from './caller-api/caller-api.module.js';
import { ConsoleModule } from './console/console.module.js';
import { GatewayLedgerModule } from './ledger/ledger.module.js';
import { LedgerWitnessModule } from './ledger/ledger-witness.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { SupergraphModule } from './supergraph/supergraph.module.js';
import { SubjectKeyringModule } from './subjects/subject-keyring.module.js';
import { SupergraphService } from './supergraph/supergraph.service.js';

/**
 * The gateway: configuration, its database and ledger, the exchange
 * endpoint for bureau systems (`/graphql`) and the admin endpoint for people
 * (`/admin/graphql`). `exchange` is the exchange module with its phase table
 * (ExchangeModule.forRoot(); only the benchmark's gateway passes another).
 */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, exchange: DynamicModule = ExchangeModule.forRoot()): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        GatewayConfigModule.forRoot(config),
        SubjectKeyringModule,
        MetricsModule,
        GatewayDatabaseModule,
        GatewayLedgerModule,
        LedgerWitnessModule,
        SupergraphModule,
        HealthModule,
        CallerApiModule,
        ConsoleModule,
        AdminModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AdminModule],
          inject: [AdminAccess, AdminLedgerRecorder],
          useFactory: (access: AdminAccess, recorder: AdminLedgerRecorder) => adminGraphqlOptions(access, recorder, config.limits, ADMIN_RESOLVER_MODULES),
        }),
        GraphQLModule.forRootAsync<FederationEngineDriverConfig>({
          driver: FederationEngineDriver,
          imports: [SupergraphModule, exchange],
          inject: [GATEWAY_CONFIG, SupergraphService, ExchangePipeline, BureauHttpClient],
          useFactory: exchangeGraphqlOptions,
        }),
      ],
    };
  }
}
