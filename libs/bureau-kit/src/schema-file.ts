import { join } from 'node:path';
import { projectRoot } from '#config';

/**
 * Where a bureau app keeps its SDL. Read at run time from the source tree
 * (compiled code lives under dist/), so the file a reviewer reads is the
 * file that is served.
 */
export function bureauSchemaFile(app: string): string {
  return join(projectRoot(), 'apps', app, 'src', 'schema.graphql');
}
