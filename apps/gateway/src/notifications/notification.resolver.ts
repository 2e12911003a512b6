import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import type { NotificationEntity } from './notification.entity.js';
import { NotificationService } from './notification.service.js';

@ObjectType({ description: 'A notification of the sharing workflow (通知).' })
export class NotificationModel {
  @Field() id!: string;
  @Field({ description: 'a department, or data-authority (the administrators)' }) recipient!: string;
  @Field({ description: 'e.g. application.submitted, application.answered, application.overdue, correction.filed, grant.expiring' }) kind!: string;
  @Field({ description: 'the application, correction report or grant it is about' }) subject!: string;
  @Field() message!: string;
  @Field() at!: string;
  @Field({ description: "NONE (no webhook), PENDING, DELIVERED or FAILED: its delivery to the recipient's webhook" }) delivery!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;

  static of(row: NotificationEntity): NotificationModel {
    const { id, recipient, kind, subject, message, at, delivery, attempts, lastError } = row;
    return Object.assign(new NotificationModel(), { id, recipient, kind, subject, message, at, delivery, attempts, lastError });
  }
}

/** An officer's notifications (their department's), an administrator's (the data authority's); auditors read all. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

  @Query(() => [NotificationModel], { description: 'newest first; page with `before` = the last id of the previous page' })
  @Roles('officer', 'administrator', 'auditor')
  async notifications(
    @Context() context: AdminContext,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
    @Args('before', { type: () => String, nullable: true }) before: string | null,
  ): Promise<NotificationModel[]> {
    return (await this.service.list(context.person, limit, before)).map((row) => NotificationModel.of(row));
  }
}
