import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import { axeViolations, browserAvailable, launch } from './support/browser.js';
import { graphql, waitForStatus } from './support/http.js';
import { runCli, startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * Signing in to the console in production: authorization code with PKCE at
 * an OpenID provider (`oidc-provider`, started here), which issues an
 * access token for the admin API's resource (audience causeway-admin); the
 * person is whoever the registry ties to that issuer and subject, with the
 * registry's roles.
 */
const BASE = 17900;
const GATEWAY = `http://127.0.0.1:${BASE}`;
const IDP_PORT = BASE + 20;
const ISSUER = `http://127.0.0.1:${IDP_PORT}`;
const dataDir = tempDir('console-oidc');
const processes: TestProcess[] = [];
const available = browserAvailable();
const maybe = available ? describe : describe.skip;
let browser: Browser;
let idp: Server;

async function startIdentityProvider(): Promise<Server> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(ISSUER, {
    clients: [
      { client_id: 'causeway-console', token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'], redirect_uris: [`${GATEWAY}/console/callback`] },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'idp', alg: 'RS256', use: 'sig' }] },
    pkce: { required: () => true },
    ttl: { AccessToken: 3600 },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:causeway:admin',
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ audience: 'causeway-admin', scope: 'admin', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
  });
  return provider.listen(IDP_PORT, '127.0.0.1');
}

beforeAll(async () => {
  if (!available) return;
  idp = await startIdentityProvider();
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(startGateway(BASE, dataDir, { CAUSEWAY_DEV_PEOPLE_TOKENS: 'true', CAUSEWAY_CONSOLE_OIDC_ISSUER: ISSUER, CAUSEWAY_CONSOLE_OIDC_SCOPE: 'openid admin' }));
  await waitForStatus(`${GATEWAY}/health`, 200);
  // The data authority trusts the issuer for people, and registers an officer it vouches for.
  const admin = { authorization: `Bearer ${(await runCli(['token', '--user', 'admin-1', '--data-dir', dataDir])).stdout.trim()}` };
  const issuer = await graphql(
    `${GATEWAY}/admin/graphql`,
    'mutation ($input: IssuerInput!) { putIssuer(input: $input) { version } }',
    { input: { issuer: ISSUER, personClaim: 'sub' } },
    admin,
  );
  expect(issuer.body.errors).toBeUndefined();
  const person = await graphql(
    `${GATEWAY}/admin/graphql`,
    'mutation ($input: PersonInput!) { putPerson(input: $input) { version } }',
    { input: { id: 'officer-ps-oidc', name: '王芳 (public security officer)', roles: ['officer'], department: 'public-security', issuer: ISSUER } },
    admin,
  );
  expect(person.body.errors).toBeUndefined();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((p) => p.stop()));
  idp?.close();
});

maybe('console sign-in at the OIDC issuer (authorization code + PKCE)', () => {
  it('signs a registered person in with the issuer’s access token and the registry’s roles, and signs them out', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${GATEWAY}/console/`);
    await page.getByRole('button', { name: '通过统一身份认证登录' }).click();
    await page.waitForURL(new RegExp(`^${ISSUER}/`));
    // oidc-provider's development login and consent pages.
    await page.locator('input[name="login"]').fill('officer-ps-oidc');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${GATEWAY}/console/**`);
    await page.getByText('王芳 (public security officer)').waitFor();
    expect(page.url()).not.toContain('code=');
    await page.getByRole('menuitem', { name: '共享申请' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '接入系统' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '通过统一身份认证登录' }).waitFor();
    await page.close();
  });

  it('refuses a person the registry does not tie to that issuer', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${GATEWAY}/console/`);
    await page.getByRole('button', { name: '通过统一身份认证登录' }).click();
    await page.locator('input[name="login"]').fill('officer-ps');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${GATEWAY}/console/**`);
    await page.getByText('出错了').waitFor();
    expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(0);
    await page.close();
  });
});
