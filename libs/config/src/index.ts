export { ConfigError, type ConfigIssue } from './config.error.js';
export { loadConfig, env, type EnvSource } from './load-config.js';
export { projectRoot, resolveFromCwd } from './project-root.js';
export { DEMO_BUREAUS, demoBureauEndpoints, parseBureauList, type BureauEndpoint } from './bureau-directory.js';
export { closeOnSignals, runMain } from './run-main.js';
export { readPolicyFile } from './policy-file.js';
export { CLOCK, fixedClock, systemClock, type Clock } from './clock.js';
export { policiesDirOf, REDIS_ENV, SHARED_ENV } from './shared-env.js';
export { stopServing } from './stop-serving.js';
