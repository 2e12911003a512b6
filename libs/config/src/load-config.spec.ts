import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ConfigError } from './config.error.js';
import { env, loadConfig } from './load-config.js';
import { parseBureauList } from './bureau-directory.js';

const schema = z.object({
  APP_PORT: env.port(4000),
  APP_TIMEOUT_MS: env.millis(1000, 100),
  APP_SECRET: z.string().min(32, 'must be at least 32 characters'),
});

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig('app', schema, { APP_SECRET: 'x'.repeat(32) });
    expect(config).toEqual({ APP_PORT: 4000, APP_TIMEOUT_MS: 1000, APP_SECRET: 'x'.repeat(32) });
  });

  it('names every invalid variable at once', () => {
    const error = errorOf(() => loadConfig('app', schema, { APP_PORT: 'eighty', APP_TIMEOUT_MS: '5' }));
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(['APP_PORT', 'APP_SECRET', 'APP_TIMEOUT_MS']);
    expect(error.message).toContain('APP_PORT');
    expect(error.message).toContain('APP_TIMEOUT_MS: must be at least 100');
  });

  it('never echoes a value, which could be a secret', () => {
    const error = errorOf(() => loadConfig('app', schema, { APP_SECRET: 'hunter2-top-secret' }));
    expect(error.message).toContain('APP_SECRET');
    expect(error.message).not.toContain('hunter2');
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig('app', schema, { APP_PORT: '  ', APP_SECRET: 'y'.repeat(40) });
    expect(config.APP_PORT).toBe(4000);
  });

  it('rejects ports out of range', () => {
    expect(errorOf(() => loadConfig('app', schema, { APP_PORT: '70000', APP_SECRET: 'x'.repeat(32) })).issues).toEqual([{ variable: 'APP_PORT', message: 'must be between 1 and 65535' }]);
  });
});

describe('parseBureauList', () => {
  it('parses name=url pairs', () => {
    expect(parseBureauList('health=http://10.0.0.3:4003/graphql, tax=https://tax.example/graphql')).toEqual([
      { name: 'health', url: 'http://10.0.0.3:4003/graphql' },
      { name: 'tax', url: 'https://tax.example/graphql' },
    ]);
  });

  it('takes any subgraph name Federation takes: one letter, capitals, underscores', () => {
    expect(parseBureauList('a=http://x/a,Accounts=http://x/b,reviews_v2=http://x/c').map((bureau) => bureau.name)).toEqual(['a', 'Accounts', 'reviews_v2']);
  });

  it('never echoes a URL, which may carry credentials', () => {
    expect(() => parseBureauList('tax=https://user:s3cret@tax.example/graphql,oops')).toThrow('entry 2');
    expect(() => parseBureauList('tax=gopher://user:s3cret@tax.example')).not.toThrow(/s3cret/);
  });

  it.each([
    ['health', 'entry 1 is not of the form name=url'],
    ['1health=http://x/graphql', 'starting with a letter'],
    ['he alth=http://x/graphql', 'letters, digits'],
    ['health=ftp://x/graphql', 'must be http(s)'],
    ['health=not a url', 'invalid URL'],
    ['a1=http://x/g,a1=http://y/g', 'listed twice'],
    [' , ', 'at least one bureau'],
  ])('rejects %p', (input, message) => {
    expect(() => parseBureauList(input)).toThrow(message);
  });
});
