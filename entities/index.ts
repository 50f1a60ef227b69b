// The registry of entities and migrations. Listed explicitly so tsx, tsc and tests see the same set.
import { BotState } from './bot-state.entity.js';
import { ChannelAccount } from './channel-account.entity.js';
import { Foundation1764460800000 } from './migrations/1764460800000-foundation.js';
import { Officer } from './officer.entity.js';
import { Unit } from './unit.entity.js';

export const ENTITIES = [Unit, Officer, ChannelAccount, BotState];

export const MIGRATIONS = [Foundation1764460800000];

export { BotState, ChannelAccount, Officer, Unit };
