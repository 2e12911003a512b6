import type { DatabaseFeature } from '#database';
import { SupergraphVersions1765500000000 } from './migrations/1765500000000-supergraph-versions.js';
import { SupergraphStateEntity, SupergraphVersionEntity } from './supergraph-version.entity.js';

/** Supergraph versions in the gateway database: what every replica serves, and what awaits approval. */
export const SUPERGRAPH_FEATURE: DatabaseFeature = {
  entities: [SupergraphVersionEntity, SupergraphStateEntity],
  migrations: [SupergraphVersions1765500000000],
};
