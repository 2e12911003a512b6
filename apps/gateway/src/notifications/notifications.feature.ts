import type { DatabaseFeature } from '#database';
import { CreateNotifications1765600000003 } from './migrations/1765600000003-create-notifications.js';
import { NotificationEntity } from './notification.entity.js';

/** Notifications and their deliveries in the gateway database. */
export const NOTIFICATIONS_FEATURE: DatabaseFeature = { entities: [NotificationEntity], migrations: [CreateNotifications1765600000003] };
