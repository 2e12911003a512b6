import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../admin/admin-access.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { SupergraphModule } from '../supergraph/supergraph.module.js';
import { TrustedDocumentResolver } from './trusted-document.resolver.js';
import { TrustedDocumentService } from './trusted-document.service.js';

/** Registered operations per calling system: managed on the admin API, looked up by the exchange pipeline. */
@Module({
  imports: [AdminAccessModule, PolicyModule, SupergraphModule, IdentityModule],
  providers: [TrustedDocumentService, TrustedDocumentResolver],
  exports: [TrustedDocumentService],
})
export class TrustedDocumentsModule {}
