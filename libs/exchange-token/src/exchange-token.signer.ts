import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { EXCHANGE_TOKEN_ALGORITHM, EXCHANGE_TOKEN_TTL_S, type ExchangeClaims } from './exchange-token.claims.js';
import type { GatewayKeystore } from './gateway-keystore.js';

/** Signs the short-lived token that binds one forwarded request to its exchange and body. */
export class ExchangeTokenSigner {
  constructor(
    private readonly keystore: GatewayKeystore,
    private readonly issuer: string,
    private readonly ttlSeconds = EXCHANGE_TOKEN_TTL_S,
  ) {}

  async sign(claims: ExchangeClaims): Promise<string> {
    const { kid, key } = await this.keystore.current();
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      dept: claims.department,
      purpose: claims.purpose,
      xid: claims.exchangeId,
      bh: claims.bodyHash,
      ...(claims.traceparent ? { tp: claims.traceparent } : {}),
    })
      .setProtectedHeader({ alg: EXCHANGE_TOKEN_ALGORITHM, kid, typ: 'causeway-exchange+jwt' })
      .setIssuer(this.issuer)
      .setAudience(claims.bureau)
      .setSubject(claims.system)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(key);
  }
}
