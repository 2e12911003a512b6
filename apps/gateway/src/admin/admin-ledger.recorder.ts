import { Injectable } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { requestTraceContext, traceIdOf } from '#telemetry';
import { LEDGER_UNAVAILABLE_MESSAGE } from '../ledger/record-before-release.js';
import type { Person } from '#identity';
import { canonicalJson, LedgerService, sha256, SubjectKeyring, type AdminEntry, type ExchangeDecision } from '#ledger';
import { redactedName, redactedText, redactedUrl, redactedVariables } from '../exchange/operation-redaction.js';
import type { AdminContext } from './admin.context.js';

/** What the ledger keeps of an admin request's context; the person is null when they were not authenticated. */
export type AdminRecordContext = Pick<AdminContext, 'requestId' | 'startedAt' | 'clientAddress' | 'traceId'> & { person: Person | null };

/** How an admin HTTP request (the ledger export) is named in its record: its method and path. */
export function httpOperation(request: { method?: string; originalUrl?: string }): { name: string; text: string | null } {
  // An identifier in the URL (an export's bound, a path) is the asker's to write, not the ledger's to keep.
  const url = request.originalUrl === undefined ? null : redactedUrl(request.originalUrl);
  return { name: `${request.method ?? 'GET'} ${(url ?? '').split('?')[0]}`, text: url };
}

/**
 * Records every use of the admin API in the ledger — an auditor's own
 * searches and exports too, and refused requests — so that nothing is
 * released before its record commits, like exchanges.
 */
@Injectable()
export class AdminLedgerRecorder {
  constructor(
    private readonly ledger: LedgerService,
    private readonly keyring: SubjectKeyring,
  ) {}

  /**
   * Records a request refused before anyone was authenticated (a malformed
   * one); the error to send carries its request id, or is LEDGER_UNAVAILABLE
   * when even the refusal cannot be recorded.
   */
  async refuseRequest(request: IncomingMessage, error: GraphQLError): Promise<{ error: GraphQLError; ids: Record<string, string> }> {
    const context = anonymousContext(request);
    const ids = { requestId: context.requestId };
    try {
      await this.record(context, { name: null, text: null }, [String(error.extensions?.code)]);
      return { error: new GraphQLError(error.message, { extensions: { ...error.extensions, ...ids } }), ids };
    } catch {
      return { error: new GraphQLError(LEDGER_UNAVAILABLE_MESSAGE, { extensions: { code: 'LEDGER_UNAVAILABLE', ...ids, http: { status: 503 } } }), ids };
    }
  }

  /** Appends the record; rejects when the ledger cannot commit (the caller then releases nothing). */
  async record(
    context: AdminRecordContext,
    operation: { name: string | null; text: string | null; variables?: unknown },
    errorCodes: string[],
  ): Promise<{ chain: string; seq: number; hash: string }> {
    const codes = [...new Set(errorCodes)].sort();
    // Values written inline (an ID number to simulate or search by) stay out of the stored text, as on /graphql.
    const text = operation.text === null ? null : redactedText(operation.text);
    const hash = text === null ? null : sha256(text);
    const entry: AdminEntry = {
      kind: 'admin',
      exchangeId: context.requestId,
      startedAt: context.startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      user: context.person?.id ?? null,
      roles: context.person?.roles ?? [],
      // The variables' keyed hash is of what was sent; their stored values lose what could identify a person or enterprise.
      operation: {
        name: operation.name === null ? null : redactedName(operation.name),
        hash,
        variablesHash: this.keyring.keyedHash(canonicalJson(operation.variables ?? {})),
        variables: redactedVariables(operation.variables ?? {}),
      },
      decision: adminDecision(codes),
      errorCodes: codes,
      traceId: context.traceId,
      clientAddress: context.clientAddress,
    };
    return this.ledger.append(entry, hash && text ? { hash, document: text } : null);
  }
}

/** The record context of an admin request nobody was authenticated for (under `requestId` when one was given out already). */
export function anonymousContext(request: IncomingMessage, requestId: string = randomUUID()): AdminRecordContext {
  return { person: null, requestId, startedAt: new Date(), clientAddress: request.socket.remoteAddress ?? null, traceId: traceIdOf(requestTraceContext(request)) ?? null };
}

function adminDecision(codes: readonly string[]): ExchangeDecision {
  if (codes.includes('UNAUTHENTICATED')) return 'UNAUTHENTICATED';
  if (codes.includes('FORBIDDEN')) return 'DENIED';
  return codes.length > 0 ? 'FAILED' : 'ALLOWED';
}
