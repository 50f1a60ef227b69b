// What every part of one terminal chat shares: its options, the screen it prints on, the session with the bot
// and the way to send to it, and the cards on screen that /click and /set act on.
import type { Interface } from 'node:readline';
import type { ChatSession, OutgoingActivity } from './activity-factory.js';
import { BotUnavailableError, postToBot, type InvokeResult } from './bot-endpoint.js';
import type { RenderedView } from './card-model.js';
import type { TerminalChatOptions } from './chat-arguments.js';
import { chatTexts as t } from './chat-texts.js';
import type { LoopbackConnector } from './loopback-connector.js';

/** The card (or suggested actions) the user acts on with /click and /set. */
export interface CurrentView {
  view: RenderedView;
  activityId?: string;
  values: Map<string, string>;
  /** A card shown in a Teams dialog (task module): its Action.Submit sends `task/submit`. */
  dialog?: boolean;
  raw: unknown;
}

export class ChatContext {
  session?: ChatSession;
  current?: CurrentView;
  /** Earlier cards with buttons, newest last: `/click <name>` finds a button the person saw a moment ago. */
  readonly seen: CurrentView[] = [];
  lastReceived?: unknown;
  readonly printedUploads = new Set<string>();
  readline?: Interface;
  busy = false;
  /** Bot or transport failures seen (non-interactive runs exit 1 if any). */
  failures = 0;

  constructor(
    readonly options: TerminalChatOptions,
    readonly connector: LoopbackConnector,
    readonly out: NodeJS.WritableStream,
    readonly interactive: boolean,
  ) {}

  // ---- output -------------------------------------------------------------------------------------------

  print(text: string): void {
    const rl = this.readline;
    if (rl && this.interactive && !this.busy) {
      // A message arriving while the user is typing: print above the prompt, then redraw it.
      (this.out as NodeJS.WriteStream).write('\r\x1b[K');
      this.out.write(`${text}\n`);
      rl.prompt(true);
      return;
    }
    this.out.write(`${text}\n`);
  }

  botName(activity: { from?: { name?: string } }): string {
    return activity.from?.name || this.session?.bot.name || 'Bot';
  }

  show(view: RenderedView, header: string): void {
    const lines = view.lines;
    if (lines.length === 1 && !lines[0].startsWith('┌')) {
      this.print(`${header}: ${lines[0]}`);
      return;
    }
    this.print([`${header}:`, ...lines.map((l) => `  ${l}`)].join('\n'));
  }

  makeCurrent(view: RenderedView, activityId: string | undefined, raw: unknown, dialog = false): void {
    if (view.actions.length === 0 && view.inputs.length === 0) return;
    if (this.current) this.seen.push(this.current);
    if (this.seen.length > 20) this.seen.shift();
    this.current = { view, activityId, values: new Map(), dialog, raw };
  }

  requireSession(): ChatSession {
    if (!this.session) throw new Error('TerminalChat.start() must be called first');
    return this.session;
  }

  // ---- talking to the bot -------------------------------------------------------------------------------

  /** Send one activity, then wait for the bot to go quiet so its replies are printed before what comes next. */
  async send(activity: OutgoingActivity): Promise<InvokeResult | undefined> {
    let result: InvokeResult;
    try {
      result = await postToBot(this.options, activity);
    } finally {
      await this.connector.waitForIdle(this.options.quietMs, Date.now());
    }
    if (result.status === 401 || result.status === 403) {
      throw new BotUnavailableError(t.unauthorized);
    }
    if (result.status < 200 || result.status >= 300) {
      this.failures += 1;
      this.print(t.httpError(result.status));
      return undefined;
    }
    return result;
  }
}
