import { SetMetadata } from '@nestjs/common';
import type { Role } from '#identity';

export const ROLES_KEY = 'causeway:roles';

/** The roles of which a person needs one to call this resolver (checked by RolesGuard). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
