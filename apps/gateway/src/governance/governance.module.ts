import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../admin/admin-access.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { SupergraphModule } from '../supergraph/supergraph.module.js';
import { ApplicationAnswerService } from './application-answer.service.js';
import { ApplicationReviewResolver } from './application-review.resolver.js';
import { ApplicationReviewService } from './application-review.service.js';
import { ApplicationSteps } from './application-steps.service.js';
import { ApplicationResolver } from './application.resolver.js';
import { ApplicationService } from './application.service.js';
import { CalendarModule } from './calendar.module.js';
import { GrantValidator } from './grant-validator.service.js';
import { GrantResolver } from './grant.resolver.js';
import { GrantService } from './grant.service.js';
import { SimulationResolver } from './simulation.resolver.js';
import { SimulationService } from './simulation.service.js';
import { WorkflowResolver } from './workflow.resolver.js';
import { WorkflowSweeper } from './workflow.sweeper.js';

/** Officers and administrators: the catalog, grants, what-if questions and the conditional-sharing workflow. */
@Module({
  imports: [AdminAccessModule, PolicyModule, SupergraphModule, IdentityModule, CalendarModule, NotificationsModule],
  providers: [
    GrantValidator,
    GrantService,
    GrantResolver,
    SimulationService,
    SimulationResolver,
    ApplicationSteps,
    ApplicationService,
    ApplicationReviewService,
    ApplicationAnswerService,
    ApplicationResolver,
    ApplicationReviewResolver,
    WorkflowResolver,
    WorkflowSweeper,
  ],
})
export class GovernanceModule {}
