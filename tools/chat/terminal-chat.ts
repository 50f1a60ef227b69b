// `npm run chat -- --as <email>`: talk to the running bot over HTTP the way Teams (or the Bot Framework
// Emulator) does. Activities go to the bot's /api/messages with `serviceUrl` pointing at a loopback connector
// hosted here, where the bot's replies arrive; they are printed as text, cards rendered with numbered inputs
// and buttons. Interactive on a terminal; with piped stdin each line is a message or a command.
//
// This file is the tool's entry: the REPL (TerminalChat) and main(). Its parts: chat-arguments.ts (the command
// line), chat-context.ts (what the parts share), bot-endpoint.ts (POST to the bot), chat-rendering.ts (what
// is shown), chat-commands.ts (/set, /card, …), card-clicks.ts and bot-framework-buttons.ts (/click),
// chat-files.ts (/file and saved files), resume-state.ts (--resume).
import { createInterface } from 'node:readline';
import { createChatSession, createChatUser, installActivity, messageActivity } from './activity-factory.js';
import { BotUnavailableError } from './bot-endpoint.js';
import { parseChatArguments, type TerminalChatOptions } from './chat-arguments.js';
import { ChatContext } from './chat-context.js';
import { runCommand } from './chat-commands.js';
import { saveUpload } from './chat-files.js';
import { showActivity } from './chat-rendering.js';
import { chatTexts as t } from './chat-texts.js';
import type { ReceivedActivity, UploadedFile } from './connector-types.js';
import { LoopbackConnector } from './loopback-connector.js';
import { rememberConversation, resumedConversationId } from './resume-state.js';

export class TerminalChat {
  private readonly connector: LoopbackConnector;
  private readonly chat: ChatContext;

  constructor(options: TerminalChatOptions, out: NodeJS.WritableStream = process.stdout, interactive = false) {
    // It shows whatever a bot sends, also what Teams would refuse; the bot's own tests use a strict connector.
    this.connector = new LoopbackConnector({ tenantId: options.tenantId, strictAttachments: false });
    this.chat = new ChatContext(options, this.connector, out, interactive);
  }

  /** Bot or transport failures seen (non-interactive runs exit 1 if any). */
  get failures(): number {
    return this.chat.failures;
  }

  private get options(): TerminalChatOptions {
    return this.chat.options;
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------

  async start(): Promise<void> {
    const { options, chat } = this;
    await this.connector.start();
    this.connector.on('activity', (received: ReceivedActivity) => showActivity(chat, received));
    this.connector.on('upload', (file: UploadedFile) => void saveUpload(chat, file));

    const user = createChatUser(options.email, {
      aadObjectId: options.aadObjectId,
      name: options.name,
      tenantId: options.tenantId,
    });
    this.connector.addMember(user);

    let conversationId = options.conversationId;
    let resumed = false;
    if (!conversationId && options.resume) {
      conversationId = await resumedConversationId(options.stateFile, user.email);
      resumed = conversationId !== undefined;
    }
    const session = createChatSession(user, {
      conversationId,
      serviceUrl: this.connector.serviceUrl,
      channelId: options.channelId,
    });
    chat.session = session;
    // A proactive createConversation for this user lands in this chat, as Teams reuses the personal chat.
    this.connector.setPersonalConversation(user.id, session.conversationId);

    chat.print(t.connecting(options.botUrl, options.urlSource ?? 'url'));
    if (resumed) chat.print(t.resumed(session.conversationId));
    if (options.greeting && !resumed) {
      await chat.send(installActivity(session));
    }
    try {
      await rememberConversation(options.stateFile, session.user.email, session.conversationId, options.botUrl);
    } catch (error) {
      chat.print(t.resumeStoreError(error instanceof Error ? error.message : String(error)));
    }
    chat.print(t.connected(user.email));
  }

  async close(): Promise<void> {
    this.chat.readline?.close();
    await this.connector.stop();
  }

  /** Handle one line typed or piped. Returns false when the user asked to quit. */
  async handleLine(rawLine: string): Promise<boolean> {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') return true;
    if (!this.chat.interactive) this.chat.print(`${t.you}: ${line}`);
    if (line.startsWith('/')) return runCommand(this.chat, line.trim());
    await this.chat.send(messageActivity(this.chat.requireSession(), line));
    return true;
  }

  // ---- loops --------------------------------------------------------------------------------------------

  /** Read lines until /quit or end of input. */
  async run(input: NodeJS.ReadableStream): Promise<void> {
    const chat = this.chat;
    const rl = createInterface({
      input,
      output: chat.interactive ? chat.out : undefined,
      terminal: chat.interactive,
      prompt: `${t.you}> `,
    });
    chat.readline = rl;
    if (chat.interactive) rl.prompt();
    for await (const line of rl) {
      chat.busy = true;
      let keepGoing: boolean;
      try {
        keepGoing = await this.handleLine(line);
      } finally {
        chat.busy = false;
      }
      if (!keepGoing) break;
      if (chat.interactive) rl.prompt();
    }
    // End of piped input: let replies still on their way arrive before leaving.
    await this.connector.waitForIdle(this.options.quietMs, Date.now());
  }
}

async function flushAndExit(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  let options: TerminalChatOptions | 'help';
  try {
    options = parseChatArguments(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `${message.startsWith('Thiếu') || message.includes('«') || message.startsWith('Tùy chọn') || message.startsWith('Địa chỉ') ? message : t.badOption(message)}\n\n${t.usage}\n`,
    );
    return 1;
  }
  if (options === 'help') {
    process.stdout.write(`${t.usage}\n`);
    return 0;
  }
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const chat = new TerminalChat(options, process.stdout, interactive);
  try {
    await chat.start();
    await chat.run(process.stdin);
    if (interactive) process.stdout.write(`${t.bye}\n`);
    return !interactive && chat.failures > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof BotUnavailableError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await chat.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => flushAndExit(code),
    (error: unknown) => {
      process.stderr.write(`${t.transportError(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
      void flushAndExit(1);
    },
  );
}
