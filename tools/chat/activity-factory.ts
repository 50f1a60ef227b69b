// Builds activities shaped like the ones Microsoft Teams posts to a bot (personal chat), so the terminal chat
// and the tests exercise the bot exactly as Teams or the Bot Framework Emulator would.
import { createHash, randomBytes } from 'node:crypto';

export const DEFAULT_TENANT_ID = 'demo-tenant';
export const DEFAULT_BOT_ACCOUNT = { id: '28:tro-ly-doi-moi', name: 'Trợ lý Đổi mới' } as const;

// Fixed namespace so the same email always yields the same fake AAD object id (RFC 4122 version 5, SHA-1).
const AAD_NAMESPACE = '6f1c8a52-3d0e-5b7a-9c44-4c616f436169';

export interface ChannelAccountLike {
  id: string;
  name?: string;
  aadObjectId?: string;
  role?: string;
}

/** The person chatting: what Teams knows about them (activity `from` and roster entry). */
export interface ChatUser {
  /** Teams user id, `29:…`. */
  id: string;
  name: string;
  email: string;
  userPrincipalName: string;
  aadObjectId: string;
  givenName?: string;
  surname?: string;
  tenantId: string;
}

/** One conversation between the user and the bot, with the addresses every activity carries. */
export interface ChatSession {
  user: ChatUser;
  bot: ChannelAccountLike;
  conversationId: string;
  serviceUrl: string;
  channelId: string;
  locale: string;
  tenantId: string;
  timezone: string;
}

/** A minimal, Teams-shaped activity (the fields Teams sends for a personal chat). */
export interface OutgoingActivity {
  type: string;
  id: string;
  timestamp: string;
  localTimestamp: string;
  localTimezone: string;
  channelId: string;
  serviceUrl: string;
  from: ChannelAccountLike;
  recipient: ChannelAccountLike;
  conversation: { id: string; conversationType: string; tenantId: string; isGroup?: boolean };
  channelData: Record<string, unknown>;
  locale: string;
  entities?: Array<Record<string, unknown>>;
  text?: string;
  textFormat?: string;
  value?: unknown;
  name?: string;
  replyToId?: string;
  membersAdded?: ChannelAccountLike[];
  membersRemoved?: ChannelAccountLike[];
  attachments?: Array<Record<string, unknown>>;
}

function uuidFromName(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Deterministic fake AAD object id for an email (UUID v5): the same person keeps the same id across runs. */
export function deterministicAadObjectId(email: string): string {
  return uuidFromName(AAD_NAMESPACE, normaliseEmail(email));
}

/** Stable Teams user id (`29:…`) for an email, the way Teams gives each user one id per bot. */
export function stableTeamsUserId(email: string): string {
  const digest = createHash('sha256')
    .update(`teams-user:${normaliseEmail(email)}`, 'utf8')
    .digest('base64url');
  return `29:1${digest.slice(0, 42)}`;
}

/** A new personal-chat conversation id in Teams' `a:…` form. */
export function newConversationId(): string {
  return `a:1${randomBytes(30).toString('base64url')}`;
}

/** Activity ids as Teams makes them: a millisecond timestamp with a random suffix keeps them unique. */
export function newActivityId(): string {
  return `${Date.now()}${randomBytes(3).readUIntBE(0, 3).toString().padStart(8, '0')}`;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL_PATTERN.test(value.trim());
}

/** A readable display name from the email's local part: `nguyen.van.an` → `Nguyen Van An`. */
export function displayNameFromEmail(email: string): string {
  const local = normaliseEmail(email).split('@')[0] ?? email;
  const words = local.split(/[._\-+]+/).filter(Boolean);
  if (words.length === 0) return email;
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

export interface ChatUserOptions {
  aadObjectId?: string;
  name?: string;
  tenantId?: string;
}

export function createChatUser(email: string, options: ChatUserOptions = {}): ChatUser {
  const address = normaliseEmail(email);
  const name = options.name?.trim() || displayNameFromEmail(address);
  const words = name.split(/\s+/).filter(Boolean);
  return {
    id: stableTeamsUserId(address),
    name,
    email: address,
    userPrincipalName: address,
    aadObjectId: options.aadObjectId?.trim() || deterministicAadObjectId(address),
    // Vietnamese order: family name first, given name last.
    givenName: words.length > 1 ? words[words.length - 1] : name,
    surname: words.length > 1 ? words[0] : undefined,
    tenantId: options.tenantId ?? DEFAULT_TENANT_ID,
  };
}

export interface ChatSessionOptions {
  conversationId?: string;
  serviceUrl: string;
  channelId?: string;
  locale?: string;
  bot?: ChannelAccountLike;
  timezone?: string;
}

export function createChatSession(user: ChatUser, options: ChatSessionOptions): ChatSession {
  return {
    user,
    bot: options.bot ?? { ...DEFAULT_BOT_ACCOUNT },
    conversationId: options.conversationId ?? newConversationId(),
    serviceUrl: options.serviceUrl,
    channelId: options.channelId ?? 'msteams',
    locale: options.locale ?? 'vi-VN',
    tenantId: user.tenantId,
    timezone: options.timezone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Ho_Chi_Minh'),
  };
}

/** ISO 8601 local time with the offset, as Teams' `localTimestamp` (e.g. `2024-05-01T09:30:00.123+07:00`). */
export function localIsoTimestamp(date: Date): string {
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

function baseActivity(session: ChatSession, type: string, now = new Date()): OutgoingActivity {
  return {
    type,
    id: newActivityId(),
    timestamp: now.toISOString(),
    localTimestamp: localIsoTimestamp(now),
    localTimezone: session.timezone,
    channelId: session.channelId,
    serviceUrl: session.serviceUrl,
    from: { id: session.user.id, name: session.user.name, aadObjectId: session.user.aadObjectId },
    recipient: { id: session.bot.id, name: session.bot.name },
    conversation: { id: session.conversationId, conversationType: 'personal', tenantId: session.tenantId },
    channelData: { tenant: { id: session.tenantId } },
    locale: session.locale,
  };
}

function clientInfo(session: ChatSession): Record<string, unknown> {
  return { type: 'clientInfo', locale: session.locale, country: 'VN', platform: 'Web', timezone: session.timezone };
}

/** A text message typed by the user. */
export function messageActivity(session: ChatSession, text: string): OutgoingActivity {
  return { ...baseActivity(session, 'message'), text, textFormat: 'plain', entities: [clientInfo(session)] };
}

/** A message carrying files (and optionally text), as a channel delivers a file the user sent. */
export function attachmentActivity(session: ChatSession, attachments: Record<string, unknown>[], text = ''): OutgoingActivity {
  return { ...messageActivity(session, text), attachments };
}

/**
 * An Action.Submit (or a card button) pressed: a message with `value` and, unless the button carries one
 * (messageBack/imBack), no text, replying to the message that carried the card.
 */
export function submitActivity(
  session: ChatSession,
  value: unknown,
  options: { replyToId?: string; text?: string } = {},
): OutgoingActivity {
  const activity: OutgoingActivity = {
    ...baseActivity(session, 'message'),
    textFormat: 'plain',
    entities: [clientInfo(session)],
  };
  if (value !== undefined) activity.value = value;
  if (options.text !== undefined) activity.text = options.text;
  if (options.replyToId) activity.replyToId = options.replyToId;
  (activity.channelData as Record<string, unknown>).source = { name: 'message' };
  return activity;
}

/** An invoke activity (e.g. `adaptiveCard/action`), answered in the HTTP response body. */
export function invokeActivity(session: ChatSession, name: string, value: unknown, options: { replyToId?: string } = {}): OutgoingActivity {
  const activity: OutgoingActivity = { ...baseActivity(session, 'invoke'), name, value, entities: [clientInfo(session)] };
  if (options.replyToId) activity.replyToId = options.replyToId;
  (activity.channelData as Record<string, unknown>).source = { name: 'message' };
  return activity;
}

/** Universal Action (Action.Execute) press, as Teams sends it. */
export function adaptiveCardActionActivity(
  session: ChatSession,
  action: { verb?: string; data?: unknown; id?: string },
  options: { replyToId?: string; trigger?: 'manual' | 'automatic' } = {},
): OutgoingActivity {
  const payload: Record<string, unknown> = { type: 'Action.Execute', verb: action.verb, data: action.data ?? {} };
  if (action.id) payload.id = action.id;
  return invokeActivity(
    session,
    'adaptiveCard/action',
    { action: payload, trigger: options.trigger ?? 'manual' },
    { replyToId: options.replyToId },
  );
}

/** The conversationUpdate Teams sends when the app is installed in personal scope: the bot joins the chat. */
export function installActivity(session: ChatSession): OutgoingActivity {
  return {
    ...baseActivity(session, 'conversationUpdate'),
    membersAdded: [{ id: session.bot.id }],
  };
}
