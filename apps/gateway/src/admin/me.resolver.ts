import { UseFilters, UseGuards } from '@nestjs/common';
import { Context, Query, Resolver } from '@nestjs/graphql';
import type { AdminContext } from './admin.context.js';
import { AdminErrorFilter } from './admin-error.mapper.js';
import { PersonModel } from './person.model.js';
import { Roles } from './roles.decorator.js';
import { RolesGuard } from './roles.guard.js';

/** Who is asking. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class MeResolver {
  @Query(() => PersonModel, { description: 'who is asking, with the roles people.yaml gives them' })
  @Roles('auditor', 'officer', 'administrator')
  me(@Context() context: AdminContext): PersonModel {
    const { id, name, roles, department } = context.person;
    return { id, name, roles, department };
  }
}
