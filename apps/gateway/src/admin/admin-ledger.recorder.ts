import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Person } from '#identity';
import { canonicalJson, sha256, type AdminEntry, type ExchangeDecision } from '#ledger';
import { requestTraceContext, traceIdOf } from '#telemetry';
import { LedgerService } from '../ledger/ledger.service.js';
import type { AdminContext } from './admin.context.js';

/**
 * Records every use of the admin API in the ledger — an auditor's own
 * searches and exports too — and waits for the commit before anything is
 * released, like exchanges.
 */
@Injectable()
export class AdminLedgerRecorder {
  constructor(private readonly ledger: LedgerService) {}

  open(person: Person, request: IncomingMessage): AdminContext {
    return { person, requestId: randomUUID(), startedAt: new Date(), clientAddress: request.socket.remoteAddress ?? null, traceId: traceIdOf(requestTraceContext(request)) ?? null };
  }

  /** Appends the record; rejects when the ledger cannot commit (the caller then releases nothing). */
  async record(
    context: Pick<AdminContext, 'requestId' | 'startedAt' | 'clientAddress' | 'traceId'> & { person: Person | null },
    operation: { name: string | null; text: string | null; variables?: unknown },
    errorCodes: string[],
  ): Promise<void> {
    const codes = [...new Set(errorCodes)].sort();
    const decision: ExchangeDecision = codes.includes('UNAUTHENTICATED')
      ? 'UNAUTHENTICATED'
      : codes.includes('FORBIDDEN')
        ? 'DENIED'
        : codes.length > 0
          ? 'FAILED'
          : 'ALLOWED';
    const hash = operation.text === null ? null : sha256(operation.text);
    const entry: AdminEntry = {
      kind: 'admin',
      exchangeId: context.requestId,
      startedAt: context.startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      user: context.person?.id ?? null,
      roles: context.person?.roles ?? [],
      operation: { name: operation.name, hash, variablesHash: sha256(canonicalJson(operation.variables ?? {})), variables: operation.variables ?? {} },
      decision,
      errorCodes: codes,
      traceId: context.traceId,
      clientAddress: context.clientAddress,
    };
    await this.ledger.append(entry, hash && operation.text ? { hash, document: operation.text } : null);
  }
}
