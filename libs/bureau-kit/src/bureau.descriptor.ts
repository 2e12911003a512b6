import type { Type } from '@nestjs/common';

/** What a bureau app tells the kit about itself. */
export interface BureauDescriptor {
  /** Department id, e.g. `health`; also the subgraph name. */
  name: string;
  defaultPort: number;
  /** The bureau's SDL (types only; the kit adds the federation and governance header). */
  schemaFile: string;
  /** The bureau's own Nest module: resolvers, services, seeders. */
  module: Type<unknown>;
  entities: Array<Type<unknown>>;
  migrations: Array<Type<unknown>>;
}

/** Injection token for the running bureau's validated configuration. */
export const BUREAU_CONFIG = Symbol('BUREAU_CONFIG');
