import { GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CommandFailedError, UsageError } from './cli.error.js';

/** Where an archive lives in object storage: `s3://bucket/key`. */
export interface ObjectLocation {
  bucket: string;
  key: string;
}

/** How to reach the object store: an S3-compatible endpoint (MinIO, Ceph, a cloud's object storage), or AWS S3 itself. */
export interface ObjectStoreSettings {
  endpoint?: string;
  region: string;
  pathStyle: boolean;
}

/** The location an `s3://bucket/key` argument names; null for anything else (a local file). */
export function objectLocationOf(value: string): ObjectLocation | null {
  if (!/^s3:\/\//i.test(value)) return null;
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/i.exec(value);
  if (!match || match[2]!.endsWith('/')) throw new UsageError(`${value}: expected s3://bucket/key (a bucket name and the archive's object key)`);
  return { bucket: match[1]!, key: match[2]! };
}

export function describeLocation(location: ObjectLocation): string {
  return `s3://${location.bucket}/${location.key}`;
}

/**
 * Archives in object storage, through the AWS SDK (S3's own protocol, which
 * S3-compatible stores speak too). Credentials come from the SDK's usual
 * chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, an
 * instance role); nothing here logs or prints them.
 */
export class ObjectStore {
  private readonly client: S3Client;

  constructor(settings: ObjectStoreSettings) {
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.pathStyle,
      // Checksums only where S3 requires them: several S3-compatible stores refuse the SDK's default trailing checksums.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /**
   * Whether an object is known to exist at the location. S3 answers 403,
   * not 404, for a missing key to a role that may not list the bucket (an
   * archiver allowed only to put and get): not known then, and the upload's
   * own condition (If-None-Match) still refuses to overwrite.
   */
  async exists(location: ObjectLocation): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }));
      return true;
    } catch (error) {
      const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
      if (status === 404 || status === 403) return false;
      throw storeError(location, error);
    }
  }

  /** Uploads a file (in parts when large), never over an existing object. */
  async upload(file: string, location: ObjectLocation): Promise<void> {
    try {
      await new Upload({
        client: this.client,
        params: { Bucket: location.bucket, Key: location.key, Body: createReadStream(file), ContentType: 'application/x-ndjson', IfNoneMatch: '*' },
      }).done();
    } catch (error) {
      throw storeError(location, error);
    }
  }

  /** The SHA-256 of the object as the store gives it back. */
  async digest(location: ObjectLocation): Promise<string> {
    const hash = createHash('sha256');
    try {
      for await (const chunk of await this.body(location)) hash.update(chunk as Buffer);
    } catch (error) {
      throw error instanceof CommandFailedError ? error : storeError(location, error);
    }
    return hash.digest('hex');
  }

  /** Copies the object to a local file. */
  async download(location: ObjectLocation, file: string): Promise<void> {
    try {
      await pipeline(await this.body(location), createWriteStream(file, { flags: 'wx' }));
    } catch (error) {
      throw error instanceof CommandFailedError ? error : storeError(location, error);
    }
  }

  private async body(location: ObjectLocation): Promise<Readable> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
      return answer.Body as Readable;
    } catch (error) {
      throw storeError(location, error);
    }
  }

  close(): void {
    this.client.destroy();
  }
}

/** What went wrong, in the store's words (its code and status): never the request, which carries a signature. */
function storeError(location: ObjectLocation, error: unknown): CommandFailedError {
  const status = error instanceof S3ServiceException ? ` (${error.name}, HTTP ${error.$metadata.httpStatusCode ?? '?'})` : '';
  const message = error instanceof Error ? error.message : String(error);
  return new CommandFailedError(`object storage, ${describeLocation(location)}: ${message}${status}`);
}

/**
 * The archives given, as local files: those in object storage copied to a
 * temporary directory first. `named` tells a copy by the name it was given;
 * `done` removes the copies.
 */
export async function localArchives(given: readonly string[], settings: () => ObjectStoreSettings): Promise<{ files: string[]; named: (text: string) => string; done: () => void }> {
  const remote = given.map((name) => ({ name, location: objectLocationOf(name) }));
  if (remote.every(({ location }) => location === null)) return { files: [...given], named: (text) => text, done: () => {} };
  const store = new ObjectStore(settings());
  const staging = mkdtempSync(join(tmpdir(), 'causeway-archives-'));
  const copies = new Map<string, string>();
  try {
    const files = [];
    for (const [index, { name, location }] of remote.entries()) {
      if (!location) {
        files.push(name);
        continue;
      }
      const file = join(staging, `${index}.ndjson`);
      await store.download(location, file);
      copies.set(file, name);
      files.push(file);
    }
    return { files, named: (text) => [...copies].reduce((named, [file, name]) => named.replaceAll(file, name), text), done: () => rmSync(staging, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    store.close();
  }
}
