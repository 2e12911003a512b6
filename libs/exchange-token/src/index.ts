export { bodyHash, DEFAULT_GATEWAY_ISSUER, EXCHANGE_TOKEN_ALGORITHM, EXCHANGE_TOKEN_MAX_TTL_S, EXCHANGE_TOKEN_TTL_S, type ExchangeClaims } from './exchange-token.claims.js';
export { ExchangeTokenSigner } from './exchange-token.signer.js';
export { ExchangeTokenError, ExchangeTokenVerifier, type ExchangeTokenReason, type ExchangeTokenVerifierOptions, type VerifiedExchange } from './exchange-token.verifier.js';
export { GatewayKeystore, KeystoreError, RETIRED_KEY_GRACE_S, type KeyInfo, type SigningKey } from './gateway-keystore.js';
export { gatewayKeyFile } from './key-file.js';
export { MemoryReplayGuard } from './replay/memory.replay-guard.js';
export { openReplayGuard } from './replay/open-replay-guard.js';
export { ReplayGuardUnavailableError, type ReplayGuard } from './replay/replay-guard.js';
export { GATEWAY_KEYS_ENV, gatewayKeySourceOf, openGatewayKeystore, type GatewayKeySource } from './gateway-keys.config.js';
