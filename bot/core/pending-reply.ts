// A question the bot asked outside the wizard and the next message answers: "Gõ “có” để xác nhận",
// "nhập ý kiến trong tin nhắn tiếp theo", "gõ số thứ tự người thực hiện". Kept in the conversation's state
// with its kind and data; the feature that asked registers the handler of its kind. An answer that is not
// one (a command, a question) lets the question go and is routed as usual.
import type { CoreTurn } from './core-turn.js';

const KEY = 'pendingReply';
/** An unanswered question goes stale: "có" a day later must not approve anything. */
const TTL_MS = 30 * 60 * 1000;

export interface PendingReply {
  kind: string;
  data: Record<string, unknown>;
  at: number;
}

/** Answers the pending question; false when the text is not its answer (the question is then dropped). */
export type PendingHandler = (turn: CoreTurn, text: string, data: Record<string, unknown>) => Promise<boolean>;

export function askNext(turn: CoreTurn, kind: string, data: Record<string, unknown>): void {
  turn.conversation[KEY] = { kind, data, at: Date.now() } satisfies PendingReply;
}

export function clearPending(turn: CoreTurn): void {
  delete turn.conversation[KEY];
}

/** The question waiting for this message, if it is still fresh; a stale one is dropped. */
export function takePending(turn: CoreTurn): PendingReply | undefined {
  const p = turn.conversation[KEY] as PendingReply | undefined;
  if (!p) return undefined;
  delete turn.conversation[KEY];
  return Date.now() - p.at <= TTL_MS ? p : undefined;
}
