import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../admin/admin-access.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';
import { EvidenceResolver } from './evidence.resolver.js';
import { LedgerExportController } from './ledger-export.controller.js';
import { OwnerUsageResolver } from './owner-usage.resolver.js';
import { SubjectExchangesResolver } from './subject-exchanges.resolver.js';
import { VerificationRuns } from './verification-runs.service.js';
import { SupergraphModule } from '../supergraph/supergraph.module.js';

/** Auditors: search, read, count, verify (on demand and on a schedule, each run noted), check receipts and export the ledger; owners' officers: who reads their data; both: who read a person's or enterprise's data. */
@Module({
  imports: [AdminAccessModule, SigningModule, SupergraphModule],
  providers: [AuditService, AuditResolver, EvidenceResolver, VerificationRuns, OwnerUsageResolver, SubjectExchangesResolver],
  controllers: [LedgerExportController],
})
export class AuditModule {}
