import { Module } from '@nestjs/common';
import { PolicyService } from './policy.service.js';

/** Grants, the policy version and the engine built from them. */
@Module({ providers: [PolicyService], exports: [PolicyService] })
export class PolicyModule {}
