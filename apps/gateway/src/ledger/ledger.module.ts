import { GatewayKeystore } from '#exchange-token';
import { LedgerModule } from '#ledger';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { GovernanceChain } from '../policy/governance-chain.service.js';
import { REGISTRY_CHAIN } from '../registry/registry-change.js';
import { SigningModule } from '../signing/signing.module.js';

/**
 * The exchange ledger of this gateway process (libs/ledger): checkpoints of
 * the whole ledger, linked in one sequence, signed with the gateway's keys; a commit window of 4 ms on SQLite (one
 * fsync carries a group) and none on PostgreSQL, unless configured.
 */
export const GatewayLedgerModule = LedgerModule.forRootAsync({
  imports: [SigningModule],
  inject: [GATEWAY_CONFIG, GatewayKeystore],
  useFactory: (config: GatewayConfig, keystore: GatewayKeystore) => ({
    checkpointMs: config.ledger.checkpointMs,
    commitWindowMs: config.ledger.commitWindowMs ?? (config.database.type === 'sqlite' ? 4 : 0),
    issuer: config.issuer,
    levelRanks: config.policies.scheme.ranks,
    // Every replica writes the governance and registry chains (under their locks): each one's checkpoints state them.
    sharedChains: [GovernanceChain.NAME, REGISTRY_CHAIN],
    signer: () => keystore.current(),
  }),
});
