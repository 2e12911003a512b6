import express, { type Request, type Response } from 'express';
import { Logger } from '@nestjs/common';
import type { CheckpointWitness } from './checkpoint-witness.js';

const PAGE = 1000;

/**
 * /causeway/checkpoints, outside the exchange-token check (a checkpoint is
 * itself signed by the gateway, and what the witness publishes is public
 * evidence, with no personal data in it):
 *   POST   { "jws": "…" }       offer a checkpoint: 201 kept, 200 known, 409 gap (with the last kept) or fork, 400 invalid
 *   GET    ?after=N             what it kept after N, up to 1000, in order
 *   GET    /latest              the last it kept (404 before the first)
 */
export function witnessRouter(witness: CheckpointWitness): express.Router {
  const logger = new Logger('Witness');
  const router = express.Router();
  router.post('/', express.json({ limit: '256kb' }), async (req: Request, res: Response) => {
    const jws = (req.body as { jws?: unknown } | undefined)?.jws;
    if (typeof jws !== 'string') {
      res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'Expected {"jws": "<checkpoint>"}.' } });
      return;
    }
    const verdict = await witness.offer(jws);
    if (verdict.status === 'fork') logger.error(`the gateway's ledger was rewritten after this witness saw it: ${verdict.detail}`);
    const status = { kept: 201, known: 200, gap: 409, fork: 409, invalid: 400 }[verdict.status];
    res.status(status).json(verdict);
  });
  router.get('/latest', async (_req: Request, res: Response) => {
    const latest = await witness.latest();
    if (!latest) res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No checkpoint kept yet.' } });
    else res.json(latest);
  });
  router.get('/', async (req: Request, res: Response) => {
    const after = Number(req.query.after ?? 0);
    if (!Number.isInteger(after) || after < 0) {
      res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'after must be a checkpoint number.' } });
      return;
    }
    res.json({ checkpoints: await witness.kept(after, PAGE) });
  });
  return router;
}
