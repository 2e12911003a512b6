import * as asn1js from 'asn1js';
import { randomBytes, webcrypto } from 'node:crypto';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type CryptoKey = webcrypto.CryptoKey;
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as pkijs from 'pkijs';

/**
 * A small RFC 3161 time-stamping authority for tests, built with pkijs: a
 * root CA and, under it, an ECDSA P-256 certificate for time stamping
 * (critical extended key usage id-kp-timeStamping), answering TimeStampReqs
 * over HTTP with signed TimeStampResps. `certificate` is the root CA's, the
 * trust anchor a deployment would configure; `clock` gives the time it stamps.
 */
export interface TestTsa {
  url: URL;
  /** The authority's root CA certificate (DER), for whoever trusts it. */
  certificate: Uint8Array;
  stamped: number;
  close(): Promise<void>;
}

/** A certificate for `subject`, signed by `issuer` (itself when self-signed): a CA's, or a time-stamping leaf's. */
async function certificate(subject: string, publicKey: CryptoKey, issuer: { name: string; key: CryptoKey }, validFrom: Date, ca: boolean): Promise<pkijs.Certificate> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: randomBytes(8) });
  cert.issuer.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: issuer.name }) }));
  cert.subject.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: subject }) }));
  cert.notBefore.value = validFrom;
  cert.notAfter.value = new Date(validFrom.getTime() + 20 * 365 * 86_400_000);
  const constraints = new pkijs.BasicConstraints({ cA: ca });
  cert.extensions = [new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: constraints.toSchema().toBER(false), parsedValue: constraints })];
  if (!ca) {
    const usage = new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.8'] });
    cert.extensions.push(new pkijs.Extension({ extnID: '2.5.29.37', critical: true, extnValue: usage.toSchema().toBER(false), parsedValue: usage }));
  }
  await cert.subjectPublicKeyInfo.importKey(publicKey);
  await cert.sign(issuer.key, 'SHA-256');
  return cert;
}

async function answer(body: Buffer, cert: pkijs.Certificate, key: CryptoKey, clock: () => Date): Promise<ArrayBuffer> {
  const request = pkijs.TimeStampReq.fromBER(body);
  const info = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1',
    messageImprint: request.messageImprint,
    serialNumber: new asn1js.Integer({ valueHex: randomBytes(10) }),
    genTime: clock(),
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  const signed = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.9.16.1.4', eContent: new asn1js.OctetString({ valueHex: info.toSchema().toBER() }) }),
    signerInfos: [new pkijs.SignerInfo({ version: 1, sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }) })],
    certificates: [cert],
  });
  await signed.sign(key, 0, 'SHA-256');
  const token = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) });
  return new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }), timeStampToken: new pkijs.ContentInfo({ schema: token.toSchema() }) })
    .toSchema()
    .toBER();
}

export async function startTestTsa(clock: () => Date, name = 'Causeway test TSA'): Promise<TestTsa> {
  const generate = async () => (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const [rootKeys, keys] = [await generate(), await generate()];
  const from = new Date(clock().getTime() - 86_400_000);
  const root = await certificate(`${name} root CA`, rootKeys.publicKey, { name: `${name} root CA`, key: rootKeys.privateKey }, from, true);
  const cert = await certificate(name, keys.publicKey, { name: `${name} root CA`, key: rootKeys.privateKey }, from, false);
  const tsa: TestTsa = { url: new URL('http://127.0.0.1'), certificate: new Uint8Array(root.toSchema().toBER()), stamped: 0, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      answer(Buffer.concat(chunks), cert, keys.privateKey, clock).then(
        (der) => {
          tsa.stamped++;
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(der));
        },
        () => res.writeHead(400).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tsa.url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`);
  tsa.close = () => new Promise((resolve) => server.close(() => resolve()));
  return tsa;
}
