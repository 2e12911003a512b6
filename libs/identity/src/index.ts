export type { Principal } from './principal.js';
export { AuthenticationError, PurposeNotAllowedError, type AuthenticationReason } from './identity.error.js';
export { SystemRegistry, type RegisteredSystem, type SystemDefinition } from './system-registry.js';
export { ALLOWED_ALGORITHMS, CallerAuthenticator, type CallerAuthenticatorOptions } from './caller-authenticator.js';
export { MAX_ASSERTION_TTL_S, signDevClientAssertion } from './client-assertion.js';
export { devSystemJwks, devSystemKeyFile, devSystemSigningKey, ensureDevSystemKey } from './dev-system-keys.js';
