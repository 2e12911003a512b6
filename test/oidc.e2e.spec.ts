import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { demoPeople } from '#demo-data';
import { graphql, waitForStatus } from './support/http.js';
import { bureauPorts, ROOT, runCli, startApp, tempDir, type TestProcess } from './support/processes.js';

/**
 * Bureau systems that hold credentials from their department's identity
 * provider instead of a key registered with Causeway: a real OpenID
 * provider (`oidc-provider`) runs in the test and issues client-credentials
 * access tokens (RFC 9068 JWTs) naming the system in `client_id`.
 */
const BASE = 14500;
const GATEWAY = `http://127.0.0.1:${BASE}`;
const TRUSTED_IDP_PORT = BASE + 20;
const UNTRUSTED_IDP_PORT = BASE + 21;
const dataDir = tempDir('oidc');
const processes: TestProcess[] = [];
const servers: Server[] = [];

const SECRET = 'a-test-client-secret-that-is-long-enough';

async function startIdentityProvider(port: number): Promise<string> {
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: ['public-security.household-registry', 'civil-affairs.subsidy-review'].map((client_id) => ({
      client_id,
      client_secret: SECRET,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    })),
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: `idp-${port}`, alg: 'RS256', use: 'sig' }] },
    ttl: { ClientCredentials: 300 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:causeway:gateway',
        getResourceServerInfo: () => ({
          audience: 'causeway-gateway',
          scope: 'exchange',
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  });
  servers.push(provider.listen(port, '127.0.0.1'));
  return issuer;
}

/** What a bureau system does: the client-credentials grant against its identity provider. */
async function clientCredentialsToken(issuer: string, clientId: string): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${SECRET}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: 'urn:causeway:gateway', scope: 'exchange' }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no token: ${body.error} ${body.error_description}`);
  return body.access_token;
}

const person = demoPeople()[3]!;
const QUERY = 'query ($id: ID!) { person(idNumber: $id) { idNumber name } }';

function ask(token: string) {
  return graphql(
    `${GATEWAY}/graphql`,
    QUERY,
    { id: person.idNumber },
    {
      authorization: `Bearer ${token}`,
      'x-causeway-purpose': 'household-administration',
    },
  );
}

let trusted: string;
let untrusted: string;

beforeAll(async () => {
  trusted = await startIdentityProvider(TRUSTED_IDP_PORT);
  untrusted = await startIdentityProvider(UNTRUSTED_IDP_PORT);
  const policiesDir = join(tempDir('oidc-policies'), 'policies');
  cpSync(join(ROOT, 'policies'), policiesDir, { recursive: true });
  writeFileSync(join(policiesDir, 'issuers.yaml'), `issuers:\n  - issuer: ${trusted}\n    systemClaim: client_id\n    systems: ['public-security.*']\n`);
  const bureauPort = bureauPorts(BASE)['public-security'];
  processes.push(
    startApp('public-security', {
      CAUSEWAY_PORT: String(bureauPort),
      CAUSEWAY_DATA_DIR: dataDir,
      CAUSEWAY_GATEWAY_JWKS_URL: `${GATEWAY}/.well-known/jwks.json`,
    }),
    startApp('gateway', {
      CAUSEWAY_PORT: String(BASE),
      CAUSEWAY_DATA_DIR: dataDir,
      CAUSEWAY_POLICIES_DIR: policiesDir,
      CAUSEWAY_BUREAUS: `public-security=http://127.0.0.1:${bureauPort}/graphql`,
      CAUSEWAY_COMPOSE_RETRY_MS: '300',
      CAUSEWAY_DEV_PEOPLE_TOKENS: 'true',
    }),
  );
  await waitForStatus(`${GATEWAY}/health`, 200);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('access tokens from an external OIDC issuer', () => {
  it('accepts a client-credentials token from the configured issuer and serves data', async () => {
    const answer = await ask(await clientCredentialsToken(trusted, 'public-security.household-registry'));
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({ person: { idNumber: person.idNumber, name: person.name } });
  });

  it('refuses a token from an issuer the gateway was not configured to trust', async () => {
    const answer = await ask(await clientCredentialsToken(untrusted, 'public-security.household-registry'));
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN_ISSUER' });
    expect(answer.body.data ?? null).toBeNull();
  });

  it('refuses a system the issuer may not vouch for, and a token used twice', async () => {
    const foreign = await ask(await clientCredentialsToken(trusted, 'civil-affairs.subsidy-review'));
    expect(foreign.status).toBe(401);
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ISSUER_NOT_TRUSTED' });

    const token = await clientCredentialsToken(trusted, 'public-security.household-registry');
    expect((await ask(token)).status).toBe(200);
    const replayed = await ask(token);
    expect(replayed.status).toBe(401);
    expect(replayed.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REPLAYED' });
  });
});

describe('issuers in the registry', () => {
  it('an administrator stops trusting an issuer and trusts one, effective from the next request', async () => {
    const adminToken = (await runCli(['token', '--user', 'admin-1', '--data-dir', dataDir])).stdout.trim();
    const admin = (query: string, variables: Record<string, unknown> = {}) => graphql(`${GATEWAY}/admin/graphql`, query, variables, { authorization: `Bearer ${adminToken}` });
    expect((await admin('{ issuers { issuer systems } }')).body.data).toEqual({ issuers: [{ issuer: trusted, systems: ['public-security.*'] }] });

    expect((await admin('mutation ($i: String!) { removeIssuer(issuer: $i) { version } }', { i: trusted })).body.errors).toBeUndefined();
    const refused = await ask(await clientCredentialsToken(trusted, 'public-security.household-registry'));
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN_ISSUER' });

    const PUT = 'mutation ($input: IssuerInput!) { putIssuer(input: $input) { version } }';
    const plainHttp = await admin(PUT, { input: { issuer: 'http://idp.example.gov.cn', systems: ['*'] } });
    expect(plainHttp.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.issuer' });
    expect((await admin(PUT, { input: { issuer: untrusted, systems: ['public-security.*'] } })).body.errors).toBeUndefined();
    const accepted = await ask(await clientCredentialsToken(untrusted, 'public-security.household-registry'));
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.body.data).toEqual({ person: { idNumber: person.idNumber, name: person.name } });
  });
});
