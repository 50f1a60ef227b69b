// A small HTTP client over node:http/https (fetch refuses some loopback ports), with a timeout.
import http from 'node:http';
import https from 'node:https';

export interface HttpAnswer {
  status: number;
  body: string;
}

export class ZaloHttpError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ZaloHttpError';
  }
}

export const HTTP_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 1024 * 1024;

export function httpPost(url: string, headers: Record<string, string>, body: string): Promise<HttpAnswer> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: HTTP_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            req.destroy(new ZaloHttpError('answer too large'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => reject(new ZaloHttpError('answer interrupted', err)));
      },
    );
    req.on('timeout', () => req.destroy(new ZaloHttpError('timed out')));
    req.on('error', (err) =>
      reject(
        err instanceof ZaloHttpError ? err : new ZaloHttpError(`request failed: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, err),
      ),
    );
    req.end(body);
  });
}
