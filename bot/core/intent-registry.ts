// Which handler answers which recognised intent. Features register theirs; the router asks.
import type { Intent } from '../../services/intents/intent-recognizer.js';
import type { CoreTurn } from './core-turn.js';

export type IntentHandler = (turn: CoreTurn, text: string) => Promise<void>;

/** Lines naming what waits for the person ("ĐX-2026-0001 – … (biểu quyết, hạn …)"), for the greeting and menu. */
export type WaitingProvider = (turn: CoreTurn) => Promise<string[]>;

export class IntentRegistry {
  private readonly handlers = new Map<Intent, IntentHandler>();
  private readonly waitingProviders: WaitingProvider[] = [];

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
