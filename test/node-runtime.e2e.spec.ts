import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain JavaScript run before anything is compiled (bin/), without declarations
import { requiredMajor, runtimeWarning } from '../bin/node-runtime.js';
import { ROOT } from './support/processes.js';

/**
 * One Node.js line everywhere: package.json "engines", .nvmrc (what CI and
 * nvm install), and the images in docker/ agree; CI runs on it; on another
 * line the `causeway` command says what it needs.
 */
const nvmrc = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();
const wanted = requiredMajor(ROOT) as number;

describe('the declared Node.js line', () => {
  it('is the same in package.json, .nvmrc and every image in docker/', () => {
    expect(nvmrc).toMatch(new RegExp(`^${wanted}\\.\\d+\\.\\d+$`));
    for (const file of ['gateway.Dockerfile', 'bureau.Dockerfile']) {
      const images = [...readFileSync(join(ROOT, 'docker', file), 'utf8').matchAll(/^FROM node:(\S+)/gm)].map((match) => match[1]);
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) expect(image).toBe(`${nvmrc}-bookworm-slim`);
    }
  });

  it('is what CI runs the tests on', () => {
    if (process.env.CI !== 'true') return;
    expect(process.versions.node).toBe(nvmrc);
  });

  it('anything else gets a warning that names the line to install', () => {
    expect(runtimeWarning(`${wanted}.22.3`, wanted)).toBeNull();
    const older = runtimeWarning('20.20.2', wanted) as string;
    expect(older).toContain(`tested on Node.js ${wanted} LTS`);
    expect(older).toContain('past its end of life');
    expect(runtimeWarning(`${wanted + 2}.1.0`, wanted)).toContain('newer than the tested line');
  });
});
