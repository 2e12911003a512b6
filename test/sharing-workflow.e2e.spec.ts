import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { demoPeople } from '#demo-data';
import { callerToken, graphql, waitForStatus, type GraphQLAnswer } from './support/http.js';
import { ledgerRecords } from './support/ledger-rows.js';
import { runCli, sleep, startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * The sharing workflow through real processes: the data authority's review,
 * the owner's answer with conditions, objections, renewal, corrections with
 * their objection mark, and notifications delivered to webhooks. The
 * workflow's clock stands still on Wednesday 30 September 2026, 10:00 in
 * Beijing, the eve of the National Day holiday (1–7 October off, Saturday
 * 10 October worked), so every deadline below was counted by hand.
 */
const BASE = 17500;
const HOOK_PORT = BASE + 90;
const GATEWAY = `http://127.0.0.1:${BASE}`;
const PINNED = '2026-09-30T02:00:00.000Z';
/** Two working days on: Thursday 8 and Friday 9 October. */
const REVIEW_DUE = '2026-10-09T02:00:00.000Z';
/** Ten working days on: 8, 9, 10 (a Saturday worked), 12–16, 19, 20 October. */
const ANSWER_DUE = '2026-10-20T02:00:00.000Z';
const dataDir = tempDir('workflow');
const processes: TestProcess[] = [];
const [person, other] = [demoPeople()[14]!, demoPeople()[15]!];
const tokens: Record<string, string> = {};
const deliveries: Array<{ path: string; delivery: string; attempt: string; signature: string; body: string; status: number }> = [];
let hooks: Server;

async function as(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer> {
  tokens[user] ??= (await runCli(['token', '--user', user, '--data-dir', dataDir])).stdout.trim();
  return graphql(`${GATEWAY}/admin/graphql`, query, variables, { authorization: `Bearer ${tokens[user]}` });
}

async function exchange(query: string, system = 'health.vaccination-outreach', purpose = 'vaccination-outreach'): Promise<GraphQLAnswer> {
  return graphql(`${GATEWAY}/graphql`, query, {}, { authorization: `Bearer ${await callerToken(dataDir, system, purpose)}` });
}

async function system(method: 'GET' | 'POST', path: string, body?: unknown, who = 'health.vaccination-outreach'): Promise<{ status: number; body: Record<string, any> }> {
  const response = await fetch(`${GATEWAY}${path}`, {
    method,
    headers: { authorization: `Bearer ${await callerToken(dataDir, who, who.startsWith('health.') ? 'vaccination-outreach' : 'subsidy-eligibility')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const APPLY = 'mutation ($input: ApplicationInput!) { applyForData(input: $input) { id status dueAt } }';
const addressApplication = {
  owner: 'public-security',
  targets: ['Person.householdAddress'],
  purpose: 'vaccination-outreach',
  subject: 'health.vaccination-outreach',
  maxLevel: 'SENSITIVE',
  basis: 'Home visits for overdue vaccinations (卫健委 2026-14)',
  requestedDays: 20,
};
const review = (id: string, decision: string, reason?: string) =>
  as('admin-1', `mutation ($reason: String) { reviewApplication(id: "${id}", decision: ${decision}, reason: $reason) { status dueAt reviewReason } }`, { reason: reason ?? null });
const data = <T>(answer: GraphQLAnswer, field: string): T => {
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data![field] as T;
};
const errorOf = (answer: GraphQLAnswer) => answer.body.errors?.[0]?.extensions;

beforeAll(async () => {
  // A webhook receiver that fails every delivery's first attempt, so retries are seen.
  hooks = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const delivery = String(request.headers['causeway-delivery']);
      const status = deliveries.some((seen) => seen.delivery === delivery) ? 204 : 503;
      deliveries.push({ path: request.url!, delivery, attempt: String(request.headers['causeway-attempt']), signature: String(request.headers['causeway-signature']), body, status });
      response.writeHead(status).end();
    });
  }).listen(HOOK_PORT, '127.0.0.1');
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(
    startGateway(BASE, dataDir, {
      CAUSEWAY_DEV_PEOPLE_TOKENS: 'true',
      CAUSEWAY_TEST_CLOCK: PINNED,
      CAUSEWAY_WEBHOOKS: `data-authority=http://127.0.0.1:${HOOK_PORT}/authority,health=http://127.0.0.1:${HOOK_PORT}/health`,
      CAUSEWAY_WEBHOOK_RETRY_MS: '100',
      CAUSEWAY_WORKFLOW_SWEEP_MS: '300',
    }),
  );
  await waitForStatus(`${GATEWAY}/health`, 200);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  hooks.close();
});

describe('applications: review, answer with conditions, objection and renewal', () => {
  let grantId = '';

  it('counts each deadline in working days of the working calendar: the holiday skipped, the make-up working day counted', async () => {
    expect(data<Array<{ year: number; source: string }>>(await as('officer-ps', '{ calendarYears { year source } }'), 'calendarYears')).toEqual([
      { year: 2026, source: expect.stringContaining('国办发明电') },
    ]);
    const applied = data<{ id: string; status: string; dueAt: string }>(await as('officer-health', APPLY, { input: addressApplication }), 'applyForData');
    expect(applied).toMatchObject({ status: 'IN_REVIEW', dueAt: REVIEW_DUE });
    expect(errorOf(await as('officer-ps', `mutation { reviewApplication(id: "${applied.id}", decision: ACCEPT) { status } }`))?.code).toBe('FORBIDDEN');
    expect(errorOf(await review(applied.id, 'RETURN'))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
    expect(data(await review(applied.id, 'RETURN', 'Name the campaign document.'), 'reviewApplication')).toMatchObject({ status: 'RETURNED', reviewReason: 'Name the campaign document.' });
    const resubmitted = await as('officer-health', `mutation ($input: ApplicationInput!) { resubmitApplication(id: "${applied.id}", input: $input) { status dueAt basis } }`, {
      input: { ...addressApplication, basis: 'Home visits for overdue vaccinations (卫健委 2026-14, 附件2)' },
    });
    expect(data(resubmitted, 'resubmitApplication')).toMatchObject({ status: 'IN_REVIEW', dueAt: REVIEW_DUE });
    expect(data(await review(applied.id, 'ACCEPT'), 'reviewApplication')).toMatchObject({ status: 'PENDING', dueAt: ANSWER_DUE });
    expect(data<{ pending: number; overdue: number }>(await as('officer-ps', '{ workflowSummary { pending overdue } }'), 'workflowSummary')).toEqual({ pending: 1, overdue: 0 });

    expect(errorOf(await as('officer-ps', '{ calendarYears { year } }'))).toBeUndefined();
    const year2027 = { year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-05'], source: 'test' };
    expect(errorOf(await as('officer-ps', 'mutation ($input: CalendarYearInput!) { putCalendarYear(input: $input) { year } }', { input: year2027 }))?.code).toBe('FORBIDDEN');
    // 5 January 2027 is a Tuesday: a make-up working day must be a weekend day.
    expect(errorOf(await as('admin-1', 'mutation ($input: CalendarYearInput!) { putCalendarYear(input: $input) { year } }', { input: year2027 }))?.code).toBe('BAD_USER_INPUT');
    const put = await as('admin-1', 'mutation ($input: CalendarYearInput!) { putCalendarYear(input: $input) { year holidays updatedBy } }', {
      input: { ...year2027, workdays: ['2027-01-09'] },
    });
    expect(data(put, 'putCalendarYear')).toEqual({ year: 2027, holidays: ['2027-01-01'], updatedBy: 'admin-1' });
  });

  it('an approval with conditions is enforced on the next exchanges and shown to both sides', async () => {
    const id = data<Array<{ id: string }>>(await as('officer-ps', '{ applications(box: INBOX, status: "PENDING") { id } }'), 'applications')[0]!.id;
    const approve = (conditions: Record<string, unknown>) =>
      as(
        'officer-ps',
        `mutation ($conditions: GrantConditionsInput) { approveApplication(id: "${id}", conditions: $conditions) { status grantIds conditions { obligations dailyLimit duties } } }`,
        { conditions },
      );
    expect(errorOf(await approve({ duties: ['sell-it'] }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'conditions.duties' });
    const approved = data<{ status: string; grantIds: string[]; conditions: unknown }>(
      await approve({ obligations: ['clear'], dailyLimit: 1, duties: ['delete-after:30', 'no-onward-sharing'] }),
      'approveApplication',
    );
    expect(approved).toMatchObject({ status: 'APPROVED', conditions: { obligations: ['clear'], dailyLimit: 1, duties: ['delete-after:30', 'no-onward-sharing'] } });
    grantId = approved.grantIds[0]!;
    for (const officer of ['officer-ps', 'officer-health']) {
      const grants = data<Array<{ id: string; dailyLimit: number; duties: string[]; obligations: string[]; status: string }>>(
        await as(officer, '{ grants { id dailyLimit duties obligations status } }'),
        'grants',
      );
      expect(grants.find((grant) => grant.id === grantId)).toEqual({
        id: grantId,
        dailyLimit: 1,
        duties: ['delete-after:30', 'no-onward-sharing'],
        obligations: ['clear'],
        status: 'EXPIRING',
      });
    }
    const first = await exchange(`{ person(idNumber: "${person.idNumber}") { householdAddress } }`);
    expect(first.body.errors).toBeUndefined();
    // `clear`, as approved: not the district-only mask served without the condition.
    expect((first.body.data!.person as { householdAddress: string }).householdAddress).toBe(person.householdAddress);
    const second = await exchange(`{ person(idNumber: "${other.idNumber}") { householdAddress } }`);
    expect(second.status).toBe(429);
    expect(errorOf(second)).toMatchObject({ code: 'GRANT_VOLUME_EXCEEDED', limit: 'dailyLimit', allowed: 1 });
  });

  it('a refusal may be objected to once; the data authority rules, and an overturned refusal goes back to the owner', async () => {
    const applied = data<{ id: string }>(await as('officer-health', APPLY, { input: { ...addressApplication, targets: ['Person.maritalStatus'], owner: 'civil-affairs' } }), 'applyForData');
    await review(applied.id, 'ACCEPT');
    expect(data(await as('officer-ca', `mutation { refuseApplication(id: "${applied.id}", reason: "Not needed for outreach.") { status } }`), 'refuseApplication')).toEqual({
      status: 'REFUSED',
    });
    expect(errorOf(await as('officer-ca', `mutation { objectToRefusal(id: "${applied.id}", objection: "x") { status } }`))?.code).toBe('FORBIDDEN');
    const objected = await as('officer-health', `mutation { objectToRefusal(id: "${applied.id}", objection: "Marital status decides the guardian we call.") { status dueAt } }`);
    // Ten working days for the ruling, as for an answer.
    expect(data(objected, 'objectToRefusal')).toEqual({ status: 'OBJECTED', dueAt: ANSWER_DUE });
    const ruled = await as(
      'admin-1',
      `mutation { ruleOnObjection(id: "${applied.id}", ruling: OVERTURNED, reason: "The guardian rule is in the campaign document.") { status ruling dueAt } }`,
    );
    expect(data(ruled, 'ruleOnObjection')).toEqual({ status: 'PENDING', ruling: 'OVERTURNED', dueAt: ANSWER_DUE });
    await as('officer-ca', `mutation { refuseApplication(id: "${applied.id}", reason: "Still not needed.") { status } }`);
    expect(errorOf(await as('officer-health', `mutation { objectToRefusal(id: "${applied.id}", objection: "Again.") { status } }`))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'id',
    });
    const history = data<Array<{ action: string }>>(await as('officer-health', `{ applicationHistory(id: "${applied.id}") { action } }`), 'applicationHistory');
    expect(history.map((step) => step.action)).toEqual(['apply', 'accept', 'refuse', 'object', 'overturn', 'refuse']);
  });

  it('a grant is renewed (续期) before it lapses, by its owner’s approval; a lapsed grant is shown as lapsed and not renewed', async () => {
    const before = data<Array<{ id: string; validUntil: string; status: string }>>(await as('officer-health', '{ grants { id validUntil status } }'), 'grants');
    const current = before.find((grant) => grant.id === grantId)!;
    expect(before.find((grant) => grant.id === 'ps-health-address-2025')).toMatchObject({ status: 'LAPSED' });
    expect(errorOf(await as('officer-health', 'mutation { applyForRenewal(grantId: "ps-health-address-2025", days: 30, basis: "b") { id } }'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'grantId',
    });
    const renewal = data<{ id: string; kind: string; status: string; dueAt: string }>(
      await as('officer-health', `mutation { applyForRenewal(grantId: "${grantId}", days: 60, basis: "The campaign runs to December.") { id kind status dueAt } }`),
      'applyForRenewal',
    );
    expect(renewal).toMatchObject({ kind: 'RENEWAL', status: 'PENDING', dueAt: ANSWER_DUE });
    expect(errorOf(await as('officer-health', `mutation { applyForRenewal(grantId: "${grantId}", days: 60, basis: "again") { id } }`))?.code).toBe('BAD_USER_INPUT');
    expect(data(await as('officer-ps', `mutation { approveApplication(id: "${renewal.id}", days: 40) { status grantIds } }`), 'approveApplication')).toEqual({
      status: 'APPROVED',
      grantIds: [grantId],
    });
    const after = data<Array<{ id: string; validUntil: string; dailyLimit: number }>>(await as('officer-health', '{ grants { id validUntil dailyLimit } }'), 'grants').find(
      (grant) => grant.id === grantId,
    )!;
    expect(Date.parse(after.validUntil) - Date.parse(current.validUntil)).toBe(40 * 86_400_000);
    // The conditions carry over to the renewed grant.
    expect(after.dailyLimit).toBe(1);
  });
});

describe('corrections (校核纠错) and objection marks', () => {
  const phoneOf = (who: { idNumber: string }) => `{ person(idNumber: "${who.idNumber}") { phone } }`;

  it('go from report to outcome; while open and marked, consumers see the mark on that person’s field', async () => {
    const served = await exchange(phoneOf(person));
    const exchangeId = (served.body.extensions!.causeway as { exchangeId: string }).exchangeId;
    const wrongField = await system('POST', '/corrections', { exchangeId, field: 'person.nickname', description: 'd', evidence: 'e' });
    expect([wrongField.status, wrongField.body.error]).toEqual([400, { code: 'BAD_USER_INPUT', message: expect.stringContaining('served no value'), exchangeId: expect.any(String) }]);
    // Another system's exchange is not this system's to report on.
    expect((await system('POST', '/corrections', { exchangeId, field: 'person.phone', description: 'd', evidence: 'e' }, 'civil-affairs.subsidy-review')).status).toBe(400);
    // Text shown to officers: no control characters or bidirectional overrides, over REST as over the admin API.
    const spoofed = await system('POST', '/corrections', { exchangeId, field: 'person.phone', description: 'old\u202eenohp', evidence: 'e' });
    expect([spoofed.status, spoofed.body.error?.code, spoofed.body.error?.message]).toEqual([400, 'BAD_USER_INPUT', expect.stringMatching(/^description: .*bidirectional/)]);
    // The body is read as the GraphQL endpoints read theirs: JSON in UTF-8 only, no member named twice; each refusal recorded.
    const raw = async (contentType: string, body: string) => {
      const headers = { authorization: `Bearer ${await callerToken(dataDir, 'health.vaccination-outreach', 'vaccination-outreach')}`, 'content-type': contentType };
      const response = await fetch(`${GATEWAY}/corrections`, { method: 'POST', headers, body });
      return [response.status, ((await response.json()) as { error?: { code?: string } }).error?.code];
    };
    const report = JSON.stringify({ exchangeId, field: 'person.phone', description: 'd', evidence: 'e' });
    expect(await raw('text/plain', report)).toEqual([415, 'BAD_REQUEST']);
    expect(await raw('application/json; charset=utf-16le', report)).toEqual([415, 'BAD_REQUEST']);
    expect(await raw('application/json', report.replace('"field":', '"field":"person.name","field":'))).toEqual([400, 'BAD_REQUEST']);
    const description = `The phone number served for ${person.idNumber} is the old one.`;
    const filed = await system('POST', '/corrections', { exchangeId, field: 'person.phone', description, evidence: 'Call log of 2026-09-29, ref. HV-88' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'OPEN', owner: 'public-security', coordinate: 'Person.phone', dueAt: '2026-10-13T02:00:00.000Z', marked: false });
    const id = filed.body.id as string;

    expect(data<Array<{ id: string }>>(await as('officer-ps', '{ corrections(box: INBOX, status: "OPEN") { id } }'), 'corrections')).toEqual([{ id }]);
    expect(errorOf(await as('officer-health', `mutation { markObjection(id: "${id}") { marked } }`))?.code).toBe('FORBIDDEN');
    expect(data(await as('officer-ps', `mutation { markObjection(id: "${id}") { marked } }`), 'markObjection')).toEqual({ marked: true });
    const marked = await exchange(phoneOf(person));
    expect((marked.body.extensions!.causeway as { objections?: unknown }).objections).toEqual([{ field: 'Person.phone', report: id, since: PINNED }]);
    expect((await exchange(phoneOf(other))).body.extensions!.causeway).not.toHaveProperty('objections');

    expect(data(await as('officer-ps', `mutation { acceptCorrection(id: "${id}", outcome: "Updated from the 2026-09 household register.") { status marked } }`), 'acceptCorrection')).toEqual(
      {
        status: 'ACCEPTED',
        marked: false,
      },
    );
    expect((await system('GET', `/corrections/${id}`)).body).toMatchObject({ status: 'ACCEPTED', outcome: 'Updated from the 2026-09 household register.', answeredBy: 'officer-ps' });
    expect((await system('GET', `/corrections/${id}`, undefined, 'civil-affairs.subsidy-review')).status).toBe(404);
    expect((await exchange(phoneOf(person))).body.extensions!.causeway).not.toHaveProperty('objections');

    const steps = ledgerRecords(dataDir)
      .map((row) => JSON.parse(row.content) as { kind: string; subject: string; action: string; after: Record<string, unknown> })
      .filter((entry) => entry.kind === 'correction' && entry.subject === id);
    expect(steps.map((step) => step.action)).toEqual(['file', 'mark', 'accept']);
    // The ledger proves the report's text by its hash; the text (here naming an ID number) is not in it.
    expect(steps[0]!.after.description).toBe(`sha256:${createHash('sha256').update(description).digest('hex')}`);
    expect(ledgerRecords(dataDir).some((row) => row.content.includes(person.idNumber))).toBe(false);
  });
});

describe('notifications', () => {
  it('are delivered to the recipient’s webhook, signed with the gateway’s key, and retried until accepted', async () => {
    const deadline = Date.now() + 20_000;
    const delivered = () => deliveries.filter((seen) => seen.status === 204);
    while (!delivered().some((seen) => seen.path === '/health' && JSON.parse(seen.body).kind === 'grant.expiring') && Date.now() < deadline) await sleep(100);
    const submitted = delivered().find((seen) => seen.path === '/authority' && JSON.parse(seen.body).kind === 'application.submitted')!;
    const attempts = deliveries.filter((seen) => seen.delivery === submitted.delivery);
    expect(attempts.map((seen) => [seen.attempt, seen.status])).toEqual([
      ['1', 503],
      ['2', 204],
    ]);
    const jwks = (await (await fetch(`${GATEWAY}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(submitted.signature, createLocalJWKSet(jwks), { typ: 'causeway-notification+jwt', audience: 'data-authority' });
    expect(payload).toMatchObject({ jti: submitted.delivery, sha256: createHash('sha256').update(submitted.body).digest('base64url') });
    expect(delivered().some((seen) => seen.path === '/health' && JSON.parse(seen.body).kind === 'grant.expiring')).toBe(true);

    const listed = data<Array<{ id: string; delivery: string; attempts: number }>>(await as('admin-1', '{ notifications(limit: 200) { id delivery attempts } }'), 'notifications');
    for (const limit of [0, -5, 201]) expect(errorOf(await as('admin-1', `{ notifications(limit: ${limit}) { id } }`))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'limit' });
    expect(listed.find((notification) => notification.id === submitted.delivery)).toEqual({ id: submitted.delivery, delivery: 'DELIVERED', attempts: 2 });
    // Officers read their own department's notifications only.
    const health = data<Array<{ recipient: string }>>(await as('officer-health', '{ notifications { recipient } }'), 'notifications');
    expect(new Set(health.map((notification) => notification.recipient))).toEqual(new Set(['health']));
    // A page after a cursor that is not one of theirs is refused, not served from the start.
    const page = data<Array<{ id: string }>>(await as('officer-health', '{ notifications(limit: 1) { id } }'), 'notifications');
    expect(data<Array<{ id: string }>>(await as('officer-health', `{ notifications(limit: 1, before: "${page[0]!.id}") { id } }`), 'notifications')).not.toContainEqual(page[0]);
    for (const before of ['zzz', submitted.delivery]) {
      const refused = await as('officer-health', `{ notifications(before: "${before}") { id } }`);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'before' });
    }
  });
});
