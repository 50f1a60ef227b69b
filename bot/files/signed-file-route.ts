// How every signed download route answers (plan, written decision, evaluation conclusion, yearly report):
// a file, a refused link or a failure.
import type restify from 'restify';
import { logger } from '../../services/platform/logger.js';

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
