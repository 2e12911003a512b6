import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Development key pairs of the demo calling systems, one file per system
 * under the data directory (mode 600, never committed). The gateway creates
 * them on first start; `causeway token` signs with them.
 */
export function devSystemKeyFile(dataDir: string, systemId: string): string {
  return join(dataDir, 'keys', 'systems', `${systemId}.json`);
}

export async function ensureDevSystemKey(dataDir: string, systemId: string): Promise<void> {
  const file = devSystemKeyFile(dataDir, systemId);
  if (existsSync(file)) return;
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `${systemId}-dev`, alg: 'EdDSA' };
  mkdirSync(join(dataDir, 'keys', 'systems'), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function readPrivate(dataDir: string, systemId: string): JWK {
  const file = devSystemKeyFile(dataDir, systemId);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } catch (error) {
    // A key that is there but unreadable or not JSON is that, not an unknown system.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`the development key of ${systemId} at ${file} cannot be read: ${(error as Error).message}`, { cause: error });
    const known = devSystemKeyIds(dataDir);
    if (known.length === 0) throw new Error(`no development key for ${systemId} at ${file} (the gateway creates one for each registered system on its first start)`, { cause: error });
    throw new Error(`no development key for ${systemId} in ${dirname(file)}: is it registered? The gateway made keys for ${known.join(', ')}`, { cause: error });
  }
}

/** The systems whose development keys the data directory holds, sorted. */
function devSystemKeyIds(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'keys', 'systems'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .sort();
  } catch {
    return [];
  }
}

export function devSystemJwks(dataDir: string, systemId: string): JSONWebKeySet {
  const { d: _private, ...publicJwk } = readPrivate(dataDir, systemId);
  return { keys: [{ ...publicJwk, use: 'sig' }] };
}

export async function devSystemSigningKey(dataDir: string, systemId: string): Promise<{ kid: string; key: CryptoKey }> {
  const jwk = readPrivate(dataDir, systemId);
  return { kid: jwk.kid!, key: (await importJWK(jwk, 'EdDSA')) as CryptoKey };
}
