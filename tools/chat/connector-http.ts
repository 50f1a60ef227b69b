// The HTTP side of the loopback connector: the Bot Connector's error shape, reading and parsing a request
// body within a size limit, writing an answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectorOperation } from './connector-types.js';

/** A call answered with this status and a Bot Connector error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        tooLarge = true;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new HttpError(413, 'PayloadTooLarge', 'Request body is too large'));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export function parseBody(raw: Buffer, contentType: string | undefined, operation: ConnectorOperation): unknown {
  if (raw.length === 0) return undefined;
  if (operation === 'uploadFile') return raw;
  const isJson = !contentType || contentType.includes('json');
  if (!isJson) return raw.toString('utf8');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'BadArgument', 'Request body is not valid JSON');
  }
}

/** Write the answer: a Buffer as bytes of `contentType`, anything else as JSON, nothing for undefined. */
export function writeAnswer(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType?: string,
): void {
  if (!res.headersSent) {
    let payload: Buffer | string = '';
    if (Buffer.isBuffer(body)) {
      payload = body;
      headers['Content-Type'] = contentType ?? 'application/octet-stream';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json; charset=utf-8';
    }
    res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(payload)) });
    res.end(payload);
  }
}
