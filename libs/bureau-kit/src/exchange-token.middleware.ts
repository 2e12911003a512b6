import type { NextFunction, Request, Response } from 'express';
import { ExchangeTokenError, type ExchangeTokenVerifier, type VerifiedExchange } from '#exchange-token';

/** The raw request body, kept by the JSON parser for the body-hash check. */
export interface RequestWithExchange extends Request {
  rawBody?: Buffer;
  causewayExchange?: VerifiedExchange;
}

/**
 * Every request to a bureau must carry a gateway-signed exchange token for
 * this bureau and this exact body — `_service` and `_entities` included,
 * which are the usual way around a gateway. Anything else gets 401 and a
 * reason code; nothing about keys or which check failed beyond that code.
 */
export function exchangeTokenMiddleware(verifier: ExchangeTokenVerifier) {
  return (req: RequestWithExchange, res: Response, next: NextFunction): void => {
    verifier.verify(req.headers.authorization, req.rawBody ?? Buffer.alloc(0)).then(
      (exchange) => {
        req.causewayExchange = exchange;
        next();
      },
      (error: unknown) => {
        const reason = error instanceof ExchangeTokenError ? error.reason : 'JWKS_UNAVAILABLE';
        res
          .status(401)
          .set('WWW-Authenticate', 'Bearer realm="causeway-bureau"')
          .json({
            errors: [
              {
                message: 'This bureau answers only requests signed by the Causeway gateway.',
                extensions: { code: 'UNAUTHENTICATED', reason },
              },
            ],
          });
      },
    );
  };
}
