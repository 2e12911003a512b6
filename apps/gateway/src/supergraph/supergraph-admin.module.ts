import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../admin/admin-access.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { SupergraphAdminService } from './supergraph-admin.service.js';
import { SupergraphModule } from './supergraph.module.js';
import { SupergraphResolver } from './supergraph.resolver.js';

/** Administrators: bureaus and supergraph versions. */
@Module({ imports: [AdminAccessModule, IdentityModule, SupergraphModule], providers: [SupergraphAdminService, SupergraphResolver] })
export class SupergraphAdminModule {}
