import { DatabaseModule, type DatabaseFeature } from '#database';
import { LEDGER_FEATURE } from '#ledger';
import { AUDIT_FEATURE } from '../audit/audit.feature.js';
import { CORRECTIONS_FEATURE } from '../corrections/corrections.feature.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { GOVERNANCE_FEATURE } from '../governance/governance.feature.js';
import { NOTIFICATIONS_FEATURE } from '../notifications/notifications.feature.js';
import { POLICY_FEATURE } from '../policy/policy.feature.js';
import { REGISTRY_FEATURE } from '../registry/registry.feature.js';
import { SUPERGRAPH_FEATURE } from '../supergraph/supergraph.feature.js';
import { TRUSTED_DOCUMENTS_FEATURE } from '../trusted-documents/trusted-documents.feature.js';

/** Everything the gateway keeps in its database, feature by feature. */
export const GATEWAY_FEATURES: readonly DatabaseFeature[] = [
  REGISTRY_FEATURE,
  POLICY_FEATURE,
  LEDGER_FEATURE,
  GOVERNANCE_FEATURE,
  TRUSTED_DOCUMENTS_FEATURE,
  SUPERGRAPH_FEATURE,
  CORRECTIONS_FEATURE,
  NOTIFICATIONS_FEATURE,
  AUDIT_FEATURE,
];

/** The gateway's one database connection (SQLite embedded, PostgreSQL in production), migrated at start. */
export const GatewayDatabaseModule = DatabaseModule.forRoot({
  inject: [GATEWAY_CONFIG],
  database: (config: GatewayConfig) => config.database,
  features: GATEWAY_FEATURES,
});
