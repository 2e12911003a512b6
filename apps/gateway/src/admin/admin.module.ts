import { Module } from '@nestjs/common';
import { devPeopleJwks, ensureDevPeopleKey, OidcIssuer, PersonAuthenticator } from '#identity';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { IdentityModule } from '../identity/identity.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { SupergraphModule } from '../supergraph/supergraph.module.js';
import { ApplicationService } from '../governance/application.service.js';
import { ApplicationResolver } from './application.resolver.js';
import { GovernanceResolver } from './governance.resolver.js';
import { AdminLedgerRecorder } from './admin-ledger.recorder.js';
import { LedgerExportController } from './ledger-export.controller.js';
import { LedgerResolver } from './ledger.resolver.js';
import { RolesGuard } from './roles.guard.js';

/** The admin API for people: auditors read the ledger; officers and administrators manage grants. */
@Module({
  imports: [LedgerModule, SigningModule, PolicyModule, SupergraphModule, IdentityModule],
  providers: [
    LedgerResolver,
    GovernanceResolver,
    ApplicationResolver,
    ApplicationService,
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
