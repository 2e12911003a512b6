import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CorrectionsModule } from '../corrections/corrections.module.js';
import { CalendarModule } from '../governance/calendar.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RegistryAdminModule } from '../registry/registry-admin.module.js';
import { SupergraphAdminModule } from '../supergraph/supergraph-admin.module.js';
import { TrustedDocumentsModule } from '../trusted-documents/trusted-documents.module.js';
import { AdminAccessModule } from './admin-access.module.js';
import { MeResolver } from './me.resolver.js';

/**
 * The admin endpoint for people (`/admin/graphql` and the ledger export):
 * auditors read the ledger; officers and administrators govern access
 * and the operations registered for calling systems; administrators the
 * registry of calling systems and purposes, the bureaus and the supergraph
 * versions they make.
 * Its schema is built from the resolvers of the modules listed in
 * ADMIN_RESOLVER_MODULES.
 */
@Module({
  imports: [AdminAccessModule, GovernanceModule, CalendarModule, CorrectionsModule, NotificationsModule, AuditModule, TrustedDocumentsModule, RegistryAdminModule, SupergraphAdminModule],
  providers: [MeResolver],
  exports: [AdminAccessModule],
})
export class AdminModule {}

/** The modules whose resolvers make up the admin schema. */
export const ADMIN_RESOLVER_MODULES = [
  AdminModule,
  GovernanceModule,
  CalendarModule,
  CorrectionsModule,
  NotificationsModule,
  AuditModule,
  TrustedDocumentsModule,
  RegistryAdminModule,
  SupergraphAdminModule,
];
