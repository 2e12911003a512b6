import { Module } from '@nestjs/common';
import { GovernanceChain } from './governance-chain.service.js';
import { PolicyService } from './policy.service.js';
import { PolicyStore } from './policy.store.js';

/** Grants, the policy version and the engine built from them; changes recorded in the ledger's governance chain. */
@Module({ providers: [PolicyStore, GovernanceChain, PolicyService], exports: [PolicyService, PolicyStore, GovernanceChain] })
export class PolicyModule {}
