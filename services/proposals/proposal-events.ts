// Domain events between features, raised AFTER the transaction that caused them has committed
// (with PGlite's single connection, work started inside a transaction would deadlock).
import { logger } from '../platform/logger.js';

export interface ProposalEventMap {
  /** A plan was submitted (first time or after changes): the routing/decision feature takes it from here. */
  submitted: { proposalId: string; revision: number; actorId: string };
}

type Listener<K extends keyof ProposalEventMap> = (event: ProposalEventMap[K]) => Promise<void> | void;

export class ProposalEvents {
  private readonly listeners: { [K in keyof ProposalEventMap]?: Listener<K>[] } = {};

  on<K extends keyof ProposalEventMap>(name: K, listener: Listener<K>): void {
    ((this.listeners[name] ??= []) as Listener<K>[]).push(listener);
  }

  /** Runs every listener; one listener failing is logged and does not stop the others. */
  async emit<K extends keyof ProposalEventMap>(name: K, event: ProposalEventMap[K]): Promise<void> {
    for (const listener of (this.listeners[name] ?? []) as Listener<K>[]) {
      try {
        await listener(event);
      } catch (err) {
        logger.error({ err, event: name }, 'proposal event listener failed');
      }
    }
  }
}
