import type { GraphQLRequestContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const LEDGER_UNAVAILABLE_MESSAGE = 'The exchange ledger is unavailable: nothing is released until this request can be recorded. Retry shortly.';

/**
 * The rule every answer of the gateway follows — exchanges and admin
 * requests alike: its ledger record is committed before it is released.
 * `record` commits the record and returns what the answer's
 * `extensions.causeway` gains (its place in the ledger). If the record
 * cannot be committed, or the answer is not one the ledger can vouch for
 * (incremental delivery), the answer is replaced by LEDGER_UNAVAILABLE
 * (HTTP 503) carrying nothing but `ids`.
 */
export async function recordBeforeRelease(
  response: GraphQLRequestContext<object>['response'],
  ids: Record<string, string>,
  record: () => Promise<Record<string, unknown>>,
): Promise<boolean> {
  try {
    const receipt = await record();
    const body = response.body;
    if (body?.kind === 'single') {
      const causeway = (body.singleResult.extensions?.causeway ?? {}) as Record<string, unknown>;
      body.singleResult.extensions = { ...body.singleResult.extensions, causeway: { ...causeway, ...ids, ...receipt } };
      return true;
    }
  } catch {
    // fall through: nothing of this answer may leave
  }
  response.body = {
    kind: 'single',
    singleResult: { errors: [{ message: LEDGER_UNAVAILABLE_MESSAGE, extensions: { code: 'LEDGER_UNAVAILABLE', ...ids } }], extensions: { causeway: ids } },
  };
  response.http.status = 503;
  return false;
}

/** A refusal is recorded before it is sent; one that cannot be recorded is answered as LEDGER_UNAVAILABLE (503) instead. */
export async function recordRefusal(ids: Record<string, string>, record: () => Promise<unknown>): Promise<void> {
  try {
    await record();
  } catch {
    throw new GraphQLError(LEDGER_UNAVAILABLE_MESSAGE, { extensions: { code: 'LEDGER_UNAVAILABLE', ...ids, http: { status: 503 } } });
  }
}
