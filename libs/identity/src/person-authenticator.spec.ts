import { beforeAll, describe, expect, it } from '@jest/globals';
import { importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthenticationError } from './identity.error.js';
import { devPeopleJwks, ensureDevPeopleKey, PersonAuthenticator, signDevPersonToken } from './person-authenticator.js';
import type { PersonDefinition } from './person.js';

const dataDir = mkdtempSync(join(tmpdir(), 'causeway-people-'));
const people: PersonDefinition[] = [
  { id: 'auditor-1', name: 'Auditor', roles: ['auditor'], department: null },
  { id: 'officer-sso', name: 'Officer', roles: ['officer'], department: 'health', issuer: 'https://sso.example.gov.cn/realms/gov' },
];
let authenticator: PersonAuthenticator;

beforeAll(async () => {
  await ensureDevPeopleKey(dataDir);
  authenticator = new PersonAuthenticator({ people: () => people, devKeys: devPeopleJwks(dataDir), issuers: [], clockToleranceS: 0 });
});

async function reason(authorization: string | undefined): Promise<string> {
  return authenticator.authenticate(authorization).then(
    () => 'accepted',
    (error: AuthenticationError) => error.reason,
  );
}

describe('PersonAuthenticator', () => {
  it('knows a listed person by a development token, with the roles people.yaml gives', async () => {
    const token = await signDevPersonToken({ dataDir, person: 'auditor-1' });
    await expect(authenticator.authenticate(`Bearer ${token}`)).resolves.toEqual({
      id: 'auditor-1',
      name: 'Auditor',
      roles: ['auditor'],
      department: null,
      issuer: 'causeway-dev-people',
    });
  });

  it('refuses people it does not list, people tied to another issuer, long-lived and broken tokens', async () => {
    expect(await reason(undefined)).toBe('MISSING_TOKEN');
    expect(await reason('Bearer not.a.token')).toBe('MALFORMED_TOKEN');
    expect(await reason(`Bearer ${await signDevPersonToken({ dataDir, person: 'nobody' })}`)).toBe('UNKNOWN_PERSON');
    // officer-sso signs in through the SSO issuer only: a development token cannot name them.
    expect(await reason(`Bearer ${await signDevPersonToken({ dataDir, person: 'officer-sso' })}`)).toBe('UNKNOWN_PERSON');
    expect(await reason(`Bearer ${await signDevPersonToken({ dataDir, person: 'auditor-1', ttlSeconds: 9 * 3600 })}`)).toBe('TOKEN_TOO_LONG_LIVED');
    const [header, payload] = (await signDevPersonToken({ dataDir, person: 'auditor-1' })).split('.');
    expect(await reason(`Bearer ${header}.${payload}.AAAA`)).toBe('BAD_SIGNATURE');
  });

  it('refuses a token without iat or exp, or with them not numbers, as INVALID_CLAIM (not as another audience)', async () => {
    const jwk = JSON.parse(readFileSync(join(dataDir, 'keys', 'people', 'dev-issuer.json'), 'utf8')) as JWK;
    const key = (await importJWK(jwk, 'EdDSA')) as CryptoKey;
    const now = Math.floor(Date.now() / 1000);
    const base = { iss: 'causeway-dev-people', sub: 'auditor-1', aud: 'causeway-admin', iat: now, exp: now + 600 };
    const signed = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid! }).sign(key);
    for (const variant of [{ iat: undefined }, { exp: undefined }, { iat: 'yesterday' }]) {
      expect([variant, await reason(`Bearer ${await signed({ ...base, ...variant })}`)]).toEqual([variant, 'INVALID_CLAIM']);
    }
    expect(await reason(`Bearer ${await signed({ ...base, aud: 'causeway-gateway' })}`)).toBe('BAD_AUDIENCE');
    expect(await reason(`Bearer ${await signed(base)}`)).toBe('accepted');
  });

  it('accepts no development token when development tokens are off', async () => {
    const production = new PersonAuthenticator({ people: () => people, issuers: [], clockToleranceS: 0 });
    const token = await signDevPersonToken({ dataDir, person: 'auditor-1' });
    await expect(production.authenticate(`Bearer ${token}`)).rejects.toMatchObject({ reason: 'UNKNOWN_ISSUER' });
  });
});
