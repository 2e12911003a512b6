import { Module } from '@nestjs/common';
import { AdminAccessModule } from '../admin/admin-access.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { NotificationResolver } from './notification.resolver.js';
import { NotificationService } from './notification.service.js';
import { WebhookDispatcher } from './webhook.dispatcher.js';

/** Notifications of the sharing workflow, read through the admin API and delivered to webhooks. */
@Module({
  imports: [AdminAccessModule, SigningModule],
  providers: [NotificationService, NotificationResolver, WebhookDispatcher],
  exports: [NotificationService],
})
export class NotificationsModule {}
