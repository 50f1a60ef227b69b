// Sends consultation (and template) messages through the Official Account Open API. Zalo always answers HTTP 200 with
// {error, message, data}: `error !== 0` is a failure. An invalid or expired token (-216, -220) is
// refreshed and the message retried once; every other outcome goes back to the outbox to decide.
import { logger } from '../platform/logger.js';
import { recordZaloApiError } from '../platform/metrics.js';
import type { ZaloButton } from '../../entities/zalo-outbox.entity.js';
import { httpPost } from './zalo-http.js';
import type { ZaloTokenStore } from './zalo-token-store.js';
import type { ZaloSendResult } from './zalo-send-result.js';

export const OA_TOKEN_ERRORS = new Set([-216, -220]);

export interface OaTextMessage {
  userId: string;
  text: string;
  /** The user's message this answers: a free reply instead of a paid proactive message. */
  replyToMessageId?: string | null;
  buttons?: ZaloButton[] | null;
}

export function oaMessageBody(message: OaTextMessage): Record<string, unknown> {
  const recipient: Record<string, string> = { user_id: message.userId };
  if (message.replyToMessageId) recipient.message_id = message.replyToMessageId;
  const body: Record<string, unknown> = { text: message.text };
  if (message.buttons?.length) {
    body.attachment = {
      type: 'template',
      payload: {
        template_type: 'button',
        buttons: message.buttons.map((b) => ({ title: b.title, type: 'oa.query.show', payload: b.payload })),
      },
    };
  }
  return { recipient, message: body };
}

export class ZaloOaClient {
  constructor(
    private readonly apiBaseUrl: string,
    private readonly tokens: ZaloTokenStore,
  ) {}

  /** A consultation message (`message/cs`). */
  send(message: OaTextMessage): Promise<ZaloSendResult> {
    return this.postJson(`${this.apiBaseUrl}/v3.0/oa/message/cs`, oaMessageBody(message));
  }

  /**
   * Any Zalo API call authorised by the OA access token (consultation and template messages): an invalid
   * or expired token is refreshed and the call retried once.
   */
  async postJson(url: string, body: Record<string, unknown>): Promise<ZaloSendResult> {
    let token = await this.tokens.accessToken();
    let result = await this.post(url, token.token, body);
    if (!result.ok && OA_TOKEN_ERRORS.has(result.code)) {
      recordZaloApiError('oa', result.code);
      logger.warn({ code: result.code }, 'zalo OA token refused: refreshing and retrying once');
      token = await this.tokens.refresh(token.version);
      result = await this.post(url, token.token, body);
    }
    if (!result.ok) recordZaloApiError('oa', result.code);
    return result;
  }

  /** The OA API's base address (template messages by user id live there too). */
  get baseUrl(): string {
    return this.apiBaseUrl;
  }

  private async post(url: string, accessToken: string, payload: Record<string, unknown>): Promise<ZaloSendResult> {
    let answer;
    try {
      answer = await httpPost(url, { 'content-type': 'application/json', access_token: accessToken }, JSON.stringify(payload));
    } catch (err) {
      return { ok: false, code: 0, message: (err as Error).message, network: true };
    }
    let body: { error?: unknown; message?: unknown; data?: { message_id?: unknown; msg_id?: unknown } };
    try {
      body = JSON.parse(answer.body) as typeof body;
    } catch {
      return { ok: false, code: 0, message: `HTTP ${answer.status} without JSON`, network: true };
    }
    const code = typeof body.error === 'number' ? body.error : Number(body.error);
    if (code === 0) {
      // message/cs answers message_id; the business API's message/template answers msg_id.
      const id = body.data?.message_id ?? body.data?.msg_id;
      return { ok: true, messageId: typeof id === 'string' ? id : id === undefined ? undefined : String(id) };
    }
    return { ok: false, code: Number.isFinite(code) ? code : 0, message: String(body.message ?? `HTTP ${answer.status}`).slice(0, 300) };
  }
}
