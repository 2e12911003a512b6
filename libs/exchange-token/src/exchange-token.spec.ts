import { describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, SignJWT } from 'jose';
import { statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodyHash, type ExchangeClaims } from './exchange-token.claims.js';
import { ExchangeTokenSigner } from './exchange-token.signer.js';
import { ExchangeTokenVerifier } from './exchange-token.verifier.js';
import { GatewayKeystore, RETIRED_KEY_GRACE_S } from './gateway-keystore.js';

const ISSUER = 'causeway-gateway';
const body = JSON.stringify({ query: '{ _entities(representations: []) { __typename } }' });
const claims: ExchangeClaims = {
  bureau: 'health',
  system: 'civil-affairs.subsidy-review',
  department: 'civil-affairs',
  purpose: 'subsidy-eligibility',
  exchangeId: '0b7c4f6e-6a7e-4c59-9c1f-6a9e0a1e2b3c',
  bodyHash: bodyHash(body),
};

async function setup() {
  const file = join(mkdtempSync(join(tmpdir(), 'causeway-keys-')), 'keys', 'gateway.json');
  const keystore = await GatewayKeystore.open(file, { create: true });
  const signer = new ExchangeTokenSigner(keystore, ISSUER);
  const verifier = (audience = 'health') => new ExchangeTokenVerifier({ audience, issuer: ISSUER, jwks: async (header, token) => createLocalJWKSet(keystore.jwks())(header, token) });
  return { file, keystore, signer, verifier };
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return (error as { reason?: string }).reason ?? String(error);
  }
}

describe('exchange tokens', () => {
  it('are accepted once by the bureau they are for, with the exchange context', async () => {
    const { signer, verifier } = await setup();
    const token = await signer.sign(claims);
    await expect(verifier().verify(`Bearer ${token}`, body)).resolves.toEqual({
      system: claims.system,
      department: claims.department,
      purpose: claims.purpose,
      exchangeId: claims.exchangeId,
      tokenId: expect.any(String),
    });
  });

  it('are refused for every way a request can be wrong', async () => {
    const { signer, verifier, keystore } = await setup();
    const other = await setup();
    const { kid, key } = await keystore.current();
    const now = Math.floor(Date.now() / 1000);
    const handMade = (payload: Record<string, unknown>, times: { iat: number; exp: number }, header: Record<string, unknown> = {}) =>
      new SignJWT({ bh: claims.bodyHash, ...payload })
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'causeway-exchange+jwt', ...header })
        .setIssuer(ISSUER)
        .setAudience('health')
        .setSubject(claims.system)
        .setJti(`jti-${Math.random()}`)
        .setIssuedAt(times.iat)
        .setExpirationTime(times.exp)
        .sign(key);

    const replayed = await signer.sign(claims);
    const replayVerifier = verifier();
    await replayVerifier.verify(`Bearer ${replayed}`, body);

    const cases: Array<[string, Promise<unknown>]> = [
      ['MISSING_TOKEN', verifier().verify(undefined, body)],
      ['MALFORMED_TOKEN', verifier().verify('Basic dXNlcjpwYXNz', body)],
      ['MALFORMED_TOKEN', verifier().verify(`Bearer ${'a'.repeat(5000)}`, body)],
      ['BAD_AUDIENCE', verifier('civil-affairs').verify(`Bearer ${await signer.sign(claims)}`, body)],
      ['BODY_MISMATCH', verifier().verify(`Bearer ${await signer.sign(claims)}`, body.replace('[]', '[{}]'))],
      ['REPLAYED', replayVerifier.verify(`Bearer ${replayed}`, body)],
      ['TOKEN_EXPIRED', verifier().verify(`Bearer ${await handMade({}, { iat: now - 120, exp: now - 60 })}`, body)],
      ['TOKEN_TOO_LONG_LIVED', verifier().verify(`Bearer ${await handMade({}, { iat: now, exp: now + 3600 })}`, body)],
      ['UNKNOWN_KEY', verifier().verify(`Bearer ${await other.signer.sign(claims)}`, body)],
      ['MALFORMED_TOKEN', verifier().verify(`Bearer ${await handMade({}, { iat: now, exp: now + 30 }, { typ: 'JWT' })}`, body)],
      // Issued in the future: not yet valid (not "too long-lived").
      ['TOKEN_NOT_YET_VALID', verifier().verify(`Bearer ${await handMade({}, { iat: now + 60, exp: now + 80 })}`, body)],
      // A numeric token id (1 and "1" would be one id to the replay guard).
      [
        'MALFORMED_TOKEN',
        verifier().verify(
          `Bearer ${await new SignJWT({ bh: claims.bodyHash, jti: 7 as unknown as string })
            .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'causeway-exchange+jwt' })
            .setIssuer(ISSUER)
            .setAudience('health')
            .setSubject(claims.system)
            .setIssuedAt(now)
            .setExpirationTime(now + 30)
            .sign(key)}`,
          body,
        ),
      ],
    ];
    for (const [expected, attempt] of cases) expect([expected, await reason(attempt)]).toEqual([expected, expected]);
  });

  it("refuses a token signed with another key under the gateway's key id", async () => {
    const { verifier, keystore } = await setup();
    const other = await setup();
    const { kid } = await keystore.current();
    const { key } = await other.keystore.current();
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ bh: claims.bodyHash })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'causeway-exchange+jwt' })
      .setIssuer(ISSUER)
      .setAudience('health')
      .setSubject('x')
      .setJti('j')
      .setIssuedAt(now)
      .setExpirationTime(now + 30)
      .sign(key);
    expect(await reason(verifier().verify(`Bearer ${forged}`, body))).toBe('BAD_SIGNATURE');
  });
});

describe('gateway keystore', () => {
  it('keeps its key file readable by its owner only', async () => {
    const { file } = await setup();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates: new tokens use the new key, the old key stays published for its grace period', async () => {
    const { file, keystore, signer, verifier } = await setup();
    const before = await signer.sign(claims);
    const old = (await keystore.current()).kid;

    // Another process (`causeway keys rotate`) rotates the same file.
    const rotated = await (await GatewayKeystore.open(file, { create: false })).rotate();
    await new Promise((resolve) => setTimeout(resolve, 1100));

    expect((await keystore.current()).kid).toBe(rotated.kid);
    expect(
      keystore
        .jwks()
        .keys.map((k) => k.kid)
        .sort(),
    ).toEqual([old, rotated.kid].sort());
    await expect(verifier().verify(`Bearer ${before}`, body)).resolves.toMatchObject({ system: claims.system });
    await expect(verifier().verify(`Bearer ${await signer.sign(claims)}`, body)).resolves.toMatchObject({ system: claims.system });

    const later = Date.now() + (RETIRED_KEY_GRACE_S + 1) * 1000;
    expect(keystore.jwks(later).keys.map((k) => k.kid)).toEqual([rotated.kid]);
    expect(keystore.list(later).find((k) => k.kid === old)?.state).toBe('expired');
  });

  it('never publishes private key material', async () => {
    const { keystore } = await setup();
    for (const key of keystore.jwks().keys) expect(key.d).toBeUndefined();
  });

  it('does not invent production keys', async () => {
    await expect(GatewayKeystore.open('/nonexistent/keys.json', { create: false })).rejects.toThrow('no gateway key file');
  });
});
