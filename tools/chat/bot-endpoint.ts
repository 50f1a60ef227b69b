// The bot's /api/messages as the terminal chat reaches it: one activity POSTed, the answer read, and a failure
// to reach the bot turned into a Vietnamese message ready to print.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { OutgoingActivity } from './activity-factory.js';
import type { TerminalChatOptions } from './chat-arguments.js';
import { chatTexts as t } from './chat-texts.js';

/** A failure talking to the bot: the message is already Vietnamese, ready to print. */
export class BotUnavailableError extends Error {}

export interface InvokeResult {
  status: number;
  body: unknown;
}

/** POST one activity to the bot; its HTTP status and body (JSON when it parses). */
export async function postToBot(
  options: Pick<TerminalChatOptions, 'botUrl' | 'timeoutSeconds' | 'urlSource'>,
  activity: OutgoingActivity,
): Promise<InvokeResult> {
  try {
    const { status, text } = await postJson(options.botUrl, activity, options.timeoutSeconds * 1000);
    let body: unknown;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status, body };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ETIMEDOUT') throw new BotUnavailableError(t.timeout(options.timeoutSeconds));
    if (code && ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL'].includes(code)) {
      throw new BotUnavailableError(t.unreachable(options.botUrl, options.urlSource ?? 'url'));
    }
    throw new BotUnavailableError(t.transportError(error instanceof Error ? error.message : String(error)));
  }
}

/** POST a JSON body with node:http(s) (no fetch: it refuses some ports) and return the status and text. */
function postJson(url: string, body: unknown, timeoutMs: number): Promise<{ status: number; text: string }> {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(payload.length) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(payload);
  });
}
