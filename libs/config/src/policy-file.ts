import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

/** Reads and validates one YAML file of policies/, naming the file and every bad path on failure. */
export function readPolicyFile<T>(schema: z.ZodType<T>, file: string): T {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`Cannot read ${file}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new Error(`Invalid ${file}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
