import { Inject, Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { headerLines } from '#config';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { fromThisHost } from '../loopback.js';
import { readMetricsToken, type MetricsConfig } from './metrics.config.js';

/**
 * Who may read GET /metrics. Its series name the calling systems, their
 * purposes and the owner departments read — who reads whose data, which
 * the ledger shows an owner's officers for their own data only — and it is
 * served on the port every caller reaches. So:
 *   - without a token file, only callers on this host (operators, `curl
 *     localhost`);
 *   - with CAUSEWAY_METRICS_TOKEN_FILE, only a scraper presenting that
 *     token as `Authorization: Bearer …`, from this host too (a proxy on
 *     the same host would otherwise open it to everyone behind it).
 * Anyone else is answered as for a path that does not exist (404
 * NOT_FOUND, recorded like every refusal): the answer does not tell that
 * metrics are there to be had.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (mayScrape(context.switchToHttp().getRequest<IncomingMessage>(), this.config.metrics)) return true;
    throw new NotFoundException();
  }
}

export function mayScrape(request: IncomingMessage, config: MetricsConfig): boolean {
  if (config.tokenFile === null) return fromThisHost(request);
  // A request without a bearer is refused before the disk is touched: a flood of bare requests reads no file.
  // Two Authorization headers are no token: Node keeps the first, a proxy may have read the last.
  if (headerLines(request.rawHeaders, 'authorization') > 1) return false;
  const presented = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!presented) return false;
  // Read at each scrape: a rotated file takes effect without a restart; an unreadable one lets nobody in.
  const token = readMetricsToken(config.tokenFile);
  if (!token) return false;
  // Compared as digests: timingSafeEqual needs equal lengths, and the time taken says nothing of the token.
  return timingSafeEqual(digest(token), digest(presented));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
