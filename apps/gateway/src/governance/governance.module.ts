import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../admin/admin-access.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { SupergraphModule } from '../supergraph/supergraph.module.js';
import { ApplicationResolver } from './application.resolver.js';
import { ApplicationService } from './application.service.js';
import { GrantValidator } from './grant-validator.service.js';
import { GrantResolver } from './grant.resolver.js';
import { GrantService } from './grant.service.js';
import { SimulationResolver } from './simulation.resolver.js';
import { SimulationService } from './simulation.service.js';

/** Officers and administrators: the catalog, grants, what-if questions and conditional-sharing applications. */
@Module({
  imports: [AdminAccessModule, PolicyModule, SupergraphModule, IdentityModule],
  providers: [GrantValidator, GrantService, GrantResolver, SimulationService, SimulationResolver, ApplicationService, ApplicationResolver],
})
export class GovernanceModule {}
