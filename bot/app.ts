// The one brain: a teams-ai Application that every channel's activities run through.
// The modules the bot uses, not the package's index, which also loads its AI planners, tokenizers and
// model clients (about 11 MB of heap and 0.3 s of start-up that no feature of ours uses).
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import type { AdaptiveCard } from '@microsoft/teams-ai/lib/AdaptiveCards.js';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import { ActivityTypes, TeamsInfo, TurnContext, type ConversationReference, type Storage } from 'botbuilder';
import type { Officer } from '../entities/officer.entity.js';
import type { Channel } from '../entities/channel-account.entity.js';
import { menuCard, MENU_VERBS } from './cards/menu-card.js';
import type { IdentityService } from '../services/directory/identity-service.js';
import type { AppConfig } from './config.js';
import { CommandRegistry, type ProposalGate } from './core/command-registry.js';
import type { ProposalAccess } from '../services/proposals/proposal-access.js';
import { createCoreTurn, type CoreTurn } from './core/core-turn.js';
import { bindConversationState, createDialogSet } from './core/dialog-host.js';
import { accountPrefetchingTurnState, prefetchedAccount } from './core/account-prefetch.js';
import { IntentRegistry } from './core/intent-registry.js';
import { helpText, registerUnderstandingCommands, routeMessage } from './core/message-router.js';
import type { NeutralCard } from '../services/platform/reply.js';
import { logger } from '../services/platform/logger.js';
import { core } from '../services/platform/messages/index.js';
import type { DialogSet } from 'botbuilder-dialogs';

export interface ConversationState {
  [key: string]: unknown;
}
export interface UserState {
  [key: string]: unknown;
}
export interface TempState {
  input: string;
  inputFiles: never[];
  lastOutput: string;
  actionOutputs: Record<string, string>;
  authTokens: Record<string, string>;
  duplicateTokenExchange?: boolean;
  officer?: Officer;
}
export type AppTurnState = TurnState<ConversationState, UserState, TempState>;

export interface BotApplication {
  app: Application<AppTurnState>;
  commands: CommandRegistry;
  intents: IntentRegistry;
  dialogs: DialogSet;
  /** A file, or a long pasted plan, read before anything else; set by the plan-import feature. */
  documents?: DocumentDesk;
}

/** Messages that carry a document. */
export interface DocumentDesk {
  /** Answers the turn when it carries a document (or a pasted plan); false leaves it to the router. */
  handle(turn: CoreTurn): Promise<boolean>;
}

/** Turns of someone the channel authenticated but the directory does not know. */
export interface OutsiderDesk {
  /** Answers the turn when it is theirs to have; false leaves the refusal to the identity step. */
  handle(context: TurnContext, conversation: Record<string, unknown>): Promise<boolean>;
}

/** Maps a Bot Framework channel id to the directory's channel names. */
export function directoryChannel(channelId: string): Channel {
  if (channelId === 'zalo_oa' || channelId === 'zalo_bot' || channelId === 'web') return channelId;
  return 'msteams';
}

export interface BotApplicationOptions {
  adapter: TeamsAdapter;
  storage: Storage;
  config: AppConfig;
  identity: IdentityService;
  /** Who may see which proposal: checked before every card verb that names one. */
  access: ProposalAccess;
  /** What people not (yet) in the directory may do (policy questions); none: they get the refusal. */
  outsiders?: OutsiderDesk;
}

/** Who is asking, and how to say that the bot does not know them. */
interface IdentifyOptions {
  identity: IdentityService;
  directoryContact: string;
  /** Bot Framework authentication is on: an activity's conversation reference can be trusted. */
  authenticated: boolean;
  outsiders?: OutsiderDesk;
}

/**
 * The application with the core turn handling (identity, menu, help, card actions, errors). The features
 * (wizard, decisions, questions, ...) add their commands and intents afterwards (bot/features.ts).
 */
export function createBotApplication(options: BotApplicationOptions): BotApplication {
  const services: IdentifyOptions = {
    identity: options.identity,
    directoryContact: options.config.DIRECTORY_CONTACT,
    authenticated: options.config.authEnabled,
    outsiders: options.outsiders,
  };
  const app = new Application<AppTurnState>({
    adapter: options.adapter,
    storage: options.storage,
    startTypingTimer: options.config.TYPING_INDICATOR,
    removeRecipientMention: true,
    longRunningMessages: false,
    turnStateFactory: accountPrefetchingTurnState(() => new TurnState() as AppTurnState, directoryChannel),
  });
  const gate: ProposalGate = {
    proposalIdOf: (data) => options.access.proposalIdOf(data),
    canRead: (turn, proposalId) => options.access.canRead(turn.officer, proposalId),
    refused: (turn, proposalId, verb) => options.access.recordRefusal(turn.officer.id, proposalId, verb, turn.channelId),
    refusal: core.notConcerned,
  };
  const bot: BotApplication = { app, commands: new CommandRegistry(gate), intents: new IntentRegistry(), dialogs: createDialogSet() };

  registerCoreFeatures(bot);
  registerUnderstandingCommands(bot);

  app.turn('beforeTurn', async (context, state) => {
    const type = context.activity.type;
    if (type !== ActivityTypes.Message && type !== ActivityTypes.Invoke) return true;
    if (!context.activity.from?.id) return false;
    const officer = await identify(context, services, state.conversation);
    if (!officer) return false;
    state.temp.officer = officer;
    bindConversationState(context, state.conversation, officer);
    return true;
  });

  app.conversationUpdate('membersAdded', async (context, state) => {
    const added = context.activity.membersAdded ?? [];
    // Greet once, when the bot itself is added (installation) in a 1:1 chat or a new team/group.
    if (!added.some((m) => m.id === context.activity.recipient?.id)) return;
    const officer =
      context.activity.conversation?.conversationType === 'personal' || !context.activity.conversation?.conversationType
        ? await identify(context, services, state.conversation)
        : undefined;
    if (context.activity.conversation?.conversationType === 'personal' && !officer) return;
    bindConversationState(context, state.conversation);
    const turn = officer ? createCoreTurn(context, officer, state.conversation) : undefined;
    const greeting = core.greeting(officer?.fullName);
    if (turn) await turn.send({ text: greeting, card: menuCard() });
    else await context.sendActivity(greeting);
  });

  app.activity(ActivityTypes.Message, async (context, state) => {
    const officer = state.temp.officer!;
    await routeMessage(createCoreTurn(context, officer, state.conversation), bot);
  });

  app.adaptiveCards.actionExecute<Record<string, unknown>>(/.*/, async (context, state, data) => {
    const officer = state.temp.officer!;
    const verb = String(context.activity.value?.action?.verb ?? '');
    const turn = createCoreTurn(context, officer, state.conversation);
    const handler = bot.commands.get(verb);
    const render = (card: NeutralCard) => turn.renderForInvoke(card) as unknown as AdaptiveCard;
    if (!handler) return render(staleCard());
    try {
      const result = await handler(turn, data ?? {});
      if (result === undefined) return render(menuCard());
      if (typeof result === 'string') return result;
      return render(result);
    } catch (err) {
      // teams-ai turns a throwing Action.Execute handler into HTTP 501 with an empty body: answer instead.
      logger.error({ err, verb }, 'card action failed');
      return render({ title: isDatabaseUnavailable(err) ? core.busy : core.internalError });
    }
  });

  app.error(async (context, err) => {
    logger.error({ err }, 'turn failed');
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(isDatabaseUnavailable(err) ? core.busy : core.internalError).catch(() => undefined);
    }
  });

  return bot;
}

function staleCard(): NeutralCard {
  return { title: core.staleCard };
}

function registerCoreFeatures(bot: BotApplication): void {
  const sendMenu = async (turn: CoreTurn) => turn.send({ card: menuCard() });
  bot.intents.register('menu', sendMenu);
  bot.intents.register('greeting', async (turn) => turn.send({ text: core.greeting(turn.officer.fullName), card: menuCard() }));
  bot.intents.register('help', async (turn) => turn.send(helpText(bot.commands)));
  bot.intents.register('cancel', async (turn) => turn.send({ text: core.nothingToCancel, card: menuCard() }));
  bot.commands.register(MENU_VERBS.help, async () => helpText(bot.commands), 'own');
  // Menu buttons run the same intents as typing the words.
  const viaIntent = (intent: Parameters<IntentRegistry['get']>[0]) => async (turn: CoreTurn) => {
    const handler = bot.intents.get(intent) ?? sendMenu;
    await handler(turn, '');
    return undefined;
  };
  bot.commands.register(MENU_VERBS.newProposal, viaIntent('new_proposal'), 'own');
  bot.commands.register(MENU_VERBS.myProposals, viaIntent('my_proposals'), 'own');
  bot.commands.register(MENU_VERBS.myTasks, viaIntent('my_tasks'), 'own');
  bot.commands.register('menu.show', async () => menuCard(), 'own');
}

async function identify(
  context: TurnContext,
  services: IdentifyOptions,
  conversation: Record<string, unknown>,
): Promise<Officer | undefined> {
  const activity = context.activity;
  const channel = directoryChannel(activity.channelId);
  const personal = activity.conversation?.conversationType === 'personal' || channel !== 'msteams';
  const reference = TurnContext.getConversationReference(activity) as ConversationReference;
  const result = await services.identity.resolve(
    {
      channel,
      externalUserId: activity.from.id,
      aadObjectId: activity.from.aadObjectId,
      tenantId: activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id,
      // Only a 1:1 conversation is a way to reach the person later.
      conversationReference: personal ? (reference as unknown as Record<string, unknown>) : undefined,
      // Zalo and the web identify people themselves (signatures, sessions); only a Bot Connector turn without
      // authentication is unverified.
      referenceVerified: services.authenticated || channel !== 'msteams',
    },
    channel === 'msteams' && activity.channelId === 'msteams'
      ? async () => {
          const member = await TeamsInfo.getMember(context, activity.from.id);
          return { email: member.email ?? undefined, userPrincipalName: member.userPrincipalName ?? undefined };
        }
      : undefined,
    prefetchedAccount(context),
  );
  if (result.status === 'known') return result.officer;
  const outsiders = result.status === 'unknown' ? services.outsiders : undefined;
  if (outsiders && (await outsiders.handle(context, conversation))) {
    logger.info({ channel, type: activity.type }, 'outsider turn');
    return undefined;
  }
  const text = result.status === 'inactive' ? core.inactiveUser(services.directoryContact) : core.unknownUser(services.directoryContact);
  logger.info({ channel, status: result.status }, 'unrecognised user');
  if (activity.type === ActivityTypes.Invoke) {
    await context.sendActivity({
      type: 'invokeResponse',
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } },
    });
  } else {
    await context.sendActivity(text);
  }
  return undefined;
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: string; message?: string; driverError?: unknown; cause?: unknown };
    if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
    if (
      typeof e.message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message)
    ) {
      return true;
    }
    current = e.driverError ?? e.cause;
  }
  return false;
}
