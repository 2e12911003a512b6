import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PolicyService } from './policy.service.js';

/** Grants, the policy version and the engine built from them; changes recorded in the ledger. */
@Module({ imports: [LedgerModule], providers: [PolicyService], exports: [PolicyService] })
export class PolicyModule {}
