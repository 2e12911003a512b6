import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../admin/admin-access.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { CalendarResolver } from './calendar.resolver.js';
import { WorkingCalendarService } from './working-calendar.service.js';

/** The working calendar every deadline of the sharing workflow is counted by. */
@Module({ imports: [AdminAccessModule, PolicyModule], providers: [WorkingCalendarService, CalendarResolver], exports: [WorkingCalendarService] })
export class CalendarModule {}
