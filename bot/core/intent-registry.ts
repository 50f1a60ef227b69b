// Which handler answers which recognised intent. Features register theirs; the router asks.
import type { Intent } from '../../services/intents/intent-recognizer.js';
import type { CoreTurn } from './core-turn.js';

export type IntentHandler = (turn: CoreTurn, text: string) => Promise<void>;

export class IntentRegistry {
  private readonly handlers = new Map<Intent, IntentHandler>();

  register(intent: Intent, handler: IntentHandler): this {
    this.handlers.set(intent, handler);
    return this;
  }

  get(intent: Intent): IntentHandler | undefined {
    return this.handlers.get(intent);
  }
}
