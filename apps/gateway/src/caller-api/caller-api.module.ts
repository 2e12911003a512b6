import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { SupergraphModule } from '../supergraph/supergraph.module.js';
import { CallerRecordsController } from './caller-records.controller.js';
import { CallerRequests } from './caller-requests.service.js';
import { SchemaContractController } from './schema-contract.controller.js';

/** What a calling system can ask besides exchanges: its own records (to check receipts) and the schema it may read. */
@Module({ imports: [IdentityModule, PolicyModule, SupergraphModule], providers: [CallerRequests], controllers: [CallerRecordsController, SchemaContractController] })
export class CallerApiModule {}
