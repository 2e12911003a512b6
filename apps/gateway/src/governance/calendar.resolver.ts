import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Context, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { AdminContext } from '../admin/admin.context.js';
import { AdminErrorFilter } from '../admin/admin-error.mapper.js';
import { Roles } from '../admin/roles.decorator.js';
import { RolesGuard } from '../admin/roles.guard.js';
import type { WorkCalendarYearEntity } from './work-calendar-year.entity.js';
import { WorkingCalendarService } from './working-calendar.service.js';

@ObjectType({ description: 'One year of the working calendar (工作日历) the deadlines are counted by.' })
export class CalendarYearModel {
  @Field(() => Int) year!: number;
  @Field(() => [String], { description: 'weekdays off (法定节假日), YYYY-MM-DD' }) holidays!: string[];
  @Field(() => [String], { description: 'weekend days worked (调休上班日), YYYY-MM-DD' }) workdays!: string[];
  @Field(() => String, { nullable: true, description: 'the notice the dates come from' }) source!: string | null;
  @Field() updatedBy!: string;
  @Field() updatedAt!: string;

  static of(row: WorkCalendarYearEntity): CalendarYearModel {
    return Object.assign(new CalendarYearModel(), row);
  }
}

@InputType()
export class CalendarYearInput {
  @Field(() => Int) year!: number;
  @Field(() => [String]) holidays!: string[];
  @Field(() => [String]) workdays!: string[];
  @Field(() => String, { nullable: true }) source?: string | null;
}

/** The working calendar: everyone reads it; administrators keep it. */
@Resolver()
@UseGuards(RolesGuard)
@UseFilters(AdminErrorFilter)
export class CalendarResolver {
  constructor(private readonly calendar: WorkingCalendarService) {}

  @Query(() => [CalendarYearModel], { description: 'the years of the working calendar; a year absent counts weekends only' })
  @Roles('officer', 'administrator', 'auditor')
  async calendarYears(): Promise<CalendarYearModel[]> {
    return (await this.calendar.years()).map((row) => CalendarYearModel.of(row));
  }

  @Mutation(() => CalendarYearModel, { description: 'add or replace a year of the working calendar (e.g. when the State Council publishes the next year’s holidays)' })
  @Roles('administrator')
  async putCalendarYear(@Context() context: AdminContext, @Args('input', { type: () => CalendarYearInput }) input: CalendarYearInput): Promise<CalendarYearModel> {
    return CalendarYearModel.of(await this.calendar.putYear(context.person, { ...input, source: input.source ?? null }));
  }
}
