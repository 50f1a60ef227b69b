// How the notifier reads a channel's refusal, and which channel it tries first (Teams).
import type { ChannelAccount } from '../../entities/channel-account.entity.js';

/** Teams first; then the others, most recently seen first (the caller sorts by that). */
export function rank(a: ChannelAccount): number {
  return a.channel === 'msteams' ? 0 : 1;
}

/** Teams' answer when the app is not installed for the person or the bot was removed from the chat. */
export function notInstalled(err: unknown): boolean {
  const e = err as { statusCode?: number; status?: number; code?: string; body?: unknown; message?: string };
  const status = e?.statusCode ?? e?.status;
  if (status === 403) return true;
  if (status === 404) return true;
  const text = `${e?.code ?? ''} ${typeof e?.body === 'string' ? e.body : JSON.stringify(e?.body ?? '')} ${e?.message ?? ''}`;
  return /ConversationNotFound|BotNotInConversationRoster|MemberNotFoundInConversation|NotInstalled/i.test(text);
}

export function statusOf(err: unknown): string {
  const e = err as { statusCode?: number; status?: number; code?: string; message?: string };
  return String(e.statusCode ?? e.status ?? e.code ?? e.message ?? 'error').slice(0, 120);
}
