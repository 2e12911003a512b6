import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** Bytes of HMAC-SHA256 kept in a subject token: 128 bits, plenty to tell subjects apart, compact in every record. */
const TOKEN_BYTES = 16;

const storedKey = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{4,64}$/, 'letters, digits and dashes'),
  createdAt: z.iso.datetime(),
  secret: z.string().regex(/^[A-Za-z0-9_-]{43,}$/, 'at least 32 bytes, base64url'),
});
const keyringFile = z.object({ keys: z.array(storedKey).min(1, 'holds no key') });
type StoredKey = z.infer<typeof storedKey>;

export class SubjectKeyringError extends Error {}

/** Whom an identifier names: an entity type and its key value, e.g. Person 110105197706270614. */
export interface DataSubject {
  type: string;
  key: string;
}

/**
 * The ledger's secret for identifiers: HMAC-SHA256 keys under which the
 * ledger stores who an exchange released data about (subject tokens) and
 * the hash of a caller's variables, instead of the identifiers themselves.
 * Unkeyed hashes of an ID number can be reversed by trying every number;
 * keyed ones cannot without this secret, which never leaves the gateway
 * (a file readable only by its owner, or a mounted secret shared by the
 * replicas; never in the database).
 *
 * The first key is current: new records use it. Rotation puts a new key
 * first and keeps the old ones, because a lookup must find records written
 * under every key: it computes the subject's token under each.
 */
export class SubjectKeyring {
  private readonly secrets: Array<{ id: string; secret: Buffer }>;

  private constructor(readonly keys: readonly StoredKey[]) {
    this.secrets = keys.map((key) => ({ id: key.id, secret: Buffer.from(key.secret, 'base64url') }));
  }

  /** Opens the keyring file, creating it with one fresh key when `create` is set and it does not exist. */
  static open(file: string, options: { create: boolean }): SubjectKeyring {
    if (!existsSync(file)) {
      if (!options.create) throw new SubjectKeyringError(`no ledger subject keyring at ${file}`);
      const keyring = new SubjectKeyring([SubjectKeyring.generate()]);
      keyring.save(file);
      return keyring;
    }
    return SubjectKeyring.parse(readFileSync(file, 'utf8'), file);
  }

  static parse(text: string, source: string): SubjectKeyring {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new SubjectKeyringError(`${source} is not JSON`);
    }
    const result = keyringFile.safeParse(data);
    if (!result.success) {
      throw new SubjectKeyringError(`${source} is not a ledger subject keyring: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return new SubjectKeyring(result.data.keys);
  }

  static generate(now = new Date()): StoredKey {
    return { id: randomUUID().slice(0, 8), createdAt: now.toISOString(), secret: randomBytes(32).toString('base64url') };
  }

  /** A new current key first, every earlier key kept (records under them stay findable). */
  rotated(now = new Date()): SubjectKeyring {
    return new SubjectKeyring([SubjectKeyring.generate(now), ...this.keys]);
  }

  save(file: string): void {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ keys: this.keys }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  }

  get currentId(): string {
    return this.secrets[0]!.id;
  }

  /** The token a new record stores for `subject`: `<key id>.<HMAC>`. */
  token(subject: DataSubject): string {
    return tokenOf(this.secrets[0]!, subject);
  }

  /** Every token `subject` may have been stored under, one per key: what a lookup searches for. */
  lookupTokens(subject: DataSubject): string[] {
    return this.secrets.map((key) => tokenOf(key, subject));
  }

  /** A keyed hash of any text (a caller's variables), hex, under the current key. */
  keyedHash(text: string): string {
    return createHmac('sha256', this.secrets[0]!.secret).update(text, 'utf8').digest('hex');
  }
}

function tokenOf(key: { id: string; secret: Buffer }, subject: DataSubject): string {
  // The type is part of what is hashed: the same number as a person and as something else are two subjects.
  const mac = createHmac('sha256', key.secret).update(`${subject.type}\n${subject.key}`, 'utf8').digest();
  return `${key.id}.${mac.subarray(0, TOKEN_BYTES).toString('base64url')}`;
}
