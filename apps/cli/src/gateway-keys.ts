import { resolveFromCwd } from '#config';
import { DEFAULT_GATEWAY_ISSUER, ExchangeTokenSigner, gatewayKeyFile, GatewayKeystore, KeystoreError } from '#exchange-token';
import { CommandFailedError } from './cli.error.js';

/** The data directory the CLI works on: --data-dir, else CAUSEWAY_DATA_DIR, else .causeway. */
export function dataDirFrom(flag: string | undefined): string {
  return resolveFromCwd(flag ?? process.env.CAUSEWAY_DATA_DIR ?? '.causeway');
}

/**
 * The gateway's keys as the CLI finds them: the same sources, in the same
 * order, as the gateway (inline secret, key file, development data dir).
 * The CLI never generates keys: the gateway does, on its first start.
 */
export async function openGatewayKeystore(dataDir: string): Promise<GatewayKeystore> {
  try {
    if (process.env.CAUSEWAY_GATEWAY_KEYS) return GatewayKeystore.fromJson(process.env.CAUSEWAY_GATEWAY_KEYS);
    const file = process.env.CAUSEWAY_GATEWAY_KEYS_FILE
      ? resolveFromCwd(process.env.CAUSEWAY_GATEWAY_KEYS_FILE)
      : gatewayKeyFile(dataDir);
    return await GatewayKeystore.open(file, { create: false });
  } catch (error) {
    if (error instanceof KeystoreError) {
      throw new CommandFailedError(`${error.message} (the gateway creates its keys on first start; or pass --data-dir)`);
    }
    throw error;
  }
}

export async function gatewaySigner(dataDir: string): Promise<ExchangeTokenSigner> {
  return new ExchangeTokenSigner(await openGatewayKeystore(dataDir), process.env.CAUSEWAY_GATEWAY_ISSUER ?? DEFAULT_GATEWAY_ISSUER);
}
