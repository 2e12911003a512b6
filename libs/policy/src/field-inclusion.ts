import { getDirectiveValues, getVariableValues, GraphQLIncludeDirective, GraphQLSkipDirective, type DirectiveNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { operationOf, type SelectedField } from './operation-walker.js';

/**
 * The selected fields a request executes, given its variables. A field
 * under a `@skip` whose condition holds, or an `@include` whose condition
 * does not, on itself or on any field or fragment around it, is never
 * executed: GraphQL leaves it out of the answer. So it is not answered,
 * refused or recorded as denied: doing so put a key and a FORBIDDEN_FIELD
 * error in the answer for a field the caller had left out, refused the whole
 * operation in reject mode, and recorded a denial of something nobody asked
 * for. It is still decided, and cut from the operation when denied: a query
 * planner may fetch a field under a condition it does not carry into the
 * plan (Hive's drops an outer condition of nested ones), so a denied field
 * is never left to the condition alone (PolicyDecisionStage).
 *
 * The conditions are read as execution reads them, from the same variables:
 * coerced by graphql's own getVariableValues (defaults included) and each
 * directive read by getDirectiveValues. Where they cannot be read (variables
 * that do not coerce, which execution then refuses), every field counts as
 * included: never fewer fields answered for than executed.
 */
export function includedFields<T extends SelectedField>(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  fields: readonly T[],
  variables: Readonly<Record<string, unknown>> | null | undefined,
): readonly T[] {
  if (!fields.some((field) => field.conditions.length > 0)) return fields;
  const coerced = getVariableValues(schema, operationOf(document, operationName).variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return fields;
  const values = coerced.coerced;
  const memo = new Map<DirectiveNode, boolean>();
  const lets = (directive: DirectiveNode): boolean => {
    let verdict = memo.get(directive);
    if (verdict === undefined) memo.set(directive, (verdict = letsThrough(directive, values)));
    return verdict;
  };
  return fields.filter((field) => field.conditions.every(lets));
}

/** Whether one `@skip` or `@include` lets execution through: true where its condition cannot be read. */
function letsThrough(directive: DirectiveNode, variables: Readonly<Record<string, unknown>>): boolean {
  const skip = directive.name.value === 'skip';
  try {
    const condition = getDirectiveValues(skip ? GraphQLSkipDirective : GraphQLIncludeDirective, { directives: [directive] }, variables)?.if;
    if (typeof condition !== 'boolean') return true;
    return skip ? !condition : condition;
  } catch {
    return true;
  }
}
