/** A problem with what the user typed: exit code 2, message only. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** The command could not do its job (a bureau down, a file unreadable): exit code 1. */
export class CommandFailedError extends Error {
  readonly exitCode = 1;
}
