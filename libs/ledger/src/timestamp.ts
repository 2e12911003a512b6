import * as asn1js from 'asn1js';
import { createHash, randomBytes } from 'node:crypto';
import * as pkijs from 'pkijs';
import { canonicalJson } from './ledger-hash.js';
import type { CheckpointStatement } from './checkpoint.js';

const TIMEOUT_MS = 10_000;
const SHA256 = '2.16.840.1.101.3.4.2.1';

/** The bytes a checkpoint's hash is the SHA-256 of: what a time-stamping authority is asked to stamp. */
export function stampedBytes(statement: CheckpointStatement): Uint8Array {
  return new TextEncoder().encode(canonicalJson({ number: statement.number, previous: statement.previous, heads: statement.heads }));
}

/**
 * Asks an RFC 3161 time-stamping authority to stamp a checkpoint: a
 * TimeStampReq over SHA-256 of the checkpoint's statement with a fresh
 * nonce, posted as application/timestamp-query. Returns the authority's
 * whole TimeStampResp (DER) once it granted the stamp for exactly that
 * imprint and nonce. ASN.1 and CMS through pkijs, the maintained library
 * for them.
 */
export async function requestTimestamp(authority: URL, statement: CheckpointStatement): Promise<Uint8Array> {
  const nonce = new asn1js.Integer({ valueHex: randomBytes(8) });
  const request = new pkijs.TimeStampReq({ version: 1, messageImprint: await pkijs.MessageImprint.create('SHA-256', stampedBytes(statement)), certReq: true, nonce });
  const response = await fetch(authority, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: new Uint8Array(request.toSchema().toBER()),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`the time-stamping authority answered HTTP ${response.status}`);
  const der = new Uint8Array(await response.arrayBuffer());
  const answer = pkijs.TimeStampResp.fromBER(der);
  if (answer.status.status !== pkijs.PKIStatus.granted && answer.status.status !== pkijs.PKIStatus.grantedWithMods)
    throw new Error(`the time-stamping authority refused (status ${answer.status.status})`);
  const info = tstInfoOf(answer);
  const imprint = (message: pkijs.MessageImprint) => Buffer.from(message.hashedMessage.valueBlock.valueHexView).toString('hex');
  if (imprint(info.messageImprint) !== imprint(request.messageImprint) || !info.nonce?.isEqual(nonce)) throw new Error('the time stamp is not for this checkpoint');
  return der;
}

/**
 * When the authority says it stamped, after checking that the stamp is for
 * this checkpoint (its imprint is SHA-256 of the statement) and that its
 * signer's certificate chains to one of the trusted authority certificates
 * (the certificate a token carries proves nothing by itself). Throws otherwise.
 */
export async function verifyTimestamp(der: Uint8Array, statement: CheckpointStatement, trustedCerts: readonly Uint8Array[]): Promise<Date> {
  const answer = pkijs.TimeStampResp.fromBER(der);
  const info = tstInfoOf(answer);
  const imprint = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex');
  if (info.messageImprint.hashAlgorithm.algorithmId !== SHA256 || imprint !== createHash('sha256').update(stampedBytes(statement)).digest('hex')) {
    throw new Error('the time stamp is for another checkpoint');
  }
  const signed = new pkijs.SignedData({ schema: answer.timeStampToken!.content });
  const bytes = stampedBytes(statement);
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const trusted = trustedCerts.map((cert) => pkijs.Certificate.fromBER(cert));
  const result = await signed.verify({ signer: 0, data, trustedCerts: trusted, checkChain: true, extendedMode: true }).catch((error: unknown) => {
    throw new Error(`the time stamp does not verify: ${(error as { message?: string }).message ?? String(error)}`, { cause: error });
  });
  if (!result.signatureVerified || !result.signerCertificateVerified) throw new Error('the time stamp is not signed by a trusted time-stamping authority');
  return info.genTime;
}

function tstInfoOf(answer: pkijs.TimeStampResp): pkijs.TSTInfo {
  if (!answer.timeStampToken) throw new Error('the answer carries no time stamp');
  const signed = new pkijs.SignedData({ schema: answer.timeStampToken.content });
  const content = signed.encapContentInfo.eContent;
  if (!content) throw new Error('the time stamp carries no TSTInfo');
  return pkijs.TSTInfo.fromBER(content.getValue());
}
