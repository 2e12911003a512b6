import { Module } from '@nestjs/common';
import { devPeopleJwks, ensureDevPeopleKey, PersonAuthenticator } from '#identity';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { IdentityModule } from '../identity/identity.module.js';
import { QuotaModule } from '../quota/quota.module.js';
import { RegistryService } from '../registry/registry.service.js';
import { AdminAccess } from './admin-access.service.js';
import { AdminErrorFilter } from './admin-error.mapper.js';
import { AdminLedgerRecorder } from './admin-ledger.recorder.js';
import { RolesGuard } from './roles.guard.js';

async function personAuthenticator(config: GatewayConfig, registry: RegistryService): Promise<PersonAuthenticator> {
  if (config.devPeopleTokens) await ensureDevPeopleKey(config.dataDir);
  return new PersonAuthenticator({
    // The registry's people, read on every request: a change through the admin API applies at once.
    people: () => registry.people(),
    ...(config.devPeopleTokens ? { devKeys: devPeopleJwks(config.dataDir) } : {}),
    issuers: () => registry.issuers(),
    clockToleranceS: config.clockSkewS,
  });
}

/** What every admin handler stands on: who the person is, the role guard, the error mapper, and the ledger record of each request. */
@Module({
  imports: [QuotaModule, IdentityModule],
  providers: [{ provide: PersonAuthenticator, inject: [GATEWAY_CONFIG, RegistryService], useFactory: personAuthenticator }, AdminAccess, AdminLedgerRecorder, RolesGuard, AdminErrorFilter],
  exports: [PersonAuthenticator, AdminAccess, AdminLedgerRecorder, RolesGuard, AdminErrorFilter],
})
export class AdminAccessModule {}
