// Webhook bodies of both Zalo surfaces → one neutral event. Ids and timestamps stay strings.
import type { ZaloChannel } from '../../entities/zalo-inbox.entity.js';
import { sha256Hex } from './zalo-crypto.js';
import { idString, parseJsonKeepingLongIntegers } from './zalo-json.js';

export type ZaloEventKind = 'message' | 'follow' | 'unfollow' | 'ignored';

export interface ZaloEvent {
  channel: ZaloChannel;
  eventName: string;
  kind: ZaloEventKind;
  /** The Zalo user (OA: sender.id or follower.id; Bot Platform: message.from.id). */
  userId?: string;
  /** Where replies go (OA: the user id; Bot Platform: chat.id). */
  chatId?: string;
  messageId?: string;
  /** Text typed, or the payload of a tapped button (it arrives as ordinary text). */
  text?: string;
  /** Non-text messages (image, file, sticker, location): shown as "unsupported" by the core. */
  nonText?: boolean;
  /** A file message (user_send_file): where Zalo hosts it; the plan import may read it. */
  file?: ZaloFile;
  isGroup?: boolean;
  /** The app id and timestamp the OA signature covers. */
  appId?: string;
  timestamp?: string;
}

export interface ZaloFile {
  url: string;
  name: string;
  /** As Zalo announces it (a string in the payload). */
  size?: number;
}

/** The attachment content type a Zalo file message has on the activity the runtime builds. */
export const ZALO_FILE_CONTENT_TYPE = 'application/vnd.zalo.file';

/** message.attachments[].payload of a user_send_file event: url, name, size (strings). */
function fileOf(message: Record<string, unknown> | undefined): ZaloFile | undefined {
  const attachments = Array.isArray(message?.attachments) ? message.attachments : [];
  for (const a of attachments) {
    const payload = record(record(a)?.payload);
    if (typeof payload?.url !== 'string' || !payload.url) continue;
    const size = Number(payload.size);
    return {
      url: payload.url,
      name: typeof payload.name === 'string' && payload.name ? payload.name : 'tệp',
      ...(Number.isFinite(size) && size > 0 ? { size } : {}),
    };
  }
  return undefined;
}

export class ZaloEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZaloEventError';
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function parseBody(raw: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseJsonKeepingLongIntegers(raw.toString('utf8'));
  } catch {
    throw new ZaloEventError('body is not JSON');
  }
  const body = record(parsed);
  if (!body) throw new ZaloEventError('body is not a JSON object');
  return body;
}

const OA_MESSAGE_EVENTS = new Set([
  'user_send_image',
  'user_send_file',
  'user_send_sticker',
  'user_send_location',
  'user_send_gif',
  'user_send_audio',
  'user_send_video',
  'user_send_link',
  'user_send_business_card',
]);

export function parseOaEvent(body: Record<string, unknown>): ZaloEvent {
  const eventName = typeof body.event_name === 'string' ? body.event_name : '';
  if (!eventName) throw new ZaloEventError('event_name missing');
  const sender = record(body.sender);
  const message = record(body.message);
  const base: ZaloEvent = {
    channel: 'zalo_oa',
    eventName,
    kind: 'ignored',
    appId: idString(body.app_id),
    timestamp: idString(body.timestamp),
    messageId: idString(message?.msg_id),
  };
  if (eventName === 'follow' || eventName === 'unfollow') {
    const follower = idString(record(body.follower)?.id);
    return { ...base, kind: eventName, userId: follower, chatId: follower };
  }
  // Echoes of our own messages (oa_send_*), receipts and everything else: acknowledged, not acted on.
  if (eventName === 'user_send_text') {
    const userId = idString(sender?.id);
    return { ...base, kind: 'message', userId, chatId: userId, text: typeof message?.text === 'string' ? message.text : '' };
  }
  if (OA_MESSAGE_EVENTS.has(eventName)) {
    const userId = idString(sender?.id);
    const file = eventName === 'user_send_file' ? fileOf(message) : undefined;
    return { ...base, kind: 'message', userId, chatId: userId, text: '', nonText: true, ...(file ? { file } : {}) };
  }
  return { ...base, userId: eventName.startsWith('user_') ? idString(sender?.id) : undefined };
}

export function parseBotEvent(body: Record<string, unknown>): ZaloEvent {
  // Delivered as the getUpdates envelope {ok, result:{…}}; accept the bare update too.
  const update = record(body.result) ?? body;
  const eventName = typeof update.event_name === 'string' ? update.event_name : '';
  if (!eventName) throw new ZaloEventError('event_name missing');
  const message = record(update.message);
  const from = record(message?.from);
  const chat = record(message?.chat);
  const base: ZaloEvent = {
    channel: 'zalo_bot',
    eventName,
    kind: 'ignored',
    userId: idString(from?.id),
    chatId: idString(chat?.id) ?? idString(from?.id),
    messageId: idString(message?.message_id),
    isGroup: typeof chat?.chat_type === 'string' && chat.chat_type !== 'PRIVATE',
  };
  if (from?.is_bot === true) return base;
  if (eventName === 'message.text.received')
    return { ...base, kind: 'message', text: typeof message?.text === 'string' ? message.text : '' };
  if (eventName.startsWith('message.') && eventName.endsWith('.received')) return { ...base, kind: 'message', text: '', nonText: true };
  return base;
}

/**
 * Whether an OA event's signed timestamp (milliseconds since 1970, as Zalo sends it) lies within
 * `maxAgeSeconds` of now, either way (clock skew). A missing or non-numeric timestamp is not fresh.
 */
export function isEventFresh(timestamp: string | undefined, maxAgeSeconds: number, now = Date.now()): boolean {
  if (maxAgeSeconds <= 0) return true;
  if (!timestamp || !/^\d{1,16}$/.test(timestamp)) return false;
  return Math.abs(now - Number(timestamp)) <= maxAgeSeconds * 1000;
}

/** The inbox key: the message id, or (events without one: follow, unfollow, …) a hash of the exact body. */
export function dedupKey(event: ZaloEvent, raw: Buffer): string {
  return event.messageId ? `msg:${event.messageId}` : `body:${sha256Hex(raw)}`;
}
