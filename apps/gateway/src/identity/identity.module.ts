import { Module } from '@nestjs/common';
import { CallerAuthenticator } from '#identity';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { RegistryService } from '../registry/registry.service.js';
import { RegistryStore } from '../registry/registry.store.js';
import { CallerReplays } from './caller-replays.service.js';

/** The registry of calling systems and the authenticator that turns their tokens into a Principal. */
@Module({
  providers: [
    RegistryStore,
    RegistryService,
    CallerReplays,
    {
      provide: CallerAuthenticator,
      inject: [RegistryService, GATEWAY_CONFIG, CallerReplays],
      useFactory: (registry: RegistryService, config: GatewayConfig, replays: CallerReplays) =>
        new CallerAuthenticator(registry, {
          replays,
          audience: config.audience,
          clockToleranceS: config.clockSkewS,
          // The registry's issuers, read on every request: a change through the admin API applies at once.
          issuers: () => registry.issuers(),
        }),
    },
  ],
  exports: [RegistryService, RegistryStore, CallerAuthenticator],
})
export class IdentityModule {}
