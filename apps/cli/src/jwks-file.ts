import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { CommandFailedError } from './cli.error.js';

/** Public keys from a JWKS file (`--jwks`): a gateway's /.well-known/jwks.json saved, or keys it no longer publishes. */
export function readJwks(file: string): JSONWebKeySet {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet;
    if (!Array.isArray(parsed.keys)) throw new Error('no "keys" array');
    return parsed;
  } catch (error) {
    throw new CommandFailedError(`--jwks ${file}: ${(error as Error).message}`);
  }
}
