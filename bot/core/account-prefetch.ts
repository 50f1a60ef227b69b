// The turn's state and the writer's channel account in one statement: teams-ai loads the state through
// the storage before anything else, so the load is given a storage that also reads who is writing, and
// the identity step (bot/app.ts) then starts from that row instead of a query of its own.
import type { Storage, StoreItems, TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import type { Channel, ChannelAccount } from '../../entities/channel-account.entity.js';
import { TypeOrmStorage } from '../../services/state/typeorm-storage.js';

const ACCOUNT_KEY = Symbol('prefetchedAccount');

/** The account read with the state (null: nobody linked yet), or undefined when it was not read. */
export function prefetchedAccount(context: TurnContext): ChannelAccount | null | undefined {
  return context.turnState.get(ACCOUNT_KEY) as ChannelAccount | null | undefined;
}

export function accountPrefetchingTurnState<T extends TurnState>(create: () => T, channelOf: (channelId: string) => Channel): () => T {
  return () => {
    const state = create();
    const load = state.load.bind(state);
    state.load = (context: TurnContext, storage?: Storage) => {
      const userId = context.activity.from?.id;
      if (!(storage instanceof TypeOrmStorage) || !userId) return load(context, storage);
      const reading: Storage = {
        read: async (keys: string[]): Promise<StoreItems> => {
          const { items, account } = await storage.readWithAccount(keys, channelOf(context.activity.channelId), userId);
          context.turnState.set(ACCOUNT_KEY, account);
          return items;
        },
        write: (changes) => storage.write(changes),
        delete: (keys) => storage.delete(keys),
      };
      return load(context, reading);
    };
    return state;
  };
}
