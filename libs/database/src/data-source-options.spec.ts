import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

const pageSize = async (source: DataSource) => ((await source.query('PRAGMA page_size')) as Array<{ page_size: number }>)[0]!.page_size;

describe('the embedded database file', () => {
  it('is created with pages of 8 KB, in write-ahead-log mode', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'causeway-pages-')), 'gateway.sqlite');
    const source = await new DataSource(dataSourceOptions({ type: 'sqlite', file }, [])).initialize();
    try {
      expect(await pageSize(source)).toBe(8192);
      expect((await source.query('PRAGMA journal_mode')) as unknown).toEqual([{ journal_mode: 'wal' }]);
    } finally {
      await source.destroy();
    }
  });

  it('keeps the page size of a file created before, with everything in it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'causeway-pages-')), 'gateway.sqlite');
    const earlier = new Database(file);
    earlier.pragma('journal_mode = WAL');
    earlier.exec("CREATE TABLE kept (value TEXT); INSERT INTO kept VALUES ('written with 4 KB pages')");
    earlier.close();
    const source = await new DataSource(dataSourceOptions({ type: 'sqlite', file }, [])).initialize();
    try {
      expect(await pageSize(source)).toBe(4096);
      expect(await source.query('SELECT value FROM kept')).toEqual([{ value: 'written with 4 KB pages' }]);
    } finally {
      await source.destroy();
    }
  });
});
