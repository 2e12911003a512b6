import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Role } from '#identity';
import type { AdminContext } from './admin.context.js';
import { ROLES_KEY } from './roles.decorator.js';

/**
 * Every admin resolver passes here. Fail closed: a resolver that declares
 * no roles is refused to everyone, so a resolver added without thinking
 * about who may call it cannot leak.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const needed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    const { person } = GqlExecutionContext.create(context).getContext<AdminContext>();
    if (person && needed.some((role) => person.roles.includes(role))) return true;
    throw new GraphQLError(`This needs the role ${needed.join(' or ') || '(none declared)'}.`, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  }
}
