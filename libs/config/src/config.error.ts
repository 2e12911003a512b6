/** One problem with one environment variable. */
export interface ConfigIssue {
  variable: string;
  message: string;
}

/**
 * Thrown when the environment does not describe a runnable app. The message
 * names every offending variable so an operator can fix them all at once; it
 * never echoes values, which may be secrets.
 */
export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly issues: ConfigIssue[],
  ) {
    super(`Invalid configuration for ${app}:\n` + issues.map((issue) => `  - ${issue.variable}: ${issue.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}
