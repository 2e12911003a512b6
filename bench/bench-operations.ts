import { DEMO_ENTERPRISE_COUNT, type DemoPerson } from '#demo-data';

/** The operations: what is asked, and what a correct answer looks like. */
export interface Operation {
  name: string;
  description: string;
  bodies: string[];
  check: (data: Record<string, unknown>) => boolean;
}
/** Distinct windows of 20 enterprises for the deep operation: every start whose window is full. */
const DEEP_BODIES = DEMO_ENTERPRISE_COUNT - 20 + 1;
const gql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
/** The three operations measured, over the given people. */
export function benchOperations(people: readonly DemoPerson[]): Record<'single' | 'small' | 'deep', Operation> {
  return {
    single: {
      name: 'single-bureau lookup',
      description: 'one person from public security: name, gender, birth date',
      bodies: people.map((p) => gql('query ($id: ID!) { person(idNumber: $id) { idNumber name gender birthDate } }', { id: p.idNumber })),
      check: (data) => typeof (data.person as { gender?: unknown } | null)?.gender === 'string',
    },
    small: {
      name: 'small cross-bureau lookup',
      description: 'one person: public security + civil affairs + health fields',
      bodies: people.map((p) => gql('query ($id: ID!) { person(idNumber: $id) { name householdAddress maritalStatus medicalInsurance { status } } }', { id: p.idNumber })),
      check: (data) => {
        const person = data.person as Record<string, unknown> | null;
        return typeof person?.name === 'string' && 'maritalStatus' in person && 'medicalInsurance' in person;
      },
    },
    deep: {
      name: 'deep/wide operation',
      description: '20 enterprises, each with its legal representative’s records from three bureaus',
      // Every page window of 20 from a different start: many distinct bodies, so that no target gains from identical concurrent requests.
      bodies: Array.from({ length: DEEP_BODIES }, (_, offset) =>
        gql(
          'query ($after: String) { enterprises(first: 20, after: $after) { nodes { creditCode name status legalRepresentative { name householdAddress maritalStatus medicalInsurance { status } vaccinations { vaccine date } } } } }',
          // The market-regulation bureau's cursors are base64url("seq:N").
          { after: offset === 0 ? null : Buffer.from(`seq:${offset}`).toString('base64url') },
        ),
      ),
      check: (data) => {
        const nodes = (data.enterprises as { nodes?: Array<{ legalRepresentative?: { name?: unknown } }> } | undefined)?.nodes;
        return Array.isArray(nodes) && nodes.length === 20 && nodes.every((node) => typeof node.legalRepresentative?.name === 'string');
      },
    },
  };
}
