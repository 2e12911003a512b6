import { describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallerAuthenticator } from './caller-authenticator.js';
import { PurposeNotAllowedError } from './identity.error.js';
import { readRegistryFiles, SystemRegistry } from './system-registry.js';

const SYSTEM = 'civil-affairs.subsidy-review';
const AUDIENCE = 'causeway-gateway';

async function setup() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' };
  const dir = mkdtempSync(join(tmpdir(), 'causeway-identity-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'purposes.yaml'), 'purposes:\n  subsidy-eligibility: x\n  business-licensing: y\n');
  writeFileSync(
    join(dir, 'systems.yaml'),
    `systems:\n  - id: ${SYSTEM}\n    department: civil-affairs\n    clearance: SENSITIVE\n    purposes: [subsidy-eligibility]\n    jwks: ${JSON.stringify({ keys: [publicJwk] })}\n`,
  );
  const registry = SystemRegistry.build(readRegistryFiles(dir), { levels: ['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'] });
  return { privateKey, publicJwk, authenticator: new CallerAuthenticator({ current: () => registry }, { audience: AUDIENCE, clockToleranceS: 5 }) };
}

interface Variant {
  header?: Record<string, unknown>;
  iss?: string;
  sub?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  purpose?: string | null;
  key?: CryptoKey;
}

async function assertion(key: CryptoKey, variant: Variant = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(variant.purpose === null ? {} : { purpose: variant.purpose ?? 'subsidy-eligibility' })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'k1', ...variant.header })
    .setIssuer(variant.iss ?? SYSTEM)
    .setSubject(variant.sub ?? SYSTEM)
    .setAudience(variant.aud ?? AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt(variant.iat ?? now)
    .setExpirationTime(variant.exp ?? now + 120)
    .sign(variant.key ?? key);
}

function unsigned(payload: Record<string, unknown>, header: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.`;
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return (error as { reason?: string; code?: string }).reason ?? (error as { code: string }).code;
  }
}

describe('CallerAuthenticator', () => {
  it('turns a good client assertion into a Principal', async () => {
    const { privateKey, authenticator } = await setup();
    await expect(authenticator.authenticate(`Bearer ${await assertion(privateKey)}`, undefined)).resolves.toEqual({
      system: SYSTEM,
      department: 'civil-affairs',
      clearance: 'SENSITIVE',
      purpose: 'subsidy-eligibility',
      tokenId: expect.any(String),
      issuer: SYSTEM,
    });
  });

  it('reads the scheme name without regard to case, as HTTP does', async () => {
    const { privateKey, authenticator } = await setup();
    for (const scheme of ['bearer', 'BEARER']) {
      await expect(authenticator.authenticate(`${scheme} ${await assertion(privateKey)}`, undefined)).resolves.toMatchObject({ system: SYSTEM });
    }
  });

  it('refuses every bad token with its reason', async () => {
    const { privateKey, publicJwk, authenticator } = await setup();
    const stranger = (await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey;
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: SYSTEM, sub: SYSTEM, aud: AUDIENCE, iat: now, exp: now + 60, jti: 'x', purpose: 'subsidy-eligibility' };
    // HMAC "signed" with the system's public key, the classic confusion attack.
    const hmacBody = `${Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'k1' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const hmac = `${hmacBody}.${createHmac('sha256', JSON.stringify(publicJwk)).update(hmacBody).digest('base64url')}`;
    const reused = await assertion(privateKey);
    await authenticator.authenticate(`Bearer ${reused}`, undefined);

    const cases: Array<[string, string | undefined]> = [
      ['MISSING_TOKEN', undefined],
      ['MALFORMED_TOKEN', 'Basic Zm9vOmJhcg=='],
      ['MALFORMED_TOKEN', 'Bearer not-a-jwt'],
      ['TOKEN_TOO_LARGE', `Bearer ${'a'.repeat(9000)}.${'b'.repeat(10)}.${'c'.repeat(10)}`],
      ['ALGORITHM_NOT_ALLOWED', `Bearer ${unsigned(claims, { alg: 'none' })}`],
      ['ALGORITHM_NOT_ALLOWED', `Bearer ${hmac}`],
      ['UNKNOWN_SYSTEM', `Bearer ${await assertion(privateKey, { iss: 'tax.collector', sub: 'tax.collector' })}`],
      ['UNKNOWN_ISSUER', `Bearer ${await assertion(privateKey, { iss: 'https://idp.example.org', sub: SYSTEM })}`],
      ['BAD_ISSUER', `Bearer ${await assertion(privateKey, { sub: 'health.vaccination-outreach' })}`],
      ['UNKNOWN_KEY', `Bearer ${await assertion(privateKey, { header: { kid: 'rotated-away' } })}`],
      ['BAD_SIGNATURE', `Bearer ${await assertion(privateKey, { key: stranger })}`],
      ['BAD_AUDIENCE', `Bearer ${await assertion(privateKey, { aud: 'another-gateway' })}`],
      ['TOKEN_EXPIRED', `Bearer ${await assertion(privateKey, { iat: now - 400, exp: now - 100 })}`],
      ['TOKEN_NOT_YET_VALID', `Bearer ${await assertion(privateKey, { iat: now + 120, exp: now + 180 })}`],
      ['TOKEN_TOO_LONG_LIVED', `Bearer ${await assertion(privateKey, { exp: now + 3600 })}`],
      ['REPLAYED', `Bearer ${reused}`],
      ['PURPOSE_NOT_ALLOWED', `Bearer ${await assertion(privateKey, { purpose: 'business-licensing' })}`],
      ['PURPOSE_NOT_ALLOWED', `Bearer ${await assertion(privateKey, { purpose: 'curiosity' })}`],
      ['PURPOSE_NOT_ALLOWED', `Bearer ${await assertion(privateKey, { purpose: null })}`],
    ];
    for (const [expected, authorization] of cases) {
      expect([expected, await outcome(authenticator.authenticate(authorization, undefined))]).toEqual([expected, expected]);
    }
  });

  it('refuses a token whose iat, exp or jti is missing or not what it must be, as INVALID_CLAIM', async () => {
    const { privateKey, authenticator } = await setup();
    const now = Math.floor(Date.now() / 1000);
    const base = { iss: SYSTEM, sub: SYSTEM, aud: AUDIENCE, iat: now, exp: now + 60, jti: randomUUID(), purpose: 'subsidy-eligibility' };
    const signed = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: 'k1' }).sign(privateKey);
    const variants: Array<Record<string, unknown>> = [{ iat: undefined }, { exp: undefined }, { jti: undefined }, { iat: String(now) }, { jti: 7 }, { jti: '' }, { jti: 'x'.repeat(257) }];
    for (const variant of variants) {
      const token = await signed({ ...base, jti: randomUUID(), ...variant });
      expect([variant, await outcome(authenticator.authenticate(`Bearer ${token}`, undefined))]).toEqual([variant, 'INVALID_CLAIM']);
    }
    // The same claims, well formed, are accepted.
    await expect(authenticator.authenticate(`Bearer ${await signed(base)}`, undefined)).resolves.toMatchObject({ system: SYSTEM });
  });

  it('takes the purpose from the header when the token carries none', async () => {
    const { privateKey, authenticator } = await setup();
    const principal = await authenticator.authenticate(`Bearer ${await assertion(privateKey, { purpose: null })}`, 'subsidy-eligibility');
    expect(principal.purpose).toBe('subsidy-eligibility');
  });

  it('refuses a token that names other audiences besides this gateway', async () => {
    const { privateKey, authenticator } = await setup();
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ purpose: 'subsidy-eligibility' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(SYSTEM)
      .setSubject(SYSTEM)
      .setAudience([AUDIENCE, 'another-service'])
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .setJti(randomUUID())
      .sign(privateKey);
    await expect(authenticator.authenticate(`Bearer ${token}`, undefined)).rejects.toMatchObject({ reason: 'BAD_AUDIENCE' });
  });

  it('refuses a purpose header that says otherwise than the token; the same one is fine', async () => {
    const { privateKey, authenticator } = await setup();
    await expect(authenticator.authenticate(`Bearer ${await assertion(privateKey)}`, 'business-licensing')).rejects.toBeInstanceOf(PurposeNotAllowedError);
    // The token was verified: the refusal says whose it is, for the record, and grants no principal.
    const refused = await authenticator.authenticate(`Bearer ${await assertion(privateKey, { purpose: 'curiosity' })}`, undefined).catch((error: unknown) => error);
    expect(refused).toMatchObject({ purpose: 'curiosity', caller: { system: 'civil-affairs.subsidy-review', department: 'civil-affairs' } });
    expect((refused as PurposeNotAllowedError).caller).not.toHaveProperty('purpose');
    await expect(authenticator.authenticate(`Bearer ${await assertion(privateKey)}`, ' subsidy-eligibility ')).resolves.toMatchObject({ purpose: 'subsidy-eligibility' });
  });
});
