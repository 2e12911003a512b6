import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { Catalog, loadGovernancePolicies } from '#catalog';
import { policiesDirOf } from '#config';
import { readRegistryFiles, type RegistryDefinitions } from '#identity';
import { decideOperation, PolicyEngine, readSeedGrants, schemaContract, type DecidedField, type DecisionSubject, type SchemaContract } from '#policy';
import { apiSchemaOf } from '#supergraph';
import { cliConfig } from './cli.config.js';
import { CommandFailedError, UsageError } from './cli.error.js';
import { composeDemoSchemas, readSupergraphFile } from './supergraph-source.js';

/**
 * Everything needed to decide operations outside a running gateway, built
 * from policy files (policies/: classification, ownership, systems,
 * purposes, grants, model.conf) and a supergraph (a file, or the demo
 * bureaus' schema files). Decisions come from the same engine, catalog and
 * operation walk the gateway uses; nothing is fetched.
 */
export class PolicyWorkbench {
  private constructor(
    readonly policiesDir: string,
    readonly supergraphSource: string,
    private readonly schema: GraphQLSchema,
    private readonly catalog: Catalog,
    private readonly registry: RegistryDefinitions,
    readonly engine: PolicyEngine,
  ) {}

  static async load(options: { policies?: string; supergraph?: string }): Promise<PolicyWorkbench> {
    const policiesDir = policiesDirOf(cliConfig().policiesDir(options.policies));
    const file = cliConfig().supergraphFile(options.supergraph);
    const supergraph = file ? readSupergraphFile(file) : composeDemoSchemas();
    try {
      const governance = loadGovernancePolicies(policiesDir);
      const levels = governance.scheme.names;
      const engine = await PolicyEngine.build({
        grants: readSeedGrants(policiesDir, levels),
        model: readFileSync(join(policiesDir, 'model.conf'), 'utf8'),
        scheme: governance.scheme,
        version: 0,
      });
      return new PolicyWorkbench(
        policiesDir,
        supergraph.source,
        apiSchemaOf(supergraph.sdl),
        Catalog.fromSupergraph(supergraph.sdl, governance.scheme, governance.entityOwners),
        readRegistryFiles(policiesDir),
        engine,
      );
    } catch (error) {
      throw new CommandFailedError(`policies in ${policiesDir}: ${(error as Error).message}`);
    }
  }

  /** The caller as the gateway would see it; a system or purpose it would refuse is an error here too. */
  subject(system: string, purpose: string): DecisionSubject {
    const definition = this.registry.systems.find((candidate) => candidate.id === system);
    if (!definition) {
      throw new UsageError(`unknown system "${system}"; registered: ${this.registry.systems.map((s) => s.id).join(', ')}`);
    }
    if (!(purpose in this.registry.purposes)) {
      throw new UsageError(`unknown purpose "${purpose}"; registered: ${Object.keys(this.registry.purposes).join(', ')}`);
    }
    if (!definition.purposes.includes(purpose)) {
      throw new UsageError(`system ${system} may not declare purpose "${purpose}" (its purposes: ${definition.purposes.join(', ')})`);
    }
    return { system, department: definition.department, clearance: definition.clearance, purpose };
  }

  /** The one purpose a system may declare; with several, the caller must choose. */
  onlyPurpose(system: string): string {
    const purposes = this.registry.systems.find((candidate) => candidate.id === system)?.purposes ?? [];
    if (purposes.length === 1) return purposes[0]!;
    if (purposes.length === 0) return this.subject(system, '').purpose;
    throw new UsageError(`system ${system} may declare several purposes (${purposes.join(', ')}); choose one with --purpose`);
  }

  /** The schema `subject` may read at `now`: the same contract a running gateway serves at GET /schema. */
  contract(subject: DecisionSubject, now: number): SchemaContract {
    return schemaContract(this.schema, this.catalog, this.engine.decider(subject, now, { cache: false }));
  }

  /** Parses and validates an operation against the API schema, as the gateway does before deciding it. */
  operation(text: string, label: string): DocumentNode {
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch (error) {
      throw new UsageError(`${label}: ${(error as Error).message}`);
    }
    const errors = validate(this.schema, document);
    if (errors.length > 0) throw new UsageError(`${label}: ${errors.map((error) => error.message).join('; ')}`);
    return document;
  }

  /** Every selected field decided afresh (no cache) at `now`. */
  decide(subject: DecisionSubject, document: DocumentNode, operationName: string | undefined, now: number): DecidedField[] {
    try {
      return decideOperation({ schema: this.schema, document, operationName }, this.catalog, this.engine.decider(subject, now, { cache: false }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
}
