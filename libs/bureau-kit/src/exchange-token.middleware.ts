import type { NextFunction, Request, Response } from 'express';
import { headerLines, withLogFields } from '#config';
import { ExchangeTokenError, type ExchangeTokenVerifier, type VerifiedExchange } from '#exchange-token';
import { requestTraceContext, traceIdOf } from '#telemetry';

/** A bureau request: its raw body (read, not parsed, before the token is checked) and, once verified, its exchange. */
export interface RequestWithExchange extends Request {
  rawBody?: Buffer;
  causewayExchange?: VerifiedExchange;
}

/**
 * Every request to a bureau must carry a gateway-signed exchange token for
 * this bureau and this exact body — `_service` and `_entities` included,
 * which are the usual way around a gateway. Anything else gets 401 and a
 * reason code; nothing about keys or which check failed beyond that code.
 * The body is parsed as JSON only after the token proved it is the
 * gateway's: an unsigned caller cannot make a bureau parse anything.
 */
export function exchangeTokenMiddleware(verifier: ExchangeTokenVerifier, outcome: (reason: string | null) => void = () => undefined) {
  return (req: RequestWithExchange, res: Response, next: NextFunction): void => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Two Authorization headers: Node keeps the first, a proxy may have read the last. Refused like a malformed token.
    const verified = headerLines(req.rawHeaders, 'authorization') > 1 ? Promise.reject(new ExchangeTokenError('MALFORMED_TOKEN')) : verifier.verify(req.headers.authorization, raw);
    verified.then(
      (exchange) => {
        req.causewayExchange = exchange;
        req.rawBody = raw;
        outcome(null);
        try {
          req.body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
        } catch {
          res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
        // Every line the bureau logs while serving it names the gateway's exchange and its trace.
        withLogFields({ exchangeId: exchange.exchangeId, traceId: traceIdOf(requestTraceContext(req)) ?? null }, next);
      },
      (error: unknown) => {
        const reason = error instanceof ExchangeTokenError ? error.reason : 'JWKS_UNAVAILABLE';
        outcome(reason);
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
