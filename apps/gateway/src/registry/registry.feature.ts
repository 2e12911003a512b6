import type { DatabaseFeature } from '#database';
import { CreateRegistry1764100000000 } from './migrations/1764100000000-create-registry.js';
import { AddSystemRateLimit1764500000000 } from './migrations/1764500000000-add-system-rate-limit.js';
import { AddSystemExchangeRules1764600000000 } from './migrations/1764600000000-add-system-exchange-rules.js';
import { RegistryVersion1765400000000 } from './migrations/1765400000000-registry-version.js';
import { BureauEntity } from './bureau.entity.js';
import { OidcIssuerEntity } from './oidc-issuer.entity.js';
import { PersonEntity } from './person.entity.js';
import { PurposeEntity } from './purpose.entity.js';
import { RegistryStateEntity } from './registry-state.entity.js';
import { RegisteredSystemEntity } from './registered-system.entity.js';

/** The registry's tables in the gateway database. */
export const REGISTRY_FEATURE: DatabaseFeature = {
  entities: [PurposeEntity, RegisteredSystemEntity, RegistryStateEntity, BureauEntity, PersonEntity, OidcIssuerEntity],
  migrations: [CreateRegistry1764100000000, AddSystemRateLimit1764500000000, AddSystemExchangeRules1764600000000, RegistryVersion1765400000000],
};
