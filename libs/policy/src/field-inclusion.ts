import { getDirectiveValues, getVariableValues, GraphQLIncludeDirective, GraphQLSkipDirective, type DirectiveNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { operationOf, type SelectedField } from './operation-walker.js';

/**
 * The selected fields a request executes, given its variables. A field
 * under a `@skip` whose condition holds, or an `@include` whose condition
 * does not, on itself or on any field or fragment around it, is never
 * executed: nothing is fetched for it and GraphQL leaves it out of the
 * answer. So it is not decided and not recorded either. Deciding it as if
 * included put a key and a FORBIDDEN_FIELD error in the answer for a field
 * the caller had left out, refused the whole operation in reject mode, and
 * recorded a denial of something nobody asked for.
 *
 * The conditions are read as execution reads them, from the same variables:
 * coerced by graphql's own getVariableValues (defaults included) and each
 * directive read by getDirectiveValues. Where they cannot be read (variables
 * that do not coerce, which execution then refuses), every field counts as
 * included and is decided: never fewer decisions than fields executed.
 */
export function includedFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  fields: readonly SelectedField[],
  variables: Readonly<Record<string, unknown>> | null | undefined,
): readonly SelectedField[] {
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
