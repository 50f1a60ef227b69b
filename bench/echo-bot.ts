// The baseline of the turn bench: a bare Bot Framework echo bot as the samples write it: botbuilder's
// CloudAdapter (no authentication, like the Emulator), restify, MemoryStorage with ConversationState and
// UserState (a turn counter in each, read and saved every turn), and one reply per message.
// Run as a child process by bench/run.ts; it reports its URL over IPC.
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  UserState,
  type TurnContext,
} from 'botbuilder';

class EchoBot extends ActivityHandler {
  constructor(conversationState: ConversationState, userState: UserState) {
    super();
    const turns = conversationState.createProperty<number>('turns');
    const seen = userState.createProperty<number>('seen');
    this.onMessage(async (context: TurnContext, next) => {
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      await seen.set(context, (await seen.get(context, 0)) + 1);
      await context.sendActivity(`Echo ${count}: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }

  conversationState!: ConversationState;
  userState!: UserState;
}

export async function startEchoBot(port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const bot = new EchoBot(conversationState, userState);
  bot.conversationState = conversationState;
  bot.userState = userState;
  // No app id: authentication disabled, as a bot run against the Emulator (and as our bot in the bench).
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context, error) => {
    console.error('echo bot turn failed', error);
    await context.sendActivity('error').catch(() => undefined);
  };
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeAllConnections?.();
      }),
  };
}

if (require.main === module) {
  void (async () => {
    const bot = await startEchoBot();
    process.on('message', (message: { type?: string }) => {
      if (message?.type === 'stop') void bot.close().then(() => process.exit(0));
    });
    process.send?.({ type: 'ready', url: bot.url, pid: process.pid });
  })();
}
