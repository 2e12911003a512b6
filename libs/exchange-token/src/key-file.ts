import { join } from 'node:path';

/** Where development keys live under the data directory. */
export function gatewayKeyFile(dataDir: string): string {
  return join(dataDir, 'keys', 'gateway-signing-keys.json');
}
