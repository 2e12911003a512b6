import type { SupergraphManager } from '@apollo/gateway';
import type {
  GatewayExecutionResult,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
  GatewayUnsubscriber,
} from '@apollo/server-gateway-interface';
import { Logger } from '@nestjs/common';
import { GraphQLError, Kind, print, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { apiSchemaOf } from '#supergraph';
import type { BureauCaller } from '../exchange/bureau.caller.js';
import type { GatewayContext } from '../exchange/exchange.context.js';
import { checkOperation } from './hive-operation.checks.js';
import { nullError, propagateNulls } from './null-propagation.js';

/** One subgraph request as Hive's runtime hands it to a transport's executor. */
interface SubgraphRequest {
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
  context?: GatewayContext;
}

type Executor = (request: SubgraphRequest) => Promise<ExecutionResult> | ExecutionResult;

/** The members of `@graphql-mesh/fusion-runtime`'s UnifiedGraphManager this engine uses. */
interface UnifiedGraphManager {
  getUnifiedGraph(): Promise<GraphQLSchema> | GraphQLSchema;
  getExecutor(): Promise<Executor | undefined> | Executor | undefined;
  invalidateUnifiedGraph(): Promise<GraphQLSchema> | GraphQLSchema;
  retainGenerationFor(schema: GraphQLSchema): { executor: Executor | undefined; release(): void } | undefined;
}

interface HiveRuntime {
  UnifiedGraphManager: new (options: Record<string, unknown>) => UnifiedGraphManager;
  unifiedGraphHandler: unknown;
}

/**
 * Hive's packages are loaded through specifiers TypeScript does not follow,
 * and the few members used are typed above: their typings augment graphql's
 * error extensions (graphql-yoga's `http`) and bring `@types/node` 25, which
 * clash with Apollo Server's augmentation and the project's Node types as
 * soon as one file of the program imports them.
 */
async function loadHive(): Promise<HiveRuntime> {
  const fusion: string = '@graphql-mesh/fusion-runtime';
  const router: string = '@graphql-hive/router-runtime';
  let modules: [Pick<HiveRuntime, 'UnifiedGraphManager'>, Pick<HiveRuntime, 'unifiedGraphHandler'>];
  try {
    modules = (await Promise.all([import(fusion), import(router)])) as typeof modules;
  } catch (error) {
    throw new Error(
      `the hive federation engine could not be loaded (${(error as Error).message}): its Rust query planner ships for Linux (x64 and arm64, glibc) and macOS; elsewhere set CAUSEWAY_FEDERATION_ENGINE=apollo`,
      { cause: error },
    );
  }
  const [fusionModule, routerModule] = modules;
  return { UnifiedGraphManager: fusionModule.UnifiedGraphManager, unifiedGraphHandler: routerModule.unifiedGraphHandler };
}

export interface HiveEngineOptions {
  /** The bureau caller for a subgraph of the supergraph (by name and URL). */
  callerFor(bureau: string, url: string): BureauCaller;
  /** How long a superseded graph keeps serving the operations admitted under it. */
  reloadDrainMs: number;
  /** Filtered documents kept, so that the planner (which caches plans by document object) plans each once. */
  documentCacheSize: number;
}

/**
 * Hive's federation runtime (`@graphql-mesh/fusion-runtime`, MIT) with the
 * Rust query planner of `@graphql-hive/router-runtime`, as a federation
 * engine behind Apollo Server's gateway interface. The pipeline stays
 * Apollo Server's: operations are validated against the supergraph's API
 * schema, decided and filtered before execution, and executed here with the
 * filtered document.
 *
 * What Causeway guarantees, whatever the engine:
 * - every bureau request goes through a BureauCaller with its own exchange
 *   (the GraphQL context travels with each subgraph request): signed for it,
 *   counted in its fetches, deadlined. This transport never merges requests
 *   of different exchanges (Hive's HTTP transport would, by default, merge
 *   identical requests in flight across callers);
 * - a bureau failure is answered as BUREAU_UNAVAILABLE for that bureau's
 *   fields, never as an HTTP error naming an internal URL or echoing the
 *   request body (which Hive's HTTP transport copies into error extensions);
 * - errors a bureau reports carry its name as `serviceName`, as with
 *   @apollo/gateway, so the edge's error model treats them as a bureau's.
 */
export class HiveFederationEngine implements GatewayInterface {
  private readonly logger = new Logger('FederationEngine');
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  private manager: UnifiedGraphManager | null = null;
  private sdl = '';
  /** The unified graph built for each API schema handed to Apollo Server. */
  private readonly generations = new WeakMap<GraphQLSchema, Promise<GraphQLSchema>>();
  private readonly callers = new Map<string, BureauCaller>();
  private readonly documents = new Map<string, DocumentNode>();
  private readonly printed = new WeakMap<DocumentNode, string>();
  private cleanup: (() => Promise<void>) | undefined;

  constructor(
    private readonly supergraph: SupergraphManager,
    private readonly options: HiveEngineOptions,
  ) {}

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): GatewayUnsubscriber {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  async load(): Promise<GatewayLoadResult> {
    const hive = await loadHive();
    this.manager = new hive.UnifiedGraphManager({
      getUnifiedGraph: () => this.sdl,
      handleUnifiedGraph: hive.unifiedGraphHandler,
      transports: () => ({
        getSubgraphExecutor: ({ subgraphName, transportEntry }: { subgraphName: string; transportEntry: { location?: string } }) => this.executorFor(subgraphName, transportEntry.location),
      }),
      // Parallel requests of one operation to one bureau stay separate requests, as @apollo/gateway sends them.
      batch: false,
      schemaReloadDrainTimeout: this.options.reloadDrainMs,
    });
    const initial = await this.supergraph.initialize({
      update: (sdl) => this.switchTo(sdl),
      healthCheck: async () => {},
      getDataSource: () => {
        throw new Error('the Hive engine has no data sources');
      },
    });
    this.cleanup = initial.cleanup;
    this.switchTo(initial.supergraphSdl);
    return { executor: (request) => this.execute(request as GatewayGraphQLRequestContext<GatewayContext>) };
  }

  async stop(): Promise<void> {
    await this.cleanup?.();
  }

  /**
   * Serves `sdl` from now on. Synchronous up to the new API schema (which
   * throws on a graph that cannot be served, and Apollo Server switches to
   * at once, as with @apollo/gateway); operations validated against it wait
   * for the unified graph to be built, those admitted before finish on the
   * previous one.
   */
  private switchTo(sdl: string): void {
    const apiSchema = apiSchemaOf(sdl);
    this.sdl = sdl;
    this.callers.clear();
    this.documents.clear();
    const manager = this.manager;
    if (!manager) throw new Error('the federation engine is not loaded');
    const built = Promise.resolve(manager.invalidateUnifiedGraph());
    // Seen by the executor of every operation validated against this schema; failures are reported there.
    built.catch((error: unknown) => this.logger.error(`the unified graph could not be built: ${(error as Error).message}`));
    this.generations.set(apiSchema, built);
    for (const listener of this.listeners) listener({ apiSchema, coreSupergraphSdl: sdl });
  }

  private async execute(request: GatewayGraphQLRequestContext<GatewayContext>): Promise<GatewayExecutionResult> {
    const manager = this.manager;
    const built = this.generations.get(request.schema);
    if (!manager || !built) throw new Error('operation validated against a schema this engine does not serve');
    const document = this.documentFor(request);
    const operationName = request.operationName ?? request.request.operationName;
    const unplanned = checkOperation(request.schema, document, operationName, request.request.variables ?? {});
    if (unplanned) return unplanned;
    const lease = manager.retainGenerationFor(await built);
    try {
      const executor = lease?.executor ?? (await manager.getExecutor());
      if (!executor) throw new Error('the federation engine has no executor');
      const result = await executor({
        document,
        variables: request.request.variables ?? {},
        operationName,
        context: request.context,
      });
      const errors = result.errors?.map(asGraphQLError) ?? [];
      // The runtime leaves `data` out when no bureau request put anything in it; an executed operation always has it.
      if (result.data === undefined) return { ...result, data: errors.length ? null : {}, errors: errors.length ? errors : undefined };
      const { data, raised } = propagateNulls(request.schema, document, operationName, result.data, request.request.variables ?? {});
      if (errors.length === 0) errors.push(...raised.map(nullError));
      return { ...result, data, errors: errors.length ? errors : undefined };
    } finally {
      lease?.release();
    }
  }

  /**
   * The planner caches plans by document object; a document filtered by the
   * policy is a new object every time, so each is kept by its hash (the
   * decide stage hashes what it filtered) and reused.
   */
  private documentFor(request: GatewayGraphQLRequestContext<GatewayContext>): DocumentNode {
    const key = `${request.queryHash}\u0000${request.operationName ?? ''}`;
    const known = this.documents.get(key);
    if (known) return known;
    if (this.documents.size >= this.options.documentCacheSize) this.documents.delete(this.documents.keys().next().value as string);
    this.documents.set(key, request.document);
    return request.document;
  }

  private executorFor(bureau: string, url: string | undefined): Executor {
    if (!url) throw new Error(`bureau ${bureau} has no URL in the supergraph`);
    let caller = this.callers.get(bureau);
    if (!caller) {
      caller = this.options.callerFor(bureau, url);
      this.callers.set(bureau, caller);
    }
    const bureauCaller = caller;
    return async ({ document, variables, operationName, context }) => {
      try {
        const response = await bureauCaller.call({ query: this.print(document), variables, operationName }, context?.exchange);
        const errors = response.errors?.map((error) => fromBureau(error, bureau));
        // A bureau's own refusal of a root request (data null): its root fields read null, as for a failed request.
        const data = response.data ?? (errors?.length ? nullsFor(document) : response.data);
        return { data, errors, extensions: response.extensions };
      } catch (error) {
        // BUREAU_UNAVAILABLE, answered in place of the bureau's data: its fields are null with this error.
        if (error instanceof GraphQLError) return { data: nullsFor(document), errors: [error] };
        throw error;
      }
    };
  }

  private print(document: DocumentNode): string {
    let text = this.printed.get(document);
    if (text === undefined) {
      text = print(document);
      this.printed.set(document, text);
    }
    return text;
  }
}

/**
 * What stands for a failed request's data: its root fields, null. The
 * runtime leaves `data` out of the whole answer when no request put
 * anything into it; with these, the fields of a failed root request read
 * null as GraphQL says (and as @apollo/gateway answers), the null
 * propagating only where a field is non-null. Entity requests get null.
 */
function nullsFor(document: DocumentNode): Record<string, null> | null {
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const fields = operation?.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD) ?? [];
  if (fields.some((field) => field.name.value === '_entities')) return null;
  return Object.fromEntries(fields.map((field) => [field.alias?.value ?? field.name.value, null]));
}

/** An error a bureau reported, named as the bureau's, and coded as @apollo/gateway codes it when the bureau gave no code. */
function fromBureau(error: GraphQLFormattedError, bureau: string): GraphQLError {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'DOWNSTREAM_SERVICE_ERROR';
  return new GraphQLError(error.message, { path: error.path, extensions: { ...error.extensions, code, serviceName: bureau } });
}

/** Apollo Server formats GraphQLErrors; a plain error object would lose its extensions there. */
function asGraphQLError(error: GraphQLError | GraphQLFormattedError): GraphQLError {
  if (error instanceof GraphQLError) return error;
  return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
}
