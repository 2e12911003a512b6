import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../admin/admin-access.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';
import { LedgerExportController } from './ledger-export.controller.js';
import { OwnerUsageResolver } from './owner-usage.resolver.js';
import { SubjectExchangesResolver } from './subject-exchanges.resolver.js';
import { SupergraphModule } from '../supergraph/supergraph.module.js';

/** Auditors: search, read, count, verify and export the ledger; owners' officers: who reads their data; both: who read a person's or enterprise's data. */
@Module({
  imports: [AdminAccessModule, SigningModule, SupergraphModule],
  providers: [AuditService, AuditResolver, OwnerUsageResolver, SubjectExchangesResolver],
  controllers: [LedgerExportController],
})
export class AuditModule {}
