import { Module } from '@nestjs/common';
import { devPeopleJwks, ensureDevPeopleKey, OidcIssuer, PersonAuthenticator } from '#identity';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { AdminLedgerRecorder } from './admin-ledger.recorder.js';
import { LedgerExportController } from './ledger-export.controller.js';
import { LedgerResolver } from './ledger.resolver.js';
import { RolesGuard } from './roles.guard.js';

/** The admin API for people: auditors now (officers with the governance issue). */
@Module({
  imports: [LedgerModule, SigningModule],
  providers: [
    LedgerResolver,
    RolesGuard,
    AdminLedgerRecorder,
    {
      provide: PersonAuthenticator,
      inject: [GATEWAY_CONFIG],
      useFactory: async (config: GatewayConfig) => {
        if (config.devPeopleTokens) await ensureDevPeopleKey(config.dataDir);
        return new PersonAuthenticator({
          people: () => config.people,
          ...(config.devPeopleTokens ? { devKeys: devPeopleJwks(config.dataDir) } : {}),
          issuers: config.issuers.filter((definition) => definition.personClaim).map((definition) => new OidcIssuer(definition, { jwksCooldownMs: config.jwksCooldownMs })),
          clockToleranceS: config.clockSkewS,
        });
      },
    },
  ],
  controllers: [LedgerExportController],
  exports: [PersonAuthenticator, AdminLedgerRecorder],
})
export class AdminModule {}
