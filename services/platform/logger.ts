// JSON logs (pino) with a correlation id per turn taken from AsyncLocalStorage.
// Message text and personal data are never logged at info level: log ids, not content.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino from 'pino';

interface LogContext {
  correlationId: string;
  channel?: string;
}

const context = new AsyncLocalStorage<LogContext>();

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'tro-ly-doi-moi' },
  mixin() {
    return context.getStore() ?? {};
  },
  redact: {
    paths: [
      'password',
      '*.password',
      'token',
      '*.token',
      'secret',
      '*.secret',
      'authorization',
      '*.authorization',
      'headers.authorization',
      'req.headers.authorization',
      'text',
      '*.text',
      'email',
      '*.email',
      'phone',
      '*.phone',
    ],
    censor: '[ẩn]',
  },
});

export function withCorrelation<T>(fn: () => T, correlationId: string = randomUUID(), channel?: string): T {
  return context.run({ correlationId, channel }, fn);
}
