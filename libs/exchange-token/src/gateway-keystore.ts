import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { EXCHANGE_TOKEN_ALGORITHM, EXCHANGE_TOKEN_MAX_TTL_S } from './exchange-token.claims.js';

/** How long a retired key stays published: longer than any token it signed can live, plus clock skew. */
export const RETIRED_KEY_GRACE_S = EXCHANGE_TOKEN_MAX_TTL_S + 240;

const storedKey = z.object({
  kid: z.string().min(8),
  alg: z.literal(EXCHANGE_TOKEN_ALGORITHM),
  createdAt: z.iso.datetime(),
  retiredAt: z.iso.datetime().nullable(),
  privateJwk: z.looseObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), d: z.string() }),
});
const storeFile = z.object({ keys: z.array(storedKey).min(1, 'holds no key') });

type StoredKey = z.infer<typeof storedKey>;

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

export interface KeyInfo {
  kid: string;
  alg: string;
  createdAt: string;
  retiredAt: string | null;
  /** current: signs new tokens; published: retired, still verifiable; expired: about to be dropped. */
  state: 'current' | 'published' | 'expired';
}

export class KeystoreError extends Error {}

function publicJwk({ kid, alg, privateJwk }: StoredKey): JWK {
  const { d: _private, ...rest } = privateJwk;
  return { ...rest, kid, alg, use: 'sig' };
}

/**
 * The gateway's signing keys (Ed25519), kept in one JSON file readable only
 * by its owner. In development the file is generated on first use under the
 * data directory; in production it is provided (a mounted secret) and never
 * generated. Rotation adds a new current key and keeps the previous one
 * published until every token it signed has expired. A running gateway
 * notices a rotation made by `causeway keys rotate` within a second.
 */
export class GatewayKeystore {
  private keys: StoredKey[] = [];
  private mtimeMs = 0;
  private checkedAt = 0;
  private readonly imported = new Map<string, CryptoKey>();

  private constructor(
    private readonly file: string | null,
    inline: string | null,
  ) {
    if (inline) this.keys = GatewayKeystore.parse(inline, 'CAUSEWAY_GATEWAY_KEYS');
  }

  /** Opens the key file, generating it first when `create` is set and it does not exist. */
  static async open(file: string, options: { create: boolean }): Promise<GatewayKeystore> {
    if (!existsSync(file)) {
      if (!options.create) throw new KeystoreError(`no gateway key file at ${file}`);
      const store = new GatewayKeystore(file, null);
      store.keys = [await GatewayKeystore.generate()];
      store.save();
      return store;
    }
    const store = new GatewayKeystore(file, null);
    store.reload();
    return store;
  }

  /** Keys given inline (JSON of the key file's format), e.g. from a secret in the environment. */
  static fromJson(json: string): GatewayKeystore {
    return new GatewayKeystore(null, json);
  }

  private static parse(text: string, source: string): StoredKey[] {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new KeystoreError(`${source} is not JSON`);
    }
    const result = storeFile.safeParse(data);
    if (!result.success) {
      throw new KeystoreError(`${source} is not a gateway key file: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return result.data.keys;
  }

  private static async generate(): Promise<StoredKey> {
    const { privateKey } = await generateKeyPair(EXCHANGE_TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
    const jwk = await exportJWK(privateKey);
    return {
      kid: randomUUID(),
      alg: EXCHANGE_TOKEN_ALGORITHM,
      createdAt: new Date().toISOString(),
      retiredAt: null,
      privateJwk: jwk as StoredKey['privateJwk'],
    };
  }

  private reload(): void {
    if (!this.file) return;
    this.keys = GatewayKeystore.parse(readFileSync(this.file, 'utf8'), this.file);
    this.mtimeMs = statSync(this.file).mtimeMs;
  }

  /** Picks up a rotation written by another process; checks the file at most once a second. */
  private refresh(): void {
    if (!this.file || Date.now() - this.checkedAt < 1000) return;
    this.checkedAt = Date.now();
    try {
      if (statSync(this.file).mtimeMs !== this.mtimeMs) this.reload();
    } catch {
      // A rotation in progress or a vanished file: keep the keys in memory.
    }
  }

  private save(): void {
    if (!this.file) throw new KeystoreError('inline keys cannot be changed; rotate the secret that holds them');
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ keys: this.keys }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
    this.mtimeMs = statSync(this.file).mtimeMs;
  }

  private currentStored(): StoredKey {
    const current = this.keys.find((key) => key.retiredAt === null);
    if (!current) throw new KeystoreError('the gateway key file has no current key');
    return current;
  }

  /** The key that signs new exchange tokens. */
  async current(): Promise<SigningKey> {
    this.refresh();
    const stored = this.currentStored();
    let key = this.imported.get(stored.kid);
    if (!key) {
      key = (await importJWK(stored.privateJwk, EXCHANGE_TOKEN_ALGORITHM)) as CryptoKey;
      this.imported.set(stored.kid, key);
    }
    return { kid: stored.kid, key };
  }

  private isPublished(key: StoredKey, now: number): boolean {
    return key.retiredAt === null || Date.parse(key.retiredAt) + RETIRED_KEY_GRACE_S * 1000 > now;
  }

  /** The JWKS to publish: the current key and retired keys still in their grace period. */
  jwks(now = Date.now()): { keys: JWK[] } {
    this.refresh();
    return { keys: this.keys.filter((key) => this.isPublished(key, now)).map(publicJwk) };
  }

  list(now = Date.now()): KeyInfo[] {
    this.refresh();
    return this.keys.map((key) => ({
      kid: key.kid,
      alg: key.alg,
      createdAt: key.createdAt,
      retiredAt: key.retiredAt,
      state: key.retiredAt === null ? 'current' : this.isPublished(key, now) ? 'published' : 'expired',
    }));
  }

  /** Retires the current key (still published for its grace period), adds a new one, drops expired ones. */
  async rotate(now = Date.now()): Promise<KeyInfo> {
    this.reload();
    const fresh = await GatewayKeystore.generate();
    const retiredAt = new Date(now).toISOString();
    this.keys = [fresh, ...this.keys.map((key) => (key.retiredAt === null ? { ...key, retiredAt } : key)).filter((key) => this.isPublished(key, now))];
    this.save();
    return this.list(now).find((key) => key.kid === fresh.kid)!;
  }
}
