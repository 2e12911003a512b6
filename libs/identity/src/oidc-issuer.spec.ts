import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallerAuthenticator } from './caller-authenticator.js';
import { issuerDefinitionSchema, OidcIssuer, type IssuerDefinition } from './oidc-issuer.js';
import { SystemRegistry } from './system-registry.js';

const SYSTEM = 'health.vaccination-outreach';
const AUDIENCE = 'causeway-gateway';

/** A minimal identity provider: discovery document and JWKS, whose keys the test can rotate. */
class FakeIdentityProvider {
  keys: Array<{ kid: string; privateKey: CryptoKey; jwk: JWK }> = [];
  metadataIssuer: string | null = null;
  jwksRequests = 0;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      if (request.url === '/.well-known/openid-configuration') {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ issuer: this.metadataIssuer ?? this.url, jwks_uri: `${this.url}/jwks` }));
      } else if (request.url === '/jwks') {
        this.jwksRequests += 1;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: this.keys.map((key) => key.jwk) }));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  async rotate(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = randomUUID();
    this.keys = [{ kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } }];
  }

  async accessToken(claims: Record<string, unknown> = {}, options: { ttl?: number; audience?: string; issuer?: string } = {}): Promise<string> {
    const { kid, privateKey } = this.keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ client_id: SYSTEM, scope: 'exchange', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setIssuer(options.issuer ?? this.url)
      .setSubject(SYSTEM)
      .setAudience(options.audience ?? AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + (options.ttl ?? 600))
      .sign(privateKey);
  }
}

const registry = SystemRegistry.build(
  {
    purposes: { 'vaccination-outreach': 'x', 'subsidy-eligibility': 'y' },
    systems: [
      {
        id: SYSTEM,
        department: 'health',
        clearance: 'SENSITIVE',
        purposes: ['vaccination-outreach'],
        jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }] },
      },
      {
        id: 'civil-affairs.subsidy-review',
        department: 'civil-affairs',
        clearance: 'SENSITIVE',
        purposes: ['subsidy-eligibility'],
        jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }] },
      },
    ],
  },
  { levels: ['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'] },
);

function authenticatorFor(provider: FakeIdentityProvider, overrides: Partial<IssuerDefinition> = {}): CallerAuthenticator {
  const definition = issuerDefinitionSchema.parse({ issuer: provider.url, systems: ['health.*'], ...overrides });
  return new CallerAuthenticator({ current: () => registry }, { audience: AUDIENCE, clockToleranceS: 5, issuers: [new OidcIssuer(definition, { jwksCooldownMs: 0, timeoutMs: 2000 })] });
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return (error as { reason?: string; code: string }).reason ?? (error as { code: string }).code;
  }
}

describe('OIDC access tokens', () => {
  const provider = new FakeIdentityProvider();
  beforeAll(async () => {
    await provider.start();
    await provider.rotate();
  });
  afterAll(() => provider.stop());

  it('accepts an access token naming a registered system, with the issuer in the Principal', async () => {
    const authenticator = authenticatorFor(provider);
    const principal = await authenticator.authenticate(`Bearer ${await provider.accessToken()}`, 'vaccination-outreach');
    expect(principal).toEqual({
      system: SYSTEM,
      department: 'health',
      clearance: 'SENSITIVE',
      purpose: 'vaccination-outreach',
      tokenId: expect.any(String),
      issuer: provider.url,
    });
  });

  it('downloads the key set again when a token names a new kid, and only then', async () => {
    const authenticator = authenticatorFor(provider);
    await authenticator.authenticate(`Bearer ${await provider.accessToken()}`, 'vaccination-outreach');
    await authenticator.authenticate(`Bearer ${await provider.accessToken()}`, 'vaccination-outreach');
    const before = provider.jwksRequests;
    await provider.rotate();
    await expect(authenticator.authenticate(`Bearer ${await provider.accessToken()}`, 'vaccination-outreach')).resolves.toMatchObject({ system: SYSTEM });
    expect(provider.jwksRequests).toBe(before + 1);
  });

  it('refuses what the issuer may not vouch for, and bad access tokens', async () => {
    const authenticator = authenticatorFor(provider);
    const reused = await provider.accessToken();
    await authenticator.authenticate(`Bearer ${reused}`, 'vaccination-outreach');
    const cases: Array<[string, string]> = [
      ['ISSUER_NOT_TRUSTED', await provider.accessToken({ client_id: 'civil-affairs.subsidy-review' })],
      ['UNKNOWN_SYSTEM', await provider.accessToken({ client_id: 'tax.collector' })],
      ['UNKNOWN_SYSTEM', await provider.accessToken({ client_id: undefined })],
      ['BAD_AUDIENCE', await provider.accessToken({}, { audience: 'someone-else' })],
      ['TOKEN_TOO_LONG_LIVED', await provider.accessToken({}, { ttl: 7200 })],
      ['UNKNOWN_ISSUER', await provider.accessToken({}, { issuer: 'https://idp.not-configured.example' })],
      ['REPLAYED', reused],
    ];
    for (const [expected, token] of cases) {
      expect([expected, await reason(authenticator.authenticate(`Bearer ${token}`, 'vaccination-outreach'))]).toEqual([expected, expected]);
    }
  });

  it('lets a token be reused until it expires only where the issuer is configured so', async () => {
    const authenticator = authenticatorFor(provider, { tokenReuse: 'allow' });
    const token = await provider.accessToken();
    await authenticator.authenticate(`Bearer ${token}`, 'vaccination-outreach');
    await expect(authenticator.authenticate(`Bearer ${token}`, 'vaccination-outreach')).resolves.toMatchObject({ system: SYSTEM });
  });

  it('refuses every token when the discovery document speaks for another issuer', async () => {
    provider.metadataIssuer = 'https://impostor.example';
    try {
      const authenticator = authenticatorFor(provider);
      expect(await reason(authenticator.authenticate(`Bearer ${await provider.accessToken()}`, 'vaccination-outreach'))).toBe('KEYS_UNAVAILABLE');
    } finally {
      provider.metadataIssuer = null;
    }
  });

  it('only trusts https issuers, or plain http on the loopback interface', () => {
    expect(issuerDefinitionSchema.safeParse({ issuer: 'http://idp.example.gov.cn', systems: ['*'] }).success).toBe(false);
    expect(issuerDefinitionSchema.safeParse({ issuer: 'https://idp.example.gov.cn', systems: ['*'] }).success).toBe(true);
    expect(issuerDefinitionSchema.safeParse({ issuer: 'https://idp.example.gov.cn', systems: ['health'] }).success).toBe(false);
  });
});
