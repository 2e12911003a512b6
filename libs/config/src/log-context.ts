import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving one exchange carries. */
export interface LogFields {
  exchangeId: string;
  traceId: string | null;
}

const current = new AsyncLocalStorage<LogFields>();

/** Runs `work` so that each line logged in it, and in its asynchronous continuations, names the exchange and its trace. */
export function withLogFields<T>(fields: LogFields, work: () => T): T {
  return current.run(fields, work);
}

/** The fields of the exchange being served here, if any. */
export function logFields(): LogFields | undefined {
  return current.getStore();
}
