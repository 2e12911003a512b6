import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../admin/admin-access.module.js';
import { CalendarModule } from '../governance/calendar.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { CorrectionResolver } from './correction.resolver.js';
import { CorrectionService } from './correction.service.js';
import { ObjectionMarksModule } from './objection-marks.module.js';

/** Correction reports (校核纠错) and objection marks: filed by consumers, handled by owners. */
@Module({
  imports: [AdminAccessModule, PolicyModule, CalendarModule, NotificationsModule, ObjectionMarksModule],
  providers: [CorrectionService, CorrectionResolver],
  exports: [CorrectionService],
})
export class CorrectionsModule {}
