import { UserManager } from 'oidc-client-ts';
import type { Session } from './session';

/** How the gateway says people sign in (GET /console/api/config). */
export interface SignInConfig {
  devSignIn: boolean;
  oidc: { issuer: string; clientId: string; resource: string; scope: string } | null;
}

export async function signInConfig(): Promise<SignInConfig> {
  const response = await fetch('/console/api/config');
  if (!response.ok) return { devSignIn: false, oidc: null };
  return (await response.json()) as SignInConfig;
}

/** Where the issuer sends the browser back with the code. */
export const CALLBACK_PATH = '/console/callback';

/**
 * The OIDC client (oidc-client-ts): authorization code with PKCE, the
 * access token asked for the admin API's resource (RFC 8707), its state
 * kept in this tab's sessionStorage.
 */
function userManager(oidc: NonNullable<SignInConfig['oidc']>): UserManager {
  return new UserManager({
    authority: oidc.issuer,
    client_id: oidc.clientId,
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    response_type: 'code',
    scope: oidc.scope,
    extraQueryParams: { resource: oidc.resource },
    extraTokenParams: { resource: oidc.resource },
    loadUserInfo: false,
    automaticSilentRenew: false,
  });
}

export async function startSignIn(oidc: NonNullable<SignInConfig['oidc']>): Promise<void> {
  await userManager(oidc).signinRedirect();
}

/** Redeems the code the issuer sent back, then asks the admin API who that is (the roles are the registry's, never the token's). */
export async function completeSignIn(oidc: NonNullable<SignInConfig['oidc']>): Promise<Session> {
  const user = await userManager(oidc).signinRedirectCallback();
  const response = await fetch('/admin/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.access_token}` },
    body: JSON.stringify({ query: '{ me { id name roles department } }' }),
  });
  const answer = (await response.json()) as { data?: { me: Session['person'] }; errors?: Array<{ message: string }> };
  if (!answer.data) throw new Error(answer.errors?.[0]?.message ?? 'not signed in');
  return { token: user.access_token, expiresAt: new Date((user.expires_at ?? 0) * 1000).toISOString(), person: answer.data.me };
}
