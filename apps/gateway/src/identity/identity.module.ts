import { Logger, Module } from '@nestjs/common';
import { CallerAuthenticator, devSystemJwks, ensureDevSystemKey, SystemRegistry } from '#identity';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

async function loadRegistry(config: GatewayConfig): Promise<SystemRegistry> {
  const levels = config.policies.scheme.levels.map((level) => level.name);
  const withoutKeys = SystemRegistry.definitions(config.policiesDir).filter((s) => !s.jwks && !s.jwksUrl);
  if (withoutKeys.length > 0) {
    new Logger('Identity').warn(
      `development keys for ${withoutKeys.map((s) => s.id).join(', ')} (in ${config.dataDir}/keys/systems): give real systems jwks or jwksUrl`,
    );
  }
  for (const system of withoutKeys) await ensureDevSystemKey(config.dataDir, system.id);
  return SystemRegistry.load(config.policiesDir, { levels, devKeys: (id) => devSystemJwks(config.dataDir, id) });
}

/** The registry of calling systems and the authenticator that turns their tokens into a Principal. */
@Module({
  providers: [
    { provide: SystemRegistry, inject: [GATEWAY_CONFIG], useFactory: loadRegistry },
    {
      provide: CallerAuthenticator,
      inject: [SystemRegistry, GATEWAY_CONFIG],
      useFactory: (registry: SystemRegistry, config: GatewayConfig) =>
        new CallerAuthenticator(registry, { audience: config.audience, clockToleranceS: config.clockSkewS }),
    },
  ],
  exports: [SystemRegistry, CallerAuthenticator],
})
export class IdentityModule {}
