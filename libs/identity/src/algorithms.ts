/** Asymmetric algorithms only: `none` and HMAC (which a public key could "verify") never pass. */
export const ALLOWED_ALGORITHMS = ['EdDSA', 'ES256', 'PS256', 'RS256'] as const;
