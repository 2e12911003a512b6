import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { CLOCK, type Clock } from '#config';
import type { Person } from '#identity';
import { AdminError } from '../admin/admin.error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { NotificationEntity } from './notification.entity.js';

/** The most notifications one page holds. */
const MAX_LIMIT = 200;

/** The recipient of what the data authority (the administrators) must act on. */
export const DATA_AUTHORITY = 'data-authority';

/** What a step announces, and to whom: a department, or DATA_AUTHORITY. */
export interface Notice {
  recipient: string;
  kind: string;
  subject: string;
  message: string;
}

/**
 * Notifications of the sharing workflow: written in the transaction of the
 * step they announce; read by the recipient's officers (administrators read
 * the data authority's, auditors all); delivered to the recipient's
 * webhook when one is configured (WebhookDispatcher).
 */
@Injectable()
export class NotificationService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async notifyWithin(manager: EntityManager, notices: readonly Notice[]): Promise<void> {
    const at = new Date(this.clock.now()).toISOString();
    const rows: NotificationEntity[] = notices.map((notice) => ({
      id: randomUUID(),
      ...notice,
      at,
      delivery: this.config.workflow.webhooks.has(notice.recipient) ? 'PENDING' : 'NONE',
      attempts: 0,
      // Deliveries run on real time: the workflow's clock may stand still (tests) without holding them back.
      nextAttemptAt: new Date().toISOString(),
      lastError: null,
    }));
    if (rows.length > 0) await manager.insert(NotificationEntity, rows);
  }

  /** Whether a notice of `kind` about `subject` was already given (reminders are given once). */
  async given(kind: string, subject: string): Promise<boolean> {
    return (await this.dataSource.getRepository(NotificationEntity).countBy({ kind, subject })) > 0;
  }

  /** The notifications `person` may read, newest first, `limit` at a time before the notification `before` (keyset paging). */
  async list(person: Person, limit: number, before: string | null): Promise<NotificationEntity[]> {
    // Out of range is the asker's mistake, refused like every list's page size (it was read as 1 or as 200, silently).
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw AdminError.badInput(`limit must be between 1 and ${MAX_LIMIT}`, 'limit');
    const repository = this.dataSource.getRepository(NotificationEntity);
    const recipients = person.roles.includes('auditor')
      ? null
      : [...(person.roles.includes('officer') && person.department ? [person.department] : []), ...(person.roles.includes('administrator') ? [DATA_AUTHORITY] : [])];
    if (recipients?.length === 0) return [];
    const cursor = before ? await repository.findOneBy({ id: before }) : null;
    // A cursor that is not a notification of this list is refused, never read as "from the start".
    if (before && (!cursor || (recipients !== null && !recipients.includes(cursor.recipient))))
      throw AdminError.badInput(`before: "${before}" is not in this list (the cursor is from another one)`, 'before');
    const where: Array<FindOptionsWhere<NotificationEntity>> = (recipients ?? [undefined]).flatMap((recipient) => {
      const base = recipient ? { recipient } : {};
      if (!cursor) return [base];
      return [
        { ...base, at: LessThan(cursor.at) },
        { ...base, at: cursor.at, id: LessThan(cursor.id) },
      ];
    });
    return repository.find({ where, order: { at: 'DESC', id: 'DESC' }, take: limit });
  }
}
