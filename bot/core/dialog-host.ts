// botbuilder-dialogs on top of teams-ai turn state: the dialog stack lives in the conversation state,
// saved with the turn (and so guarded by the conversation lock and eTags like everything else).
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import type { Officer } from '../../entities/officer.entity.js';

const STATE_KEY = Symbol('conversationState');
const OFFICER_KEY = Symbol('turnOfficer');

export function bindConversationState(context: TurnContext, conversation: Record<string, unknown>, officer?: Officer): void {
  context.turnState.set(STATE_KEY, conversation);
  if (officer) context.turnState.set(OFFICER_KEY, officer);
}

/**
 * The officer by id, reusing the one identified at the start of this turn (checked active then) instead of
 * a second SELECT: a dialog asks for the officer who opened it, nearly always the one writing now.
 */
export function officerOfTurn(context: TurnContext, id: string, load: (id: string) => Promise<Officer | null>): Promise<Officer | null> {
  const officer = context.turnState.get(OFFICER_KEY) as Officer | undefined;
  return officer?.id === id ? Promise.resolve(officer) : load(id);
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
