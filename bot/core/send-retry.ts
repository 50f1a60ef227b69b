// Replies that the Bot Connector refuses for a while are sent again, with exponential backoff.
// botbuilder's connector client already retries 5xx answers (3 times, ~1 s, ~2 s, ~4 s) and 429 answers that
// carry Retry-After; it does not retry a 429 without Retry-After, a connection reset after its own retries,
// or a connector that never answers (no timeout: the turn, and the conversation's lock, would wait for
// ever). This middleware covers those: each send attempt gets a time limit, and a retryable failure is
// tried again after 0.5 s, 1 s, 2 s ... (with jitter) while the time budget lasts.
// Caveat: an attempt abandoned for taking too long may still arrive later, so a reply can, rarely, be
// shown twice; that is preferred to a reply lost or a conversation stuck.
import type { Activity, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import { logger } from '../../services/platform/logger.js';

export interface SendRetryOptions {
  /** Attempts in all, the first included (default 4). */
  maxAttempts?: number;
  /** Delay before the first retry; doubled each time (default 500 ms). */
  baseDelayMs?: number;
  /** Longest single delay (default 8 s). */
  maxDelayMs?: number;
  /** Time allowed to one attempt before it is abandoned and retried (default 15 s). */
  attemptTimeoutMs?: number;
  /** No retry starts after this much time since the first attempt (default 30 s). */
  budgetMs?: number;
}

export class SendTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Bot Connector did not answer within ${timeoutMs} ms`);
    this.name = 'SendTimeoutError';
  }
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET']);

/** True for failures worth another attempt: throttling, gateway and server errors, timeouts, network errors. */
export function isRetryableSendError(err: unknown): boolean {
  if (err instanceof SendTimeoutError) return true;
  const e = err as
    { statusCode?: number; status?: number; code?: string; response?: { status?: number }; cause?: { code?: string } } | undefined;
  const status = e?.statusCode ?? e?.status ?? e?.response?.status;
  if (typeof status === 'number') return RETRYABLE_STATUS.has(status);
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/** Seconds of a Retry-After the connector sent with the failure, if any. */
function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?(name: string): string | undefined } } })?.response?.headers;
  const value = headers?.get?.('retry-after');
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SendTimeoutError(ms)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends `send()` again on retryable failures with exponential backoff and jitter. Exported for other
 * outgoing calls (proactive messages).
 */
export async function sendWithRetry<T>(send: () => Promise<T>, options: SendRetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 4;
  const baseDelay = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 8000;
  const attemptTimeout = options.attemptTimeoutMs ?? 15_000;
  const budget = options.budgetMs ?? 30_000;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTimeout(send(), attemptTimeout);
    } catch (err) {
      const elapsed = Date.now() - started;
      if (attempt >= maxAttempts || !isRetryableSendError(err) || elapsed >= budget) throw err;
      const backoff = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
      const delay = Math.min(Math.max(retryAfterMs(err) ?? 0, backoff * (0.75 + Math.random() * 0.5)), Math.max(0, budget - elapsed));
      logger.warn(
        {
          attempt,
          delayMs: Math.round(delay),
          status: (err as { statusCode?: number }).statusCode,
          timeout: err instanceof SendTimeoutError,
        },
        'reply not accepted by the connector, retrying',
      );
      await sleep(delay);
    }
  }
}

/** The middleware: `adapter.use(new SendRetryMiddleware())`. */
export class SendRetryMiddleware implements Middleware {
  constructor(private readonly options: SendRetryOptions = {}) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_context, activities: Partial<Activity>[], send: () => Promise<ResourceResponse[]>) => {
      // Invoke responses are the HTTP answer itself, not a call to the connector: nothing to retry.
      if (activities.every((a) => a.type === 'invokeResponse')) return send();
      return sendWithRetry(send, this.options);
    });
    await next();
  }
}
