import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { GOVERNANCE_DIRECTIVE_NAMES } from '#catalog';
import { apiSchemaOf } from './api-schema.js';

export interface SubgraphSource {
  name: string;
  url: string;
  /** The subgraph's SDL as its `_service { sdl }` returns it. */
  sdl: string;
}

const GOVERNANCE_LABEL = new RegExp(`directive @(${GOVERNANCE_DIRECTIVE_NAMES.join('|')}) `);

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
  const conflicts = result.hints.filter((hint) => hint.definition.code === 'INCONSISTENT_NON_REPEATABLE_DIRECTIVE_ARGUMENTS' && GOVERNANCE_LABEL.test(hint.message));
  // Composition would keep one bureau's label and drop the other's, so one
  // bureau could relabel another's field. A governance label conflict is
  // an error, never a hint.
  if (conflicts.length > 0) {
    throw new CompositionError(conflicts.map((hint) => `conflicting governance labels: ${hint.message}`));
  }
  assertServable(result.supergraphSdl);
  return result.supergraphSdl;
}

/**
 * Refuses a supergraph the federation engines cannot serve, before anything
 * stores or offers it: a valid composition may still link a feature the
 * engines do not support (`@authenticated`, `@requiresScopes` and `@policy`
 * link a SECURITY feature, which a gateway must refuse rather than ignore).
 * Both engines load a graph with the API schema built here (apiSchemaOf),
 * so a graph that passes is one they load.
 */
export function assertServable(supergraphSdl: string): void {
  try {
    apiSchemaOf(supergraphSdl);
  } catch (error) {
    throw new CompositionError([`the federation engine cannot serve the supergraph: ${(error as Error).message}`]);
  }
}
