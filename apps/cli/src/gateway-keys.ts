import { ExchangeTokenSigner, GatewayKeystore, KeystoreError, openGatewayKeystore as openKeystore } from '#exchange-token';
import { CommandFailedError } from './cli.error.js';
import { cliConfig } from './cli.config.js';

/** The data directory the CLI works on: --data-dir, else CAUSEWAY_DATA_DIR, else .causeway. */
export function dataDirFrom(flag: string | undefined): string {
  return cliConfig().dataDir(flag);
}

/**
 * The gateway's keys as the CLI finds them: the same sources, in the same
 * order, as the gateway (inline secret, key file, development data dir).
 * The CLI never generates keys: the gateway does, on its first start.
 */
export async function openGatewayKeystore(dataDir: string): Promise<GatewayKeystore> {
  try {
    return await openKeystore(cliConfig().keys(dataDir), { create: false });
  } catch (error) {
    if (error instanceof KeystoreError) {
      throw new CommandFailedError(`${error.message} (the gateway creates its keys on first start; or pass --data-dir)`);
    }
    throw error;
  }
}

export async function gatewaySigner(dataDir: string): Promise<ExchangeTokenSigner> {
  return new ExchangeTokenSigner(await openGatewayKeystore(dataDir), cliConfig().issuer);
}
