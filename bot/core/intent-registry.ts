// Which handler answers which recognised intent. Features register theirs; the router asks.
import type { Intent } from '../../services/intents/intent-recognizer.js';
import type { Consent } from '../../services/intents/consent.js';
import type { CoreTurn } from './core-turn.js';
import type { PendingHandler } from './pending-reply.js';

export type IntentHandler = (turn: CoreTurn, text: string) => Promise<void>;

/** Lines naming what waits for the person ("ĐX-2026-0001 – … (biểu quyết, hạn …)"), for the greeting and menu. */
export type WaitingProvider = (turn: CoreTurn) => Promise<string[]>;

/** Answers "đồng ý" / "không đồng ý" (or "ok") when something waits for the person's decision; false if nothing does. */
export type ConsentHandler = (turn: CoreTurn, consent: Consent) => Promise<boolean>;

export class IntentRegistry {
  private readonly handlers = new Map<Intent, IntentHandler>();
  private readonly waitingProviders: WaitingProvider[] = [];
  private readonly pending = new Map<string, PendingHandler>();
  private consentHandler: ConsentHandler | undefined;

  /** The handler of a question asked with askNext(turn, kind, …) (bot/core/pending-reply.ts). */
  registerPending(kind: string, handler: PendingHandler): this {
    if (this.pending.has(kind)) throw new Error(`pending reply ${kind} registered twice`);
    this.pending.set(kind, handler);
    return this;
  }

  pendingHandler(kind: string): PendingHandler | undefined {
    return this.pending.get(kind);
  }

  registerConsent(handler: ConsentHandler): this {
    this.consentHandler = handler;
    return this;
  }

  async consent(turn: CoreTurn, consent: Consent): Promise<boolean> {
    return this.consentHandler ? this.consentHandler(turn, consent) : false;
  }

  registerWaiting(provider: WaitingProvider): this {
    this.waitingProviders.push(provider);
    return this;
  }

  /** Everything waiting for this person, from every feature that registered a provider. */
  async waiting(turn: CoreTurn): Promise<string[]> {
    const lists = await Promise.all(this.waitingProviders.map((p) => p(turn)));
    return lists.flat();
  }

  register(intent: Intent, handler: IntentHandler): this {
    this.handlers.set(intent, handler);
    return this;
  }

  get(intent: Intent): IntentHandler | undefined {
    return this.handlers.get(intent);
  }
}
