// Writes the admin API's schema (apps/console/admin-schema.graphql), from
// which the console's typed operations are generated, by introspecting a
// running gateway: node apps/console/scripts/admin-schema.mjs URL TOKEN.
// The standard introspection query nests deeper than the admin API's depth
// limit allows, so this one follows type references four levels
// (`[String!]!` is the deepest the admin schema has).
import { buildClientSchema, printSchema } from 'graphql';
import { writeFileSync } from 'node:fs';

const ref = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const query = `{ __schema {
  queryType { name } mutationType { name } subscriptionType { name }
  types { kind name description
    fields(includeDeprecated: true) { name description isDeprecated deprecationReason args { name description defaultValue type { ${ref} } } type { ${ref} } }
    inputFields { name description defaultValue type { ${ref} } }
    interfaces { ${ref} } possibleTypes { ${ref} }
    enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } }
  directives { name description locations args { name description defaultValue type { ${ref} } } } } }`;

const [url, token, out = new URL('../admin-schema.graphql', import.meta.url)] = process.argv.slice(2);
const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
const answer = await response.json();
if (answer.errors) throw new Error(JSON.stringify(answer.errors));
writeFileSync(out, `${printSchema(buildClientSchema(answer.data))}\n`);
