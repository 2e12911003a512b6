import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../admin/admin-access.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';
import { LedgerExportController } from './ledger-export.controller.js';
import { OwnerUsageResolver } from './owner-usage.resolver.js';

/** Auditors: search, read, count, verify and export the ledger; owners' officers: who reads their data. */
@Module({
  imports: [AdminAccessModule, SigningModule],
  providers: [AuditService, AuditResolver, OwnerUsageResolver],
  controllers: [LedgerExportController],
})
export class AuditModule {}
