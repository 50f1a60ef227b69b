// What every signed download route shares (plan, written decision, evaluation conclusion, yearly report):
// the public base of the links, and how a file, a refused link or a failure is answered.
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import type { AppServices } from '../core/app-services.js';
import { logger } from '../../services/platform/logger.js';

const serverAddresses = new WeakMap<AppServices, () => string | undefined>();

/** Lets links fall back to the address the server listens on when PUBLIC_BASE_URL is not set. */
export function rememberServerAddress(server: restify.Server, services: AppServices): void {
  serverAddresses.set(services, () => {
    const address = server.server.address() as AddressInfo | string | null;
    if (!address || typeof address === 'string') return undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
    return `http://${host}:${address.port}`;
  });
}

/** PUBLIC_BASE_URL, or the address the server listens on; no trailing slash. */
export function publicBaseUrl(services: AppServices): string {
  return (services.config.PUBLIC_BASE_URL ?? serverAddresses.get(services)?.() ?? `http://127.0.0.1:${services.config.PORT}`).replace(/\/+$/, '');
}

export function sendFile(res: restify.Response, file: { name: string; content: Buffer; contentType: string }): void {
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': file.content.length,
    'content-disposition': `attachment; filename="${file.name}"`,
    'cache-control': 'private, no-store',
  });
  res.end(file.content);
}

/** A link that is forged, expired or points at nothing: the same answer, so nothing is revealed. */
export function sendLinkRefused(res: restify.Response): void {
  res.status(404);
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('Đường dẫn không hợp lệ hoặc đã hết hạn.');
}

/** The document could not be made now (database busy, ...): a retryable answer, never a bare 500. */
export function sendFileFailure(res: restify.Response, err: unknown, what: string): void {
  logger.error({ err, document: what }, 'document generation failed');
  res.status(503);
  res.setHeader('retry-after', '30');
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('Chưa tạo được tài liệu, anh/chị vui lòng thử lại sau ít phút.');
}
