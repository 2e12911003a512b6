import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { GatewayKeystore } from '#exchange-token';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { NotificationEntity } from './notification.entity.js';

/** JOSE `typ` of a notification's signature, so no other token of the gateway's key passes for one. */
export const NOTIFICATION_SIGNATURE_TYPE = 'causeway-notification+jwt';
/** How long one attempt holds a delivery before another replica may try it. */
const CLAIM_MS = 30_000;
const ATTEMPT_TIMEOUT_MS = 10_000;
const BATCH = 20;

/**
 * Delivers notifications to the recipients' webhooks, at least once: a
 * POST of the notification as JSON, with `Causeway-Signature`, a compact
 * JWS by the gateway's key (verifiable with its JWKS) over the body's
 * SHA-256 and the delivery id, and `Causeway-Delivery` for the receiver to
 * drop repeats. A failed attempt is retried after a doubling wait, up to
 * the configured attempts, then left FAILED for people to see. Replicas
 * share the work by claiming a delivery before trying it.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keystore: GatewayKeystore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.workflow.webhooks.size === 0) return;
    const every = Math.min(1_000, this.config.workflow.webhookRetryMs);
    this.timer = setInterval(() => {
      this.running ??= this.deliverDue()
        .catch((error: Error) => this.logger.error(`deliveries not attempted: ${error.message}`))
        .finally(() => (this.running = null));
    }, every);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Tries every delivery that is due now. */
  async deliverDue(): Promise<void> {
    const repository = this.dataSource.getRepository(NotificationEntity);
    const due = await repository.find({ where: { delivery: 'PENDING', nextAttemptAt: LessThanOrEqual(new Date().toISOString()) }, order: { nextAttemptAt: 'ASC' }, take: BATCH });
    for (const notification of due) {
      const claimed = await repository.update(
        { id: notification.id, delivery: 'PENDING', nextAttemptAt: notification.nextAttemptAt! },
        { nextAttemptAt: new Date(Date.now() + CLAIM_MS).toISOString() },
      );
      if (claimed.affected === 1) await this.attempt(notification);
    }
  }

  private async attempt(notification: NotificationEntity): Promise<void> {
    const url = this.config.workflow.webhooks.get(notification.recipient);
    const attempts = notification.attempts + 1;
    let error: string | null = null;
    if (!url) error = 'no webhook configured any more';
    else {
      try {
        const status = await this.post(url, notification, attempts);
        if (status < 200 || status >= 300) error = `answered HTTP ${status}`;
      } catch (failure) {
        error = (failure as Error).name === 'TimeoutError' ? 'no answer in time' : 'not reachable';
      }
    }
    const repository = this.dataSource.getRepository(NotificationEntity);
    if (error === null) {
      await repository.update({ id: notification.id }, { delivery: 'DELIVERED', attempts, nextAttemptAt: null, lastError: null });
      return;
    }
    const failed = attempts >= this.config.workflow.webhookAttempts || !url;
    const wait = this.config.workflow.webhookRetryMs * 2 ** (attempts - 1);
    await repository.update(
      { id: notification.id },
      { delivery: failed ? 'FAILED' : 'PENDING', attempts, nextAttemptAt: failed ? null : new Date(Date.now() + wait).toISOString(), lastError: error },
    );
    if (failed) this.logger.warn(`notification ${notification.id} to ${notification.recipient} not delivered after ${attempts} attempt(s): ${error}`);
  }

  private async post(url: URL, notification: NotificationEntity, attempt: number): Promise<number> {
    const { id, recipient, kind, subject, message, at } = notification;
    const body = JSON.stringify({ id, recipient, kind, subject, message, at });
    const { kid, key } = await this.keystore.current();
    const signature = await new SignJWT({ sha256: createHash('sha256').update(body).digest('base64url') })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: NOTIFICATION_SIGNATURE_TYPE })
      .setIssuer(this.config.issuer)
      .setAudience(recipient)
      .setJti(id)
      .setIssuedAt()
      .sign(key);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'causeway-signature': signature, 'causeway-delivery': id, 'causeway-attempt': String(attempt) },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.status;
  }
}
