// The Node.js line Causeway is built and tested on (package.json `engines`,
// .nvmrc, the images in docker/), and what to say on another one. Plain
// JavaScript: it runs before anything is compiled.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The major version `engines.node` asks for (`^24.11.0` → 24). */
export function requiredMajor(root) {
  const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Number(/(\d+)/.exec(engines.node)[1]);
}

/** A warning for a Node.js whose major is not the tested one; null on the tested line. */
export function runtimeWarning(version, wanted) {
  const major = Number(version.split('.')[0]);
  if (major === wanted) return null;
  const older = major < wanted;
  return [
    `causeway: this is Node.js ${version}; Causeway is built and tested on Node.js ${wanted} LTS (package.json "engines", .nvmrc).`,
    older
      ? `  Node.js ${major} is older than the tested line${major <= 20 ? ' and past its end of life' : ''}: it may work, but it is not tested. Install Node.js ${wanted} (for example \`nvm install\`, which reads .nvmrc).`
      : `  Node.js ${major} is newer than the tested line: it may work, but it is not tested.`,
  ].join('\n');
}
