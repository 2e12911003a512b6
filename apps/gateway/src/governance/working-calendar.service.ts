import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CLOCK, readPolicyFile, type Clock } from '#config';
import { seedOnce } from '#database';
import type { Person } from '#identity';
import { AdminError } from '../admin/admin.error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { GovernanceChain } from '../policy/governance-chain.service.js';
import { WorkCalendarYearEntity } from './work-calendar-year.entity.js';
import { addWorkingDays, isWorkingDay, type WorkingCalendar } from './working-days.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const yearSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  source: z.string().max(300).nullable().default(null),
  holidays: z.array(z.string().regex(DATE)).max(60).default([]),
  workdays: z.array(z.string().regex(DATE)).max(30).default([]),
});
const fileSchema = z.object({ years: z.array(yearSchema) });
export type CalendarYear = z.infer<typeof yearSchema>;

/**
 * The working calendar the workflow's deadlines are counted by: copied
 * from policies/calendar.yaml into the gateway database on first start,
 * then kept by administrators through the admin API, a year at a time,
 * each change recorded in the ledger. Read from the database for every
 * deadline, so all replicas count alike the moment a year is corrected.
 */
@Injectable()
export class WorkingCalendarService implements OnModuleInit {
  private readonly logger = new Logger('Calendar');

  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: GovernanceChain,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    const file = join(this.config.policiesDir, 'calendar.yaml');
    if (!existsSync(file)) return;
    const years = readPolicyFile(fileSchema, file).years.map((year) => checkYear(year));
    await seedOnce(
      this.dataSource,
      async (manager) => (await manager.count(WorkCalendarYearEntity)) === 0,
      async (manager) => {
        await this.chain.lock(manager);
        for (const year of years) await manager.insert(WorkCalendarYearEntity, this.rowOf(year, 'seed'));
        await this.chain.record(
          manager,
          this.entry(
            'seed',
            'seed',
            'calendar',
            null,
            years.map((year) => year.year),
          ),
        );
      },
    );
  }

  async years(): Promise<WorkCalendarYearEntity[]> {
    return this.dataSource.getRepository(WorkCalendarYearEntity).find({ order: { year: 'ASC' } });
  }

  /** The calendar as the deadlines count it now. */
  async calendar(): Promise<WorkingCalendar & { years: number[] }> {
    const rows = await this.years();
    return {
      timeZone: this.config.workflow.timeZone,
      holidays: new Set(rows.flatMap((row) => row.holidays)),
      workdays: new Set(rows.flatMap((row) => row.workdays)),
      years: rows.map((row) => row.year),
    };
  }

  /** `days` working days after now (the workflow's clock), as ISO 8601. */
  async due(days: number): Promise<string> {
    const calendar = await this.calendar();
    const due = addWorkingDays(new Date(this.clock.now()), days, calendar);
    const year = due.getUTCFullYear();
    if (!calendar.years.includes(year)) this.logger.warn(`no working calendar for ${year}: its public holidays are not skipped (add it with putCalendarYear)`);
    return due.toISOString();
  }

  /** Replaces one year of the calendar (an administrator), recorded with what it was before. */
  async putYear(person: Person, input: CalendarYear): Promise<WorkCalendarYearEntity> {
    if (!person.roles.includes('administrator')) throw AdminError.forbidden('Only an administrator keeps the working calendar.');
    let year: CalendarYear;
    try {
      year = checkYear(yearSchema.parse(input));
    } catch (error) {
      throw AdminError.badInput(error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') : (error as Error).message, 'input');
    }
    const row = this.rowOf(year, person.id);
    await this.dataSource.transaction(async (manager) => {
      await this.chain.lock(manager);
      const before = await manager.findOneBy(WorkCalendarYearEntity, { year: year.year });
      await manager.delete(WorkCalendarYearEntity, { year: year.year });
      await manager.insert(WorkCalendarYearEntity, row);
      await this.chain.record(manager, this.entry(person.id, 'put', String(year.year), before, year));
    });
    return row;
  }

  private rowOf(year: CalendarYear, by: string): WorkCalendarYearEntity {
    return {
      year: year.year,
      holidays: [...year.holidays].sort(),
      workdays: [...year.workdays].sort(),
      source: year.source,
      updatedBy: by,
      updatedAt: new Date(this.clock.now()).toISOString(),
    };
  }

  private entry(actor: string, action: 'seed' | 'put', subject: string, before: unknown, after: unknown) {
    return { kind: 'calendar' as const, exchangeId: randomUUID(), at: new Date().toISOString(), actor, action, subject, before, after, policyVersion: null };
  }
}

/** A year whose dates are real dates of that year, none both off and worked, and every make-up working day a weekend. */
function checkYear(year: CalendarYear): CalendarYear {
  for (const date of [...year.holidays, ...year.workdays]) {
    const parsed = new Date(`${date}T00:00:00Z`);
    if (!date.startsWith(`${year.year}-`) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) throw new Error(`${date} is not a date of ${year.year}`);
  }
  const both = year.holidays.filter((date) => year.workdays.includes(date));
  if (both.length > 0) throw new Error(`${both.join(', ')}: both a holiday and a working day`);
  const weekdays = year.workdays.filter((date) => isWorkingDay(date, { timeZone: 'UTC', holidays: new Set(), workdays: new Set() }));
  if (weekdays.length > 0) throw new Error(`workdays are weekend days worked (调休); ${weekdays.join(', ')} is a weekday already`);
  return year;
}
