import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { appLogger } from './app-logger.js';

describe('appLogger', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('on a terminal: leaves out Nest’s start-up inventory, keeps everything else, one line per record', () => {
    const logger = appLogger('pretty', ['error', 'warn', 'log']);
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Mapped {/graphql, POST} route', 'RouterExplorer');
    logger.log({ exchangeId: 'e-1', system: 'civil-affairs.subsidy-review', bureaus: ['health', 'public-security'] }, 'Access');
    logger.warn('witness not reached', 'Witness');
    const text = written.join('');
    expect(text).not.toMatch(/dependencies initialized|Mapped \{/);
    expect(written.filter((line) => line.includes('exchangeId'))).toHaveLength(1);
    expect(text).toMatch(/exchangeId: 'e-1'.*bureaus: \[ 'health', 'public-security' \]/);
    expect(text).toContain('witness not reached');
    expect(written.every((line) => line.trimEnd().split('\n').length === 1)).toBe(true);
  });

  it('for collectors (JSON): every record, the inventory included, one JSON object per line', () => {
    const logger = appLogger('json', ['error', 'warn', 'log']);
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log({ exchangeId: 'e-2' }, 'Access');
    const lines = written
      .join('')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { context: string });
    expect(lines.map((line) => line.context)).toEqual(['InstanceLoader', 'Access']);
  });
});
