export { departmentOf, type Principal } from './principal.js';
export { AuthenticationError, PurposeNotAllowedError, type AuthenticationReason, type VerifiedCaller } from './identity.error.js';
export { authorizationOf } from './authorization-header.js';
export { purposeHeaderOf, wellFormedPurpose } from './purpose-header.js';
export {
  purposeNameSchema,
  readRegistryFiles,
  systemDefinitionSchema,
  SystemRegistry,
  type RegisteredSystem,
  type RegistryBuildOptions,
  type RegistryDefinitions,
  type RegistrySource,
  type SystemDefinition,
} from './system-registry.js';
export { issuerDefinitionSchema, readIssuerFile, OidcIssuer, type IssuerDefinition, type OidcIssuerOptions } from './oidc-issuer.js';
export { ALLOWED_ALGORITHMS } from './algorithms.js';
export { CallerAuthenticator, type CallerAuthenticatorOptions } from './caller-authenticator.js';
export { MAX_ASSERTION_TTL_S, signDevClientAssertion } from './client-assertion.js';
export { devSystemJwks, devSystemKeyFile, devSystemSigningKey, ensureDevSystemKey } from './dev-system-keys.js';
export { checkPeople, personSchema, ROLES, readPeopleFile, type Person, type PersonDefinition, type Role } from './person.js';
export {
  ADMIN_AUDIENCE,
  DEV_PEOPLE_ISSUER,
  devPeopleJwks,
  ensureDevPeopleKey,
  MAX_PERSON_TOKEN_TTL_S,
  PersonAuthenticator,
  signDevPersonToken,
  type PersonAuthenticatorOptions,
} from './person-authenticator.js';
