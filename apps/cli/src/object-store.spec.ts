import { describe, expect, it } from '@jest/globals';
import { UsageError } from './cli.error.js';
import { objectLocationOf } from './object-store.js';

describe('archive locations in object storage', () => {
  it('reads s3://bucket/key, in any case of the scheme, and leaves every other name a local file', () => {
    expect(objectLocationOf('s3://ledger-archives/2026/06/archive.ndjson')).toEqual({ bucket: 'ledger-archives', key: '2026/06/archive.ndjson' });
    expect(objectLocationOf('S3://ledger.archives/a')).toEqual({ bucket: 'ledger.archives', key: 'a' });
    for (const local of ['archive.ndjson', './s3:/x', '/tmp/s3://x', 'https://bucket/key']) expect(objectLocationOf(local)).toBeNull();
  });

  it('refuses an s3:// name without a bucket and an object key, as a usage error', () => {
    for (const bad of ['s3://', 's3://bucket', 's3://bucket/', 's3://bucket/dir/', 's3:///key', 's3://b/key', 's3://-bucket/key']) {
      expect(() => objectLocationOf(bad)).toThrow(UsageError);
    }
  });
});
