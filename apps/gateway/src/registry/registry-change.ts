import type { RegistryDefinitions } from '#identity';

/** A bureau as registered: its Federation subgraph name, department and URL. */
export interface BureauDefinition {
  name: string;
  department: string;
  url: string;
}

/** Throws to refuse a registry as a change would leave it. */
export type RegistryCheck = (definitions: RegistryDefinitions) => void;

/** A change that names something the registry does not hold. */
export class RegistryChangeError extends Error {
  constructor(
    message: string,
    readonly argument: string,
  ) {
    super(message);
  }
}
