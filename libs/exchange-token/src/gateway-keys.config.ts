import { existsSync } from 'node:fs';
import { z } from 'zod';
import { env, resolveFromCwd } from '#config';
import { DEFAULT_GATEWAY_ISSUER } from './exchange-token.claims.js';
import { GatewayKeystore } from './gateway-keystore.js';
import { gatewayKeyFile } from './key-file.js';

/** Where the gateway's signing keys come from. */
export type GatewayKeySource = { kind: 'generated'; file: string } | { kind: 'file'; file: string } | { kind: 'inline'; json: string };

/** The variables naming the gateway's keys and issuer, for the gateway and the CLI alike. */
export const GATEWAY_KEYS_ENV = {
  CAUSEWAY_GATEWAY_ISSUER: env.tokenName(DEFAULT_GATEWAY_ISSUER),
  CAUSEWAY_GATEWAY_KEYS_FILE: z
    .string()
    .optional()
    .refine((file) => !file || existsSync(resolveFromCwd(file)), { message: 'no such file' }),
  // A secret: validated by the keystore, never echoed.
  CAUSEWAY_GATEWAY_KEYS: z.string().optional(),
};

/** The keys: inline (a secret), else a key file, else the development file in the data directory. */
export function gatewayKeySourceOf(values: { CAUSEWAY_GATEWAY_KEYS?: string; CAUSEWAY_GATEWAY_KEYS_FILE?: string }, dataDir: string): GatewayKeySource {
  if (values.CAUSEWAY_GATEWAY_KEYS) return { kind: 'inline', json: values.CAUSEWAY_GATEWAY_KEYS };
  if (values.CAUSEWAY_GATEWAY_KEYS_FILE) return { kind: 'file', file: resolveFromCwd(values.CAUSEWAY_GATEWAY_KEYS_FILE) };
  return { kind: 'generated', file: gatewayKeyFile(dataDir) };
}

/** Opens the keystore; only the gateway, on its first start, creates development keys (`create`). */
export async function openGatewayKeystore(source: GatewayKeySource, options: { create: boolean }): Promise<GatewayKeystore> {
  switch (source.kind) {
    case 'inline':
      return GatewayKeystore.fromJson(source.json);
    case 'file':
      return GatewayKeystore.open(source.file, { create: false });
    case 'generated':
      return GatewayKeystore.open(source.file, { create: options.create });
  }
}
