import { signDevPersonToken } from '#identity';
import { cliConfig } from './cli.config.js';
import { CommandFailedError, UsageError } from './cli.error.js';
import { dataDirFrom } from './gateway-keys.js';

const TIMEOUT_MS = 30_000;

/** How the CLI reaches a running gateway's admin API, and as whom. */
export interface AdminTarget {
  gateway?: string;
  token?: string;
  user?: string;
  dataDir?: string;
}

/**
 * A GraphQL client for a running gateway's `/admin/graphql`, for the CLI
 * commands that change what the gateway holds (the registry). Who: a token
 * from the deployment's identity provider (`--token` or
 * CAUSEWAY_ADMIN_TOKEN), or in development a person of people.yaml
 * (`--user`, signed with the development key like `causeway token --user`).
 * The API's `BAD_USER_INPUT` is the user's mistake (exit 2); anything else it
 * refuses, or a gateway out of reach, is a failure (exit 1).
 */
export class AdminClient {
  private constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  static async of(target: AdminTarget): Promise<AdminClient> {
    const base = cliConfig().gatewayUrl(target.gateway).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(base)) throw new UsageError(`--gateway: "${base}" is not an http(s) URL`);
    if (target.token && target.user) throw new UsageError('give --token or --user, not both');
    const token = cliConfig().adminToken(target.token) ?? (target.user ? await devToken(target.user, target.dataDir) : undefined);
    if (!token) throw new UsageError('who is asking? give --token (or CAUSEWAY_ADMIN_TOKEN), or in development --user ID');
    return new AdminClient(`${base}/admin/graphql`, token);
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new CommandFailedError(`${this.url} cannot be reached (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name})`);
    }
    const body = (await response.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string; argument?: string } }> } | null;
    const error = body?.errors?.[0];
    if (error) {
      const where = error.extensions?.argument ? ` (${error.extensions.argument})` : '';
      const message = `${error.extensions?.code ?? 'ERROR'}: ${error.message}${where}`;
      throw error.extensions?.code === 'BAD_USER_INPUT' ? new UsageError(message) : new CommandFailedError(message);
    }
    if (!body?.data) throw new CommandFailedError(`${this.url} answered HTTP ${response.status} without data`);
    return body.data;
  }
}

async function devToken(user: string, dataDir: string | undefined): Promise<string> {
  try {
    return await signDevPersonToken({ dataDir: dataDirFrom(dataDir), person: user, ttlSeconds: 300 });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
