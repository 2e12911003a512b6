import { describe, expect, it } from '@jest/globals';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from './support/processes.js';

/**
 * The officers' policy tools through the real CLI: fixtures shipped with the
 * demo policies, a failing fixture, and simulations against the demo and a
 * changed policy directory.
 */
const dir = tempDir('policy-cli');
const query = join(dir, 'applicant.graphql');
writeFileSync(query, '{ person(idNumber: "110101199003071234") { n: name householdAddress phone } }');
const SUBSIDY = ['--system', 'civil-affairs.subsidy-review', '--purpose', 'subsidy-eligibility'];

function fixture(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

describe('causeway policy test', () => {
  it('passes the fixtures shipped with the demo policies', async () => {
    const result = await runCli(['policy', 'test', 'policies/tests', '--verbose']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const tests = (readFileSync(join(ROOT, 'policies/tests/demo-grants.yaml'), 'utf8').match(/^ {2}- name:/gm) ?? []).length;
    expect(tests).toBeGreaterThan(5);
    expect(result.stdout).toContain(`PASS: ${tests}/${tests}`);
    expect(result.stdout.match(/^PASS policies/gm)).toHaveLength(tests);
  });

  it('fails on any difference and says what decided instead', async () => {
    const file = fixture(
      'wrong.yaml',
      `at: 2026-06-01T00:00:00Z
tests:
  - name: expects the phone
    system: civil-affairs.subsidy-review
    purpose: subsidy-eligibility
    operation: '{ person(idNumber: "1") { phone name } }'
    expect:
      person.phone: allow
      person.name: allow NAME
  - name: expects the name in clear
    system: civil-affairs.subsidy-review
    purpose: subsidy-eligibility
    operation: '{ person(idNumber: "1") { name } }'
    expect:
      person.name: allow
  - name: expects the wrong denial
    system: health.vaccination-outreach
    purpose: vaccination-outreach
    operation: '{ person(idNumber: "1") { householdAddress } }'
    expect:
      person.householdAddress: deny CLEARANCE
`,
    );
    const result = await runCli(['policy', 'test', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('person.phone: expected allow, got deny DENIED_BY_GRANT (decided by grant:ps-civil-no-phone)');
    expect(result.stdout).toContain('person.name: expected allow, got allow NAME');
    expect(result.stdout).toContain('person.householdAddress: expected deny CLEARANCE, got deny NO_GRANT (decided by rule:sharing-conditional)');
    expect(result.stdout).toContain('FAIL: 0/3');
  });

  it('refuses fixtures it cannot run, naming the problem', async () => {
    const cases: Array<[string, RegExp]> = [
      [
        'tests:\n  - name: x\n    system: nobody.none\n    purpose: subsidy-eligibility\n    operation: "{ person(idNumber: \\"1\\") { name } }"\n    expect: { person.name: allow }\n',
        /unknown system "nobody.none"/,
      ],
      [
        'tests:\n  - name: x\n    system: civil-affairs.subsidy-review\n    purpose: subsidy-eligibility\n    operation: "{ person(idNumber: \\"1\\") { name } }"\n    expect: { person.name: maybe }\n',
        /an outcome is "allow"/,
      ],
      [
        'tests:\n  - name: x\n    system: civil-affairs.subsidy-review\n    purpose: subsidy-eligibility\n    operation: "{ person(idNumber: \\"1\\") { secret } }"\n    expect: { person.secret: deny }\n',
        /Cannot query field "secret"/,
      ],
    ];
    for (const [index, [body, message]] of cases.entries()) {
      const result = await runCli(['policy', 'test', fixture(`bad-${index}.yaml`, body)]);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(message) });
    }
  });

  it('fails a path the operation does not select', async () => {
    const file = fixture(
      'path.yaml',
      'tests:\n  - name: x\n    system: civil-affairs.subsidy-review\n    purpose: subsidy-eligibility\n    operation: "{ person(idNumber: \\"1\\") { name } }"\n    expect: { person.nickname: allow }\n',
    );
    const result = await runCli(['policy', 'test', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('person.nickname: the operation does not select this path');
  });
});

describe('causeway policy simulate', () => {
  it('prints every field with its decision, mask and deciding rule, following aliases', async () => {
    const result = await runCli(['policy', 'simulate', ...SUBSIDY, '--query', query, '--at', '2026-06-01T00:00:00Z', '--json']);
    expect(result.code).toBe(0);
    const { fields } = JSON.parse(result.stdout) as { fields: Array<Record<string, unknown>> };
    expect(fields.map(({ path, outcome, mask, rules }) => ({ path, outcome, mask, rules }))).toEqual([
      { path: 'person', outcome: 'allow', mask: null, rules: ['rule:sharing-unconditional'] },
      { path: 'person.n', outcome: 'allow', mask: 'NAME', rules: ['grant:ps-civil-person'] },
      { path: 'person.householdAddress', outcome: 'allow', mask: 'ADDRESS', rules: ['grant:ps-civil-person'] },
      { path: 'person.phone', outcome: 'deny', mask: null, rules: ['grant:ps-civil-no-phone'] },
    ]);

    const table = await runCli(['policy', 'simulate', ...SUBSIDY, '--query', query, '--at', '2026-06-01T00:00:00Z']);
    expect(table.stdout).toMatch(/person\.phone\s+Person\.phone\s+DENY DENIED_BY_GRANT\s+-\s+grant:ps-civil-no-phone/);
    expect(table.stdout).toContain('4 fields: 3 served (2 masked), 1 denied.');
  });

  it('decides at the instant asked: a grant past its end no longer serves', async () => {
    const result = await runCli(['policy', 'simulate', ...SUBSIDY, '--query', query, '--at', '2029-01-01T00:00:00+08:00', '--json']);
    const fields = (JSON.parse(result.stdout) as { fields: Array<{ path: string; outcome: string; denial: string }> }).fields;
    expect(fields.find((field) => field.path === 'person.householdAddress')).toMatchObject({ outcome: 'deny', denial: 'NO_GRANT' });
  });

  it('decides with the policy directory given', async () => {
    const policies = join(dir, 'policies');
    cpSync(join(ROOT, 'policies'), policies, { recursive: true });
    const grants = readFileSync(join(policies, 'grants.yaml'), 'utf8');
    writeFileSync(
      join(policies, 'grants.yaml'),
      `${grants}\n  - id: ps-civil-no-address\n    subject: civil-affairs.subsidy-review\n    owner: public-security\n    target: pii:ADDRESS\n    maxLevel: CORE\n    purpose: '*'\n    effect: deny\n`,
    );
    const result = await runCli(['policy', 'simulate', ...SUBSIDY, '--query', query, '--policies', policies, '--json']);
    expect(result.code).toBe(0);
    const fields = (JSON.parse(result.stdout) as { fields: Array<{ path: string; outcome: string; rules: string[] }> }).fields;
    expect(fields.find((field) => field.path === 'person.householdAddress')).toMatchObject({ outcome: 'deny', rules: ['grant:ps-civil-no-address'] });
  });

  it('refuses callers the gateway would refuse, with exit code 2', async () => {
    for (const [args, message] of [
      [['--system', 'nobody.none', '--purpose', 'subsidy-eligibility'], /unknown system "nobody.none"/],
      [['--system', 'civil-affairs.subsidy-review', '--purpose', 'marketing'], /unknown purpose "marketing"/],
      [['--system', 'civil-affairs.subsidy-review', '--purpose', 'vaccination-outreach'], /may not declare purpose "vaccination-outreach"/],
    ] as Array<[string[], RegExp]>) {
      const result = await runCli(['policy', 'simulate', ...args, '--query', query]);
      expect({ code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({ code: 2, stderr: expect.stringMatching(message), stdout: '' });
    }
    const missing = await runCli(['policy', 'simulate', ...SUBSIDY, '--query', join(dir, 'none.graphql')]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read') });
  });
});

describe('causeway schema', () => {
  it('prints the SDL a system may read for a purpose: the fields simulate allows, no others', async () => {
    const result = await runCli(['schema', ...SUBSIDY, '--at', '2026-06-01T00:00:00Z']);
    expect(result.code).toBe(0);
    const contract = buildSchema(result.stdout);
    const personFields = (contract.getType('Person') as GraphQLObjectType).getFields();
    // As simulate decides at that instant: name and address masked, phone denied by its grant.
    expect(personFields.name!.description).toContain('served masked (NAME)');
    expect(personFields.householdAddress!.description).toContain('served masked (ADDRESS)');
    expect(personFields.phone).toBeUndefined();
    // After the address grant ends, the contract no longer lists the address.
    const later = await runCli(['schema', ...SUBSIDY, '--at', '2029-01-01T00:00:00+08:00']);
    expect((buildSchema(later.stdout).getType('Person') as GraphQLObjectType).getFields().householdAddress).toBeUndefined();
  });

  it("takes a system's only purpose when none is given; refuses an unknown system and a purpose it may not declare", async () => {
    const implied = await runCli(['schema', '--system', 'civil-affairs.subsidy-review', '--at', '2026-06-01T00:00:00Z']);
    expect(implied.stdout).toBe((await runCli(['schema', ...SUBSIDY, '--at', '2026-06-01T00:00:00Z'])).stdout);
    expect(await runCli(['schema', '--system', 'nobody.here'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown system') });
    expect(await runCli(['schema', '--system', 'civil-affairs.subsidy-review', '--purpose', 'business-licensing'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('may not declare'),
    });
  });
});
