import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '#identity';
import { AdminAccess } from './admin-access.service.js';
import type { AdminContext, AdminHttpRequest } from './admin.context.js';
import { AdminError } from './admin.error.js';
import { ROLES_KEY } from './roles.decorator.js';

/**
 * Every admin resolver and controller passes here. Fail closed: a handler
 * that declares no roles is refused to everyone, so one added without
 * thinking about who may call it cannot leak. On GraphQL the person comes
 * from the request's context (authenticated before parsing); on HTTP it is
 * authenticated here and kept on the request.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AdminAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const needed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    const { person } = await this.adminContext(context);
    if (person && needed.some((role) => person.roles.includes(role))) return true;
    throw AdminError.forbidden(`This needs the role ${needed.join(' or ') || '(none declared)'}.`);
  }

  private async adminContext(context: ExecutionContext): Promise<Partial<AdminContext>> {
    if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<AdminContext>();
    const request = context.switchToHttp().getRequest<AdminHttpRequest>();
    request.adminContext ??= await this.access.authenticate(request);
    return request.adminContext;
  }
}
