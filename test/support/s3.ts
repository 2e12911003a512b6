import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small S3-compatible object store for tests (path-style requests:
 * PUT, HEAD and GET of whole objects, `If-None-Match: *` honoured), the
 * part of S3's protocol `causeway ledger prune --out s3://…` and `ledger
 * verify --archive s3://…` use for archives under S3's 5 MB part size.
 * Requests are not authenticated: what is tested is Causeway's use of the
 * store, not the store. `alter` changes what later reads return, as a
 * faulty store would.
 */
export class TestObjectStore {
  readonly objects = new Map<string, Buffer>();
  alter: ((stored: Buffer) => Buffer) | null = null;
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(): Promise<TestObjectStore> {
    const store = new TestObjectStore();
    await new Promise<void>((resolve) => store.server.listen(0, '127.0.0.1', resolve));
    return store;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  sha256(path: string): string | null {
    const object = this.objects.get(path);
    return object ? createHash('sha256').update(object).digest('hex') : null;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://store');
    const path = decodeURIComponent(url.pathname).replace(/^\//, '');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const stored = this.objects.get(path);
    const error = (status: number, code: string) => {
      response.writeHead(status, { 'content-type': 'application/xml' });
      response.end(request.method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
    };
    // The SDK names the operation in `x-id`; multipart uploads and every other sub-resource are not served.
    if ([...url.searchParams.keys()].some((key) => key !== 'x-id') || !path.includes('/')) return error(501, 'NotImplemented');
    if (request.method === 'PUT') {
      if (request.headers['if-none-match'] === '*' && stored) return error(412, 'PreconditionFailed');
      const body = Buffer.concat(chunks);
      this.objects.set(path, body);
      response.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
      return void response.end();
    }
    if (request.method === 'GET' || request.method === 'HEAD') {
      if (!stored) return error(404, 'NoSuchKey');
      const body = this.alter ? this.alter(stored) : stored;
      response.writeHead(200, { 'content-length': body.length, 'content-type': 'application/x-ndjson' });
      return void response.end(request.method === 'GET' ? body : undefined);
    }
    return error(405, 'MethodNotAllowed');
  }
}
