import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphSource {
  name: string;
  url: string;
  /** The subgraph's SDL as its `_service { sdl }` returns it. */
  sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly details: string[]) {
    super(`Composition failed:\n${details.map((d) => `  - ${d}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** Composes Federation 2 subgraphs into a supergraph SDL, or explains why not. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): string {
  const services = subgraphs.map(({ name, url, sdl }) => {
    try {
      return { name, url, typeDefs: parse(sdl) };
    } catch (error) {
      throw new CompositionError([`${name}: ${(error as Error).message}`]);
    }
  });
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return result.supergraphSdl;
}
