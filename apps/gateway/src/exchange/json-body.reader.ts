import { isUtf8 } from 'node:buffer';
import express, { type Request, type Response } from 'express';

/** Why a request was refused before its operation could even be read. */
export interface EnvelopeRefusal {
  status: number;
  reason: string;
  message: string;
  headers?: Record<string, string>;
}

/**
 * A JSON body as every JSON endpoint of the gateway reads it (its GraphQL
 * endpoints, the calling systems' correction reports): `application/json`
 * in UTF-8 and no other charset, within `bodyBytes`, and every value of it
 * sound (valueRefusal). Resolves to the refusal, or null with the parsed
 * body in `req.body`. body-parser does the reading (streaming, size limit);
 * its errors are translated here. Bytes that are not UTF-8 are refused, not
 * decoded into U+FFFD and forwarded (body-parser decodes leniently).
 */
export function jsonBodyReader(limits: { bodyBytes: number; jsonDepth: number }): (req: Request, res: Response) => Promise<EnvelopeRefusal | null> {
  const verify = (req: Request, _res: unknown, bytes: Buffer) => {
    if (!isUtf8(bytes)) throw Object.assign(new Error('not UTF-8'), { type: NOT_UTF8 });
    rawBodies.set(req, bytes);
  };
  const json = express.json({ limit: limits.bodyBytes, strict: false, type: () => true, verify });
  return (req, res) => {
    const media = mediaTypeRefusal(req);
    if (media) return Promise.resolve(media);
    return new Promise((resolve) => json(req, res, (error?: unknown) => resolve(error ? bodyError(error) : valueRefusal(req.body, limits.jsonDepth, rawBodies.get(req)))));
  };
}

/** A body that is not declared JSON in UTF-8 (415). */
export function mediaTypeRefusal(req: Request): EnvelopeRefusal | null {
  if (!req.is('application/json')) return { status: 415, reason: 'UNSUPPORTED_MEDIA_TYPE', message: 'The body must be application/json.' };
  // UTF-8 only: body-parser would decode UTF-16 and UTF-7 too, a body an inspecting proxy in front reads as something else.
  // Each charset the header names must be UTF-8: `x="a;charset=utf-8"; charset=utf-16le` is read as UTF-16 by body-parser.
  for (const [, charset] of (req.headers['content-type'] ?? '').matchAll(CHARSETS)) if (charset!.toLowerCase() !== 'utf-8') return UNSUPPORTED_ENCODING;
  return null;
}

const NOT_UTF8 = 'causeway.not-utf8';
/** Each body's bytes as read, for the rare check that needs the text (inexactInteger). */
const rawBodies = new WeakMap<Request, Buffer>();
/** Every `charset=` of a Content-Type, wherever it stands (inside a quoted parameter too: body-parser's parser reads past it). */
const CHARSETS = /charset\s*=\s*"?([^";\s]*)/gi;
const UNSUPPORTED_ENCODING: EnvelopeRefusal = { status: 415, reason: 'UNSUPPORTED_ENCODING', message: 'The body must be UTF-8 JSON.' };

function bodyError(error: unknown): EnvelopeRefusal {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return { status: 413, reason: 'BODY_TOO_LARGE', message: 'The request body is larger than the gateway accepts.' };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return UNSUPPORTED_ENCODING;
  if (type === NOT_UTF8) return { status: 400, reason: 'MALFORMED_JSON', message: 'The request body is not UTF-8 JSON.' };
  return { status: 400, reason: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' };
}

/**
 * Every value of the body: nested at most `depthLimit` levels, every number
 * finite, and every string and member name well-formed Unicode (JSON's
 * `\ud800` escape decodes to half a character, which no UTF-8 text, hash or
 * database column can hold). Walked with a stack of its own, so that a
 * hostile depth cannot overflow the call stack here (as recursive code
 * downstream would).
 */
function valueRefusal(body: unknown, depthLimit: number, raw: Buffer | undefined): EnvelopeRefusal | null {
  const malformed: EnvelopeRefusal = {
    status: 400,
    reason: 'STRING_NOT_WELL_FORMED',
    message: 'Every string must be well-formed Unicode; the body holds an unpaired surrogate (\\uD800–\\uDFFF).',
  };
  const pending: Array<[unknown, number]> = [[body, 1]];
  // The text answers for the whole body: read once, at the first integer past 2^53 (a body of 1e20s is not re-read per value).
  let textRead = raw === undefined;
  let members = 0;
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) return { status: 400, reason: 'NUMBER_NOT_FINITE', message: 'Every number must be finite; the body holds one out of range.' };
    if (!textRead && typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
      textRead = true;
      if (inexactInteger(raw!.toString('utf8'))) return INEXACT_INTEGER;
    }
    if (typeof value === 'string' && !value.isWellFormed()) return malformed;
    if (value === null || typeof value !== 'object') continue;
    if (depth > depthLimit) return { status: 400, reason: 'JSON_TOO_DEEP', message: `The body nests deeper than ${depthLimit} levels.` };
    if (Array.isArray(value)) {
      for (const member of value) pending.push([member, depth + 1]);
      continue;
    }
    for (const [name, member] of Object.entries(value)) {
      if (!name.isWellFormed()) return malformed;
      members++;
      pending.push([member, depth + 1]);
    }
  }
  // JSON.parse keeps the last of two members of one name; a proxy or WAF in front may read the first.
  if (raw !== undefined && membersWritten(raw) !== members) return DUPLICATE_MEMBER;
  return null;
}

const DUPLICATE_MEMBER: EnvelopeRefusal = {
  status: 400,
  reason: 'DUPLICATE_KEY',
  message: 'An object of the body names a member twice: which one counts would depend on who reads it. Send each member once.',
};

/**
 * How many members JSON text writes: its colons outside strings (each
 * member has one; nothing else outside a string is a colon). Fewer members
 * parsed than written means an object named one twice. Bytes, not text:
 * a multi-byte UTF-8 sequence never holds a quote, backslash or colon.
 */
function membersWritten(raw: Buffer): number {
  let members = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === COLON) members++;
  }
  return members;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

const INEXACT_INTEGER: EnvelopeRefusal = {
  status: 400,
  reason: 'NUMBER_NOT_EXACT',
  message: 'The body writes an integer beyond 2^53, which a JSON number cannot carry exactly (an 18-digit ID number would become another): send it as a string.',
};

/**
 * Whether JSON text writes an integer, outside its strings, that a double
 * cannot hold exactly: `110105197706270614` parses to …620, and would be
 * looked up as someone else. Read from the text because the parsed value
 * cannot tell `1e20` (a float, exact as written) from 20 written digits.
 */
function inexactInteger(text: string): boolean {
  const bare = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  for (const [token] of bare.matchAll(/(?<![.\deE+-])-?\d{16,}(?![.\deE])/g)) if (!Number.isSafeInteger(Number(token))) return true;
  return false;
}
