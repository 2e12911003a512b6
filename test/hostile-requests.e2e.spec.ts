import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { callerToken, waitForStatus } from './support/http.js';
import { ledgerRecords, recordOf } from './support/ledger-rows.js';
import { runCli, startBureaus, tempDir, type TestProcess, startGateway } from './support/processes.js';

/**
 * Requests a hostile or careless caller sends: each gets a coded error with
 * its HTTP status, never a framework's own body, and exactly one ledger
 * record; operations that ask for too much are refused before any work,
 * with a small record, whatever their fragments multiply to.
 */
const BASE = 15200;
const GATEWAY = `http://127.0.0.1:${BASE}/graphql`;
const ADMIN = `http://127.0.0.1:${BASE}/admin/graphql`;
const dataDir = tempDir('hostile');
const processes: TestProcess[] = [];

/** Fragments spreading each other twice per level: 2^levels fields once expanded, a few hundred bytes as text. */
function doubling(levels: number, root = 'person(idNumber: "110105199001011234")'): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Person { ...F${i} ...F${i} }`);
  return `{ ${root} { ...F${levels} } } fragment F0 on Person { name } ${fragments.join(' ')}`;
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: { causeway?: Record<string, unknown> } };
}

async function send(url: string, init: { method?: string; contentType?: string; body?: string | Uint8Array; authorization?: string; accept?: string }): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (init.contentType) headers['content-type'] = init.contentType;
  if (init.accept) headers.accept = init.accept;
  if (init.authorization) headers.authorization = init.authorization;
  const response = await fetch(url, { method: init.method ?? 'POST', headers, body: init.body, signal: AbortSignal.timeout(30_000) });
  return { status: response.status, body: JSON.parse(await response.text()) as Answer['body'] };
}

const json = 'application/json';
const operation = (query: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query, ...extra });

beforeAll(async () => {
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(startGateway(BASE, dataDir, { CAUSEWAY_DEV_PEOPLE_TOKENS: 'true', CAUSEWAY_CORS_ORIGINS: 'https://console.example.gov.cn' }));
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('malformed requests to /graphql', () => {
  const cases: Array<[string, Parameters<typeof send>[1], number, string]> = [
    ['a GET', { method: 'GET' }, 405, 'METHOD_NOT_ALLOWED'],
    ['a PUT', { method: 'PUT', contentType: json, body: operation('{ __typename }') }, 405, 'METHOD_NOT_ALLOWED'],
    ['a text body', { contentType: 'text/plain', body: operation('{ __typename }') }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no content type', { body: operation('{ __typename }') }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['malformed JSON', { contentType: json, body: '{"query": "{ __typename }"' }, 400, 'MALFORMED_JSON'],
    // UTF-8 only: other charsets body-parser would decode are refused, and bytes that are not UTF-8 are not turned into U+FFFD.
    ['a UTF-16 body', { contentType: 'application/json; charset=utf-16', body: operation('{ __typename }') }, 415, 'UNSUPPORTED_ENCODING'],
    // The charset that counts hidden behind one inside a quoted parameter, or named twice.
    ['a UTF-16 body behind a quoted charset', { contentType: 'application/json; x="a;charset=utf-8"; charset=utf-16le', body: operation('{ __typename }') }, 415, 'UNSUPPORTED_ENCODING'],
    ['two charsets', { contentType: 'application/json; charset=utf-8; charset=utf-16le', body: operation('{ __typename }') }, 415, 'UNSUPPORTED_ENCODING'],
    ['a UTF-7 body', { contentType: 'application/json; charset="UTF-7"', body: '+AHsAIg-query+ACI-: +ACI-+AHs- __typename +AH0AIgB9-' }, 415, 'UNSUPPORTED_ENCODING'],
    [
      'bytes that are not UTF-8',
      { contentType: json, body: Buffer.concat([Buffer.from('{"query": "{ __typename }", "variables": {"x": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')]) },
      400,
      'MALFORMED_JSON',
    ],
    // Apollo Server would run the exchange first, then answer its own 406 body, unrecorded.
    ['an Accept no GraphQL answer meets', { contentType: json, body: operation('{ __typename }'), accept: 'application/xml, text/html' }, 406, 'NOT_ACCEPTABLE'],
    ['an empty body', { contentType: json, body: '' }, 400, 'QUERY_MISSING'],
    ['a batch', { contentType: json, body: `[${operation('{ __typename }')},${operation('{ __typename }')}]` }, 400, 'BATCH_NOT_SUPPORTED'],
    ['a JSON string', { contentType: json, body: '"{ __typename }"' }, 400, 'BODY_NOT_OBJECT'],
    ['a numeric query', { contentType: json, body: '{"query": 42}' }, 400, 'QUERY_MISSING'],
    ['variables as a list', { contentType: json, body: operation('{ __typename }', { variables: [1] }) }, 400, 'VARIABLES_NOT_OBJECT'],
    ['a numeric operationName', { contentType: json, body: operation('{ __typename }', { operationName: 7 }) }, 400, 'OPERATION_NAME_NOT_STRING'],
    ['an oversize body', { contentType: json, body: operation('{ __typename }', { padding: 'x'.repeat(70_000) }) }, 413, 'BODY_TOO_LARGE'],
    ['a number out of range', { contentType: json, body: '{"query": "{ __typename }", "variables": {"unused": 1e400}}' }, 400, 'NUMBER_NOT_FINITE'],
    // It would parse to 110105197706270620: someone else's number, looked up as if the caller had asked for it.
    [
      'an 18-digit ID number as a JSON number',
      { contentType: json, body: '{"query": "query ($id: ID!) { person(idNumber: $id) { name } }", "variables": {"id": 110105197706270614}}' },
      400,
      'NUMBER_NOT_EXACT',
    ],
    // JSON.parse keeps the last; a proxy in front may have read (and allowed) the first.
    ['a member named twice', { contentType: json, body: '{"query": "{ __typename }", "query": "{ people(first: 1) { nodes { name } } }"}' }, 400, 'DUPLICATE_KEY'],
    ['a member named twice in variables', { contentType: json, body: '{"query": "{ __typename }", "variables": {"a": [{"id": "x: \\"y\\"", "id": 1}]}}' }, 400, 'DUPLICATE_KEY'],
    ['an infinite number in extensions', { contentType: json, body: '{"query": "{ __typename }", "extensions": {"x": [-1e999]}}' }, 400, 'NUMBER_NOT_FINITE'],
    ['variables nested 30,000 deep', { contentType: json, body: `{"query": "{ __typename }", "variables": {"x": ${'['.repeat(30_000)}${']'.repeat(30_000)}}}` }, 400, 'JSON_TOO_DEEP'],
    ['an oversize token', { contentType: json, body: operation('{ __typename }'), authorization: `Bearer ${'a'.repeat(9000)}` }, 400, 'TOKEN_TOO_LARGE'],
    // JSON's \ud800 escape decodes to half a character, which no UTF-8 text, hash or column holds.
    ['an unpaired surrogate in variables', { contentType: json, body: '{"query": "{ __typename }", "variables": {"i": "x\\ud800"}}' }, 400, 'STRING_NOT_WELL_FORMED'],
    ['an unpaired surrogate in a member name', { contentType: json, body: '{"query": "{ __typename }", "variables": {"\\udc00": 1}}' }, 400, 'STRING_NOT_WELL_FORMED'],
    ['an unpaired surrogate in the operation name', { contentType: json, body: '{"query": "query Q { __typename }", "operationName": "Q\\ud800"}' }, 400, 'STRING_NOT_WELL_FORMED'],
  ];

  it.each(cases)('%s: BAD_REQUEST with its reason and status, recorded once', async (_name, init, status, reason) => {
    const answer = await send(GATEWAY, init);
    expect(answer.status).toBe(status);
    const exchangeId = answer.body.extensions?.causeway?.exchangeId as string;
    expect(answer.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'BAD_REQUEST', reason, exchangeId } }]);
    expect(recordOf(dataDir, exchangeId).entry).toMatchObject({ kind: 'exchange', decision: 'FAILED', errorCodes: ['BAD_REQUEST'], caller: { verified: false } });
  });

  it('answers in the media type the Accept header prefers, as GraphQL clients ask', async () => {
    for (const [accept, type] of [
      ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json'],
      ['application/json', 'application/json'],
      ['*/*', 'application/json'],
      ['text/html, application/*;q=0.5', 'application/json'],
    ]) {
      const authorization = `Bearer ${await callerToken(dataDir)}`; // a client assertion is single-use
      const response = await fetch(GATEWAY, { method: 'POST', headers: { 'content-type': json, accept, authorization }, body: operation('{ __typename }') });
      expect([accept, response.status, response.headers.get('content-type')]).toEqual([accept, 200, `${type}; charset=utf-8`]);
      await response.text();
    }
  });

  it('serves numbers a double holds as written: large floats, long fractions, 15-digit integers, long digit runs inside strings', async () => {
    // 1e20 is an integer past 2^53 once parsed, so the text is read: nothing in it is an integer written with too many digits.
    const body = '{"query": "{ __typename }", "variables": {"f": 1e20, "g": -1.2345678901234567890, "h": 123456789012345, "s": "110105197706270614", "e": 1E+0000000000000000012}}';
    const answer = await send(GATEWAY, { contentType: json, body, authorization: `Bearer ${await callerToken(dataDir)}` });
    expect([answer.status, answer.body.data]).toEqual([200, { __typename: 'Query' }]);
  });

  it('serves members of one name in different objects, and colons, quotes and backslashes inside strings', async () => {
    const body =
      '{"query": "query Q($v: Boolean!) { a: __typename @include(if: $v) }", "variables": {"v": true, "u": "end\\\\", "w": {"v": "k: \\"v\\", \\"x\\": 1"}, "\\u0076x": [{"v": 1}, {"v": 2}]}, "extensions": {}}';
    const answer = await send(GATEWAY, { contentType: json, body, authorization: `Bearer ${await callerToken(dataDir)}` });
    expect([answer.status, answer.body.errors, answer.body.data]).toEqual([200, undefined, { a: 'Query' }]);
  });

  it('serves a body labelled UTF-8 in any of its spellings', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'application/json;charset=UTF-8', 'application/json; charset="utf-8"']) {
      const answer = await send(GATEWAY, { contentType, body: operation('{ __typename }'), authorization: `Bearer ${await callerToken(dataDir)}` });
      expect([contentType, answer.status, answer.body.data]).toEqual([contentType, 200, { __typename: 'Query' }]);
    }
  });

  it('the console’s development sign-in reads its body as every JSON endpoint does: a person named twice is refused', async () => {
    const signIn = async (body: string, contentType = json) => {
      const response = await fetch(`http://127.0.0.1:${BASE}/console/api/dev-session`, { method: 'POST', headers: { 'content-type': contentType }, body });
      return [response.status, ((await response.json()) as { error?: { reason?: string } }).error?.reason];
    };
    expect(await signIn('{"user": "admin-1", "user": "auditor-1"}')).toEqual([400, 'DUPLICATE_KEY']);
    expect(await signIn('{"user": "auditor-1"}', 'application/json; charset=latin1')).toEqual([415, 'UNSUPPORTED_ENCODING']);
    expect(await signIn('{"user": "auditor-1"}')).toEqual([201, undefined]);
  });

  it('records a refused token whose claims hold half a character, and keeps serving everyone else', async () => {
    // Unsigned, as anyone can make one: the claims reach the ledger's record of the refusal.
    const part = (value: string) => Buffer.from(value).toString('base64url');
    const forged = `${part('{"alg":"EdDSA","kid":"x"}')}.${part('{"iss":"x\\ud800","purpose":"p\\udfff","jti":"j\\ud800","iat":1,"exp":9999999999}')}.AAAA`;
    const refused = await Promise.all(Array.from({ length: 8 }, () => send(GATEWAY, { contentType: json, body: operation('{ __typename }'), authorization: `Bearer ${forged}` })));
    const served = await send(GATEWAY, { contentType: json, body: operation('{ __typename }'), authorization: `Bearer ${await callerToken(dataDir)}` });
    expect(refused.map((answer) => answer.status)).toEqual(Array(8).fill(401));
    expect([served.status, served.body.errors]).toEqual([200, undefined]);
    expect((await fetch(`http://127.0.0.1:${BASE}/health`)).status).toBe(200);
    const record = recordOf(dataDir, refused[0]!.body.errors?.[0]?.extensions?.exchangeId as string).entry;
    // Not the shape such claims have: stored redacted, the record sealed like any other.
    expect(record).toMatchObject({ decision: 'UNAUTHENTICATED', purpose: null, caller: { issuer: '[redacted]', tokenId: '[redacted]', verified: false } });
    expect(JSON.stringify(record)).not.toMatch(/\\ud800|\\udfff|\uFFFD/i);
  });

  it('spends no token on a request it refuses before reading it', async () => {
    const token = await callerToken(dataDir);
    expect((await send(GATEWAY, { contentType: json, body: '[]', authorization: `Bearer ${token}` })).status).toBe(400);
    const served = await send(GATEWAY, { contentType: json, body: operation('{ __typename }'), authorization: `Bearer ${token}` });
    expect([served.status, served.body.errors]).toEqual([200, undefined]);
  });

  it('registers no persisted query a caller sends: its text is served once, its hash alone is then unknown (coded, recorded)', async () => {
    const text = '{ __typename }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(text).digest('hex') };
    const registering = await send(GATEWAY, { contentType: json, body: operation(text, { extensions: { persistedQuery } }), authorization: `Bearer ${await callerToken(dataDir)}` });
    expect([registering.status, registering.body.errors]).toEqual([200, undefined]);
    const byHash = await send(GATEWAY, { contentType: json, body: JSON.stringify({ extensions: { persistedQuery } }), authorization: `Bearer ${await callerToken(dataDir)}` });
    expect([byHash.status, byHash.body.errors?.[0]?.extensions?.code]).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
    expect(recordOf(dataDir, byHash.body.errors?.[0]?.extensions?.exchangeId as string).entry.errorCodes).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('refuses what validation lets through but nobody can serve: no operation chosen, an operation type the graph lacks', async () => {
    for (const [query, code, extra, message] of [
      ['query A { __typename } query B { __typename }', 'OPERATION_RESOLUTION_FAILURE', {}, 'The document has 2 operations (A, B): name one in "operationName".'],
      ['{ __typename }', 'OPERATION_RESOLUTION_FAILURE', { operationName: '' }, 'An empty "operationName" names no operation: leave it out to run the only operation of a document.'],
      ['query A { __typename }', 'OPERATION_RESOLUTION_FAILURE', { operationName: 'B' }, 'The document has no operation named "B".'],
      ['mutation { anything }', 'GRAPHQL_VALIDATION_FAILED', {}, 'The exchange graph has no mutation operations: it only reads.'],
    ] as const) {
      const answer = await send(GATEWAY, { contentType: json, body: operation(query, extra), authorization: `Bearer ${await callerToken(dataDir)}` });
      expect([answer.status, answer.body.errors?.[0]?.extensions?.code, answer.body.errors?.[0]?.message]).toEqual([400, code, message]);
      expect(recordOf(dataDir, answer.body.extensions?.causeway?.exchangeId as string).entry.errorCodes).toEqual([code]);
    }
  });
});

/** Sends raw bytes on a connection of its own and returns everything the gateway answers until it closes. */
function rawExchange(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(BASE, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer in 10 s')));
  });
}

describe("requests Node's HTTP server refuses or answers by itself", () => {
  it.each([
    ['headers over the size limit', `POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
    ['a request line of 100 KB', `GET /graphql?${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
    ['an unknown method', 'FOO /graphql HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'MALFORMED_HTTP'],
    ['a bare CR in a header', 'POST /graphql HTTP/1.1\r\nHost: x\r\nX-Evil: a\rb\r\n\r\n', 400, 'MALFORMED_HTTP'],
    // Requests Node's server would answer by itself, with a bare status line and no record.
    ['an HTTP/1.1 request without Host', 'GET /health HTTP/1.1\r\nConnection: close\r\n\r\n', 400, 'BAD_HOST'],
    ['two Host headers', 'POST /graphql HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', 400, 'BAD_HOST'],
    ['an expectation other than 100-continue', 'POST /graphql HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 0\r\n\r\n', 417, 'EXPECTATION_FAILED'],
    ['CONNECT', 'CONNECT 127.0.0.1:5432 HTTP/1.1\r\nHost: 127.0.0.1:5432\r\n\r\n', 405, 'METHOD_NOT_ALLOWED'],
  ])('%s: a coded JSON answer with an exchange id, recorded', async (_name, bytes, status, reason) => {
    const answer = await rawExchange(bytes);
    const [head, body] = answer.split('\r\n\r\n') as [string, string];
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(head.toLowerCase()).toContain('content-type: application/json');
    const parsed = JSON.parse(body) as { error: { code: string; reason: string; exchangeId: string } };
    expect(parsed.error).toMatchObject({ code: 'BAD_REQUEST', reason, exchangeId: expect.any(String) });
    expect(recordOf(dataDir, parsed.error.exchangeId).entry).toMatchObject({ kind: 'exchange', decision: 'FAILED', errorCodes: ['BAD_REQUEST'], caller: { verified: false } });
  });

  it('a CONNECT whose client resets at once leaves the gateway serving (no uncaught socket error)', async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(BASE, '127.0.0.1', () => {
          socket.write('CONNECT 127.0.0.1:5432 HTTP/1.1\r\nHost: 127.0.0.1:5432\r\n\r\n');
          socket.resetAndDestroy();
          resolve();
        });
        socket.on('error', () => resolve());
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await fetch(`http://127.0.0.1:${BASE}/health`)).status).toBe(200);
  });

  it('an HTTP/1.0 request, which needs no Host, is served', async () => {
    expect(await rawExchange('GET /health HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1.1 200 /);
  });

  it('two Authorization headers are refused, whichever comes first (Node keeps the first, a proxy may read the last)', async () => {
    const body = operation('{ person(idNumber: "1") { gender } }');
    const request = (first: string, second: string) =>
      `POST /graphql HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Authorization: Bearer ${first}\r\nAuthorization: Bearer ${second}\r\n\r\n${body}`;
    for (const answer of [await rawExchange(request(await callerToken(dataDir), 'a.b.c')), await rawExchange(request('a.b.c', await callerToken(dataDir)))]) {
      expect(answer).toMatch(/^HTTP\/1.1 401 /);
      const parsed = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { errors: Array<{ extensions: { code: string; reason: string } }> };
      expect(parsed.errors[0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'MALFORMED_TOKEN' });
    }
  });

  it("two Authorization headers are refused on the calling systems' API and the admin API too", async () => {
    const auditor = (await runCli(['token', '--user', 'auditor-1', '--data-dir', dataDir])).stdout.trim();
    const request = (head: string, first: string, second: string) => `${head}\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer ${first}\r\nAuthorization: Bearer ${second}\r\n\r\n`;
    const record = await rawExchange(request('GET /ledger/exchanges/00000000-0000-4000-8000-000000000000 HTTP/1.1', await callerToken(dataDir), 'a.b.c'));
    expect(record).toMatch(/^HTTP\/1.1 401 /);
    const admin = await rawExchange(request('GET /admin/ledger/export?format=csv HTTP/1.1', auditor, 'a.b.c'));
    expect(admin).toMatch(/^HTTP\/1.1 401 /);
    expect(admin).toContain('MALFORMED_TOKEN');
    // One header, the same token: served.
    expect((await fetch(`http://127.0.0.1:${BASE}/admin/ledger/export?format=csv`, { headers: { authorization: `Bearer ${auditor}` } })).status).toBe(200);
  });

  it('still serves the next connection', async () => {
    expect((await fetch(`http://127.0.0.1:${BASE}/health`)).status).toBe(200);
  });
});

describe('the declared purpose header', () => {
  it('two X-Causeway-Purpose headers are refused (Node joins them into a purpose never declared), and a malformed one is not stored as a purpose', async () => {
    const ask = async (purposes: string[]) => {
      const headers = new Headers({ 'content-type': 'application/json', authorization: `Bearer ${await callerToken(dataDir, 'civil-affairs.subsidy-review', null)}` });
      for (const purpose of purposes) headers.append('x-causeway-purpose', purpose);
      const response = await fetch(GATEWAY, { method: 'POST', headers, body: operation('{ __typename }') });
      const body = (await response.json()) as { errors?: Array<{ message: string; extensions: { code: string; exchangeId: string } }> };
      return { status: response.status, code: body.errors?.[0]?.extensions.code, message: body.errors?.[0]?.message, exchangeId: body.errors?.[0]?.extensions.exchangeId };
    };
    expect(await ask(['subsidy-eligibility'])).toMatchObject({ status: 200, code: undefined });
    // None at all is told so, not that the purpose it declared is not registered.
    expect(await ask([])).toMatchObject({ status: 403, code: 'PURPOSE_NOT_ALLOWED', message: expect.stringMatching(/^No purpose was declared/) });
    expect(await ask(['tax-collection'])).toMatchObject({ status: 403, message: 'The declared purpose is not registered for this system.' });
    // fetch joins appended values into one header line; raw lines are what a proxy sees.
    const twice = await rawExchange(
      `POST /graphql HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(operation('{ __typename }'))}\r\n` +
        `Authorization: Bearer ${await callerToken(dataDir, 'civil-affairs.subsidy-review', null)}\r\nX-Causeway-Purpose: subsidy-eligibility\r\nX-Causeway-Purpose: household-administration\r\n\r\n${operation('{ __typename }')}`,
    );
    expect(twice).toMatch(/^HTTP\/1.1 403 /);
    const refused = JSON.parse(twice.slice(twice.indexOf('\r\n\r\n') + 4)) as { errors: Array<{ extensions: { code: string; exchangeId: string } }> };
    expect(refused.errors[0]!.extensions.code).toBe('PURPOSE_NOT_ALLOWED');
    // Refused once its token says who asks: recorded as that system, with no purpose (it named two).
    expect(recordOf(dataDir, refused.errors[0]!.extensions.exchangeId).entry).toMatchObject({ purpose: null, caller: { system: 'civil-affairs.subsidy-review', verified: true } });
    // UTF-8 bytes arrive as Latin-1: no registry holds such a name, and the ledger keeps no garbled text as a purpose.
    const garbled = await ask([Buffer.from('补贴审核').toString('latin1')]);
    expect(garbled).toMatchObject({ status: 403, code: 'PURPOSE_NOT_ALLOWED' });
    expect(recordOf(dataDir, garbled.exchangeId!).entry.purpose).toBeNull();
  });
});

describe('route parameters that are not valid percent-encoding', () => {
  it.each([
    ['GET', '/ledger/exchanges/%ZZ'],
    ['GET', '/ledger/exchanges/%E0%A4%A'],
    ['GET', '/corrections/%'],
    ['POST', '/corrections/%ZZ'],
  ])('%s %s: a coded 400 with an exchange id, recorded; never the framework’s own body', async (method, path) => {
    const response = await fetch(`http://127.0.0.1:${BASE}${path}`, { method });
    const body = (await response.json()) as { error: { code: string; exchangeId: string }; statusCode?: number };
    expect([response.status, body.error?.code, body.statusCode]).toEqual([400, 'BAD_REQUEST', undefined]);
    expect(recordOf(dataDir, body.error.exchangeId).entry).toMatchObject({ kind: 'exchange', decision: 'FAILED', errorCodes: ['BAD_REQUEST'] });
  });
});

describe('requests no endpoint answers', () => {
  it.each([
    ['GET', '/'],
    ['POST', '/schema'],
    ['DELETE', '/graphql/../admin'],
    ['GET', '/ledger/exchanges'],
    ['PUT', '/%2e%2e/etc/passwd'],
    ['GET', '/console/nonexistent.js'],
    ['GET', '/console/assets/nonexistent.js'],
    // The console page itself, reached through its assets: it went out without its Content-Security-Policy.
    ['GET', '/console/assets/..%2findex.html'],
    ['GET', '/console/assets/%2e%2e%2Findex.html'],
    ['GET', '/console/assets/..%5cindex.html'],
  ])('%s %s: a coded 404 with an exchange id, recorded; never the framework’s own body', async (method, path) => {
    const response = await fetch(`http://127.0.0.1:${BASE}${path}`, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await response.json()) as { error: { code: string; exchangeId: string }; statusCode?: number };
    expect(body.error).toMatchObject({ code: 'NOT_FOUND', exchangeId: expect.any(String) });
    expect(body.statusCode).toBeUndefined();
    expect(recordOf(dataDir, body.error.exchangeId).entry).toMatchObject({ kind: 'exchange', errorCodes: ['NOT_FOUND'], caller: { verified: false } });
  });
});

describe('unsigned tokens', () => {
  it('cannot tell a registered system id from an unknown one', async () => {
    const unsigned = (system: string) => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      return `${part({ alg: 'EdDSA', kid: 'k' })}.${part({ iss: system, sub: system, aud: 'causeway-gateway', iat: now, exp: now + 60, jti: `j-${system}`, purpose: 'subsidy-eligibility' })}.${'A'.repeat(86)}`;
    };
    const answers = await Promise.all(
      ['civil-affairs.subsidy-review', 'tax.collector'].map((system) => send(GATEWAY, { contentType: json, body: operation('{ __typename }'), authorization: `Bearer ${unsigned(system)}` })),
    );
    expect(answers.map((answer) => [answer.status, answer.body.errors?.[0]?.extensions?.reason])).toEqual([
      [401, 'INVALID_TOKEN'],
      [401, 'INVALID_TOKEN'],
    ]);
  });
});

describe('bureaus', () => {
  it('check the gateway’s signature before they parse anything: unsigned malformed JSON is 401, not a parser error', async () => {
    const answer = await send(`http://127.0.0.1:${BASE + 1}/graphql`, { contentType: json, body: '{"query": ' });
    expect([answer.status, answer.body.errors?.[0]?.extensions]).toEqual([401, { code: 'UNAUTHENTICATED', reason: 'MISSING_TOKEN' }]);
  });
});

describe('browsers', () => {
  const preflight = (origin: string) =>
    fetch(GATEWAY, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });

  it('answer a preflight; only a configured origin may call', async () => {
    const allowed = await preflight('https://console.example.gov.cn');
    expect([allowed.status, allowed.headers.get('access-control-allow-origin')]).toEqual([204, 'https://console.example.gov.cn']);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://elsewhere.example.com');
    expect([other.status, other.headers.get('access-control-allow-origin')]).toEqual([204, null]);
  });
});

describe('what a caller asks that nobody can serve', () => {
  it('an unknown enforcement mode is refused, not guessed; no field name is suggested', async () => {
    const token = await callerToken(dataDir);
    const response = await fetch(GATEWAY, {
      method: 'POST',
      headers: { 'content-type': json, authorization: `Bearer ${token}`, 'x-causeway-enforcement': 'lenient' },
      body: operation('{ person(idNumber: "1") { name } }'),
    });
    const answer = (await response.json()) as Answer['body'];
    expect([response.status, answer.errors?.[0]?.extensions]).toEqual([400, expect.objectContaining({ code: 'BAD_REQUEST', reason: 'UNKNOWN_ENFORCEMENT_MODE' })]);
    const typo = await send(GATEWAY, { contentType: json, body: operation('{ person(idNumber: "1") { nam } }'), authorization: `Bearer ${await callerToken(dataDir)}` });
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "nam" on type "Person".');
  });
});

describe('operations beyond the limits', () => {
  const deep = `{ people(first: 1) { nodes { ${'representedEnterprises { legalRepresentative { '.repeat(6)}name${' } }'.repeat(6)} } } }`;
  const cases: Array<[string, string, string]> = [
    // name, limit, operation
    ['fragments doubling to 2^20 fields', 'fields', doubling(20)],
    ['13 levels deep', 'depth', deep],
    ['11 root fields', 'rootFields', `{ ${Array.from({ length: 11 }, (_, i) => `p${i}: person(idNumber: "${i}") { name }`).join(' ')} }`],
    ['31 aliases', 'aliases', `{ person(idNumber: "1") { ${Array.from({ length: 31 }, (_, i) => `n${i}: name`).join(' ')} } }`],
    ['51 directives', 'directives', `{ person(idNumber: "1") { ${Array.from({ length: 51 }, () => 'name @include(if: true)').join(' ')} } }`],
    ['5,001 tokens', 'tokens', `{ ${Array.from({ length: 5000 }, () => '__typename').join(' ')} }`],
    // Parsers recurse per level: the planner's stops near 50 selection sets, graphql-js overflows its stack on thousands of list values.
    ['49 nested inline fragments', 'nesting', `{ person(idNumber: "1") { ${'... { '.repeat(49)}name${' }'.repeat(49)} } }`],
    ['2,400 nested list values (under the tokens limit)', 'nesting', `{ person(idNumber: ${'['.repeat(2400)}"x"${']'.repeat(2400)}) { name } }`],
  ];

  it.each(cases)('%s: QUERY_TOO_COMPLEX naming the %s limit, with a small record', async (_name, limit, query) => {
    const before = ledgerRecords(dataDir).length;
    const answer = await send(GATEWAY, { contentType: json, body: operation(query), authorization: `Bearer ${await callerToken(dataDir)}` });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ message: expect.stringContaining(limit), extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit, allowed: expect.any(Number) }) }]);
    const record = recordOf(dataDir, (answer.body.extensions?.causeway?.exchangeId ?? answer.body.errors?.[0]?.extensions?.exchangeId) as string);
    expect(record.entry).toMatchObject({ decision: 'DENIED', errorCodes: ['QUERY_TOO_COMPLEX'], fields: [], bureaus: [] });
    expect(record.content.length).toBeLessThan(2048);
    expect(ledgerRecords(dataDir).length).toBe(before + 1);
  });

  it('is refused before validation: 600 repeated fields (quadratic for the overlapping-fields rule) and an unknown one get QUERY_TOO_COMPLEX, not a validation run', async () => {
    const repeated = `{ people(first: 1) { nodes { ${'name '.repeat(600)} notAField } } }`;
    const answer = await send(GATEWAY, { contentType: json, body: operation(repeated), authorization: `Bearer ${await callerToken(dataDir)}` });
    expect([answer.status, answer.body.errors?.[0]?.extensions]).toEqual([400, expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'fields' })]);
  });

  it('an operation that can return more records than allowed is QUERY_TOO_COSTLY before any bureau is asked', async () => {
    const pages = `{ ${Array.from({ length: 6 }, (_, i) => `p${i}: people(first: 100) { nodes { name } }`).join(' ')} }`;
    const answer = await send(GATEWAY, { contentType: json, body: operation(pages), authorization: `Bearer ${await callerToken(dataDir)}` });
    expect([answer.status, answer.body.errors?.[0]?.extensions]).toEqual([400, expect.objectContaining({ code: 'QUERY_TOO_COSTLY', limit: 'records', measured: 1200, allowed: 1000 })]);
    expect(recordOf(dataDir, (answer.body.extensions?.causeway?.exchangeId ?? answer.body.errors?.[0]?.extensions?.exchangeId) as string).entry).toMatchObject({
      decision: 'DENIED',
      errorCodes: ['QUERY_TOO_COSTLY'],
      bureaus: [],
    });
  });

  it('a page size no Int holds is an invalid operation, as a bare gateway says, not a costly one', async () => {
    const answer = await send(GATEWAY, { contentType: json, body: operation('{ people(first: 3000000000) { nodes { name } } }'), authorization: `Bearer ${await callerToken(dataDir)}` });
    expect([answer.status, answer.body.errors?.[0]?.extensions?.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    expect(answer.body.errors?.[0]?.message).toMatch(/Int cannot represent non 32-bit signed integer value/);
  });

  it('counts a page size a variable leaves to its default, as execution does', async () => {
    const pages = `query ($n: Int = 100) { ${Array.from({ length: 6 }, (_, i) => `p${i}: people(first: $n) { nodes { name } }`).join(' ')} }`;
    const answer = await send(GATEWAY, { contentType: json, body: operation(pages), authorization: `Bearer ${await callerToken(dataDir)}` });
    expect([answer.status, answer.body.errors?.[0]?.extensions]).toEqual([400, expect.objectContaining({ code: 'QUERY_TOO_COSTLY', limit: 'records', measured: 1200, allowed: 1000 })]);
  });

  it('counts a plain list of objects at the assumed list size (5): nested ones multiply', async () => {
    const hop = (inner: string) => `representedEnterprises { legalRepresentative { ${inner} } }`;
    const nested = (hops: number) => {
      let inner = 'representedEnterprises { name }';
      for (let i = 0; i < hops; i++) inner = hop(inner);
      return `{ person(idNumber: "110105197706270614") { ${inner} } }`;
    };
    const answer = await send(GATEWAY, { contentType: json, body: operation(nested(4)), authorization: `Bearer ${await callerToken(dataDir)}` });
    // 1 + f4, where f0 = 5 (the innermost list's objects) and each hop is f = 5 × (2 + f): 35, 185, 935, 4,685.
    expect([answer.status, answer.body.errors?.[0]?.extensions]).toEqual([400, expect.objectContaining({ code: 'QUERY_TOO_COSTLY', limit: 'records', measured: 4686, allowed: 1000 })]);
    // One hop less (936) is served.
    const served = await send(GATEWAY, { contentType: json, body: operation(nested(3)), authorization: `Bearer ${await callerToken(dataDir)}` });
    expect(served.status).toBe(200);
    expect(served.body.errors?.find((error) => error.extensions?.code === 'QUERY_TOO_COSTLY')).toBeUndefined();
  });

  it('a variable of the wrong type is BAD_USER_INPUT, recorded, quoting no more than the start of what was sent (graphql-js quotes it whole)', async () => {
    const long = 'A'.repeat(20_000);
    const answer = await send(GATEWAY, {
      contentType: json,
      body: operation('query ($n: Int) { people(first: $n) { nodes { name } } }', { variables: { n: long } }),
      authorization: `Bearer ${await callerToken(dataDir)}`,
    });
    const error = answer.body.errors?.[0];
    expect([answer.status, error?.extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(error?.message).toContain('Variable "$n" got invalid value "AAAA');
    expect(error?.message).toContain('(20000 characters)');
    expect(JSON.stringify(answer.body).length).toBeLessThan(2_000);
    expect(recordOf(dataDir, answer.body.extensions?.causeway?.exchangeId as string).entry).toMatchObject({ errorCodes: ['BAD_USER_INPUT'] });
  });

  it('simulate measures before it walks: the same doubling document is refused there too', async () => {
    const token = (await runCli(['token', '--user', 'officer-ca', '--data-dir', dataDir])).stdout.trim();
    const answer = await send(ADMIN, {
      contentType: json,
      authorization: `Bearer ${token}`,
      body: JSON.stringify({
        query: 'query ($op: String!) { simulate(purpose: "subsidy-eligibility", system: "civil-affairs.subsidy-review", operation: $op) { path } }',
        variables: { op: doubling(20) },
      }),
    });
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'fields', argument: 'operation' });
  });

  it('the admin endpoint refuses and records malformed requests the same way', async () => {
    const token = (await runCli(['token', '--user', 'auditor-1', '--data-dir', dataDir])).stdout.trim();
    for (const [body, reason, authorization] of [
      ['[{}]', 'BATCH_NOT_SUPPORTED', undefined],
      ['{"query": "query ($f: Int) { exchanges(first: $f) { nodes { system } } }", "variables": {"f": 1e400}}', 'NUMBER_NOT_FINITE', `Bearer ${token}`],
      ['{"query": "query ($c: String) { exchanges(filter: { coordinate: $c }) { nodes { system } } }", "variables": {"c": "\\ud800"}}', 'STRING_NOT_WELL_FORMED', `Bearer ${token}`],
    ] as const) {
      const answer = await send(ADMIN, { contentType: json, body, authorization });
      const requestId = answer.body.extensions?.causeway?.requestId as string;
      expect([answer.status, answer.body.errors?.[0]?.extensions]).toEqual([400, { code: 'BAD_REQUEST', reason, requestId }]);
      expect(recordOf(dataDir, requestId).entry).toMatchObject({ kind: 'admin', user: null, decision: 'FAILED', errorCodes: ['BAD_REQUEST'] });
    }
  });
});
