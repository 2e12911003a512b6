import { Module } from '@nestjs/common';
import { CorrectionsModule } from '../corrections/corrections.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { SupergraphModule } from '../supergraph/supergraph.module.js';
import { CallerRecordsController } from './caller-records.controller.js';
import { CallerRequests } from './caller-requests.service.js';
import { CorrectionReportsController } from './correction-reports.controller.js';
import { SchemaContractController } from './schema-contract.controller.js';

/** What a calling system can ask besides exchanges: its own records (to check receipts), the schema it may read, and correction reports. */
@Module({
  imports: [IdentityModule, PolicyModule, SupergraphModule, CorrectionsModule],
  providers: [CallerRequests],
  controllers: [CallerRecordsController, SchemaContractController, CorrectionReportsController],
})
export class CallerApiModule {}
