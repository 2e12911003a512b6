import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { devSystemSigningKey } from './dev-system-keys.js';

/** Longest a client assertion may live (exp − now). */
export const MAX_ASSERTION_TTL_S = 300;

/** Signs a client assertion as a demo system would (development, `causeway token`). */
export async function signDevClientAssertion(options: { dataDir: string; system: string; audience: string; purpose?: string; ttlSeconds?: number }): Promise<string> {
  const { kid, key } = await devSystemSigningKey(options.dataDir, options.system);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(options.purpose ? { purpose: options.purpose } : {})
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .setIssuer(options.system)
    .setSubject(options.system)
    .setAudience(options.audience)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? MAX_ASSERTION_TTL_S))
    .sign(key);
}
