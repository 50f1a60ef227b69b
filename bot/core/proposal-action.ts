// The shape of every card verb on a proposal after it is submitted (decision, implementation, evaluation):
// find the proposal the card's data names, run the service action, read the proposal again and answer
// with what happened. Each feature says how to read its view and how to answer.
import type { NeutralCard } from '../../services/platform/reply.js';
import type { CoreTurn } from './core-turn.js';

export type CardData = Record<string, unknown>;

export interface ProposalActionSpec<R, V> {
  resolve(data: CardData): Promise<string | null>;
  view(proposalId: string): Promise<V | null>;
  /** The answer when the proposal is not found (a card, not a string: see below). */
  notFound: string;
  answer(turn: CoreTurn, view: V, result: R, proposalId: string): Promise<NeutralCard>;
}

export type ProposalAction<R> = (turn: CoreTurn, proposalId: string, data: CardData) => Promise<R>;

/** Wraps a service action as a card verb. */
export function proposalActions<R, V>(
  spec: ProposalActionSpec<R, V>,
): (run: ProposalAction<R>) => (turn: CoreTurn, data: CardData) => Promise<NeutralCard> {
  return (run) => async (turn, data) => {
    const proposalId = await spec.resolve(data);
    // A card, not a string: teams-ai answers a string from Action.Execute by editing the message.
    if (!proposalId) return { title: spec.notFound };
    const result = await run(turn, proposalId, data);
    const view = await spec.view(proposalId);
    if (!view) return { title: spec.notFound };
    return spec.answer(turn, view, result, proposalId);
  };
}
