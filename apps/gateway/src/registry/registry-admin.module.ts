import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../admin/admin-access.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { RegistryAdminService } from './registry-admin.service.js';
import { RegistryResolver } from './registry.resolver.js';

/** Administrators: the registry of calling systems and purposes. */
@Module({ imports: [AdminAccessModule, IdentityModule], providers: [RegistryAdminService, RegistryResolver] })
export class RegistryAdminModule {}
