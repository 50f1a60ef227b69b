// botbuilder-dialogs on top of teams-ai turn state: the dialog stack lives in the conversation state,
// saved with the turn (and so guarded by the conversation lock and eTags like everything else).
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';

const STATE_KEY = Symbol('conversationState');

export function bindConversationState(context: TurnContext, conversation: Record<string, unknown>): void {
  context.turnState.set(STATE_KEY, conversation);
}

class ConversationPropertyAccessor<T> implements StatePropertyAccessor<T> {
  constructor(private readonly property: string) {}

  private bag(context: TurnContext): Record<string, unknown> {
    const bag = context.turnState.get(STATE_KEY) as Record<string, unknown> | undefined;
    if (!bag) throw new Error('conversation state not bound to this turn');
    return bag;
  }

  async get(context: TurnContext, defaultValue?: T): Promise<T> {
    const bag = this.bag(context);
    if (bag[this.property] === undefined && defaultValue !== undefined) {
      bag[this.property] = structuredClone(defaultValue);
    }
    return bag[this.property] as T;
  }

  async set(context: TurnContext, value: T): Promise<void> {
    this.bag(context)[this.property] = value;
  }

  async delete(context: TurnContext): Promise<void> {
    delete this.bag(context)[this.property];
  }
}

export function createDialogSet(): DialogSet {
  return new DialogSet(new ConversationPropertyAccessor<DialogState>('dialogState'));
}
