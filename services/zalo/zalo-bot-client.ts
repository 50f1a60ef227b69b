// The Zalo Bot Platform: `POST {base}/bot<TOKEN>/sendMessage {chat_id, text}`, answered with the
// envelope {ok, result} or {ok:false, error_code, description}: check `ok`, not the HTTP status.
import { recordZaloApiError } from '../platform/metrics.js';
import { httpPost } from './zalo-http.js';
import type { ZaloSendResult } from './zalo-send-result.js';

export class ZaloBotClient {
  constructor(
    private readonly apiBaseUrl: string,
    private readonly token: string,
  ) {}

  async sendMessage(chatId: string, text: string): Promise<ZaloSendResult> {
    const result = await this.call(chatId, text);
    if (!result.ok) recordZaloApiError('bot', result.code);
    return result;
  }

  private async call(chatId: string, text: string): Promise<ZaloSendResult> {
    let answer;
    try {
      answer = await httpPost(
        `${this.apiBaseUrl}/bot${this.token}/sendMessage`,
        { 'content-type': 'application/json' },
        JSON.stringify({ chat_id: chatId, text }),
      );
    } catch {
      // The token is part of the URL: never let a message that might contain it through.
      return { ok: false, code: 0, message: 'request failed', network: true };
    }
    let body: { ok?: unknown; result?: { message_id?: unknown }; error_code?: unknown; description?: unknown };
    try {
      body = JSON.parse(answer.body) as typeof body;
    } catch {
      return { ok: false, code: answer.status, message: `HTTP ${answer.status} without JSON`, network: answer.status >= 500 };
    }
    if (body.ok === true) {
      const id = body.result?.message_id;
      return { ok: true, messageId: id === undefined ? undefined : String(id) };
    }
    const code = Number(body.error_code);
    return {
      ok: false,
      code: Number.isFinite(code) ? code : answer.status,
      message: String(body.description ?? `HTTP ${answer.status}`).slice(0, 300),
    };
  }
}
