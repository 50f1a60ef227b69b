// `npm run chat -- --as <email>`: talk to the running bot over HTTP the way Teams (or the Bot Framework
// Emulator) does. Activities go to the bot's /api/messages with `serviceUrl` pointing at a loopback connector
// hosted here, where the bot's replies arrive; they are printed as text, cards rendered with numbered inputs
// and buttons. Interactive on a terminal; with piped stdin each line is a message or a command.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { homedir, tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import {
  adaptiveCardActionActivity,
  attachmentActivity,
  createChatSession,
  createChatUser,
  installActivity,
  invokeActivity,
  isEmail,
  messageActivity,
  submitActivity,
  type ChatSession,
  type OutgoingActivity,
} from './activity-factory.js';
import {
  ADAPTIVE_CARD,
  describeInputValue,
  findAction,
  frameCard,
  findInput,
  gatherInputs,
  parseInputValue,
  renderActivity,
  renderAdaptiveCard,
  type CardActionModel,
  type RenderedView,
} from './card-text-renderer.js';
import { chatTexts as t } from './chat-texts.js';

const FILE_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
};
import { LoopbackConnector, type ReceivedActivity, type UploadedFile } from './loopback-connector.js';

export interface TerminalChatOptions {
  email: string;
  botUrl: string;
  aadObjectId?: string;
  name?: string;
  channelId: string;
  tenantId: string;
  conversationId?: string;
  resume: boolean;
  greeting: boolean;
  quietMs: number;
  timeoutSeconds: number;
  saveDir: string;
  json: boolean;
  /** Where `--resume` ids are kept (default ~/.tro-ly-doi-moi-chat.json). */
  stateFile: string;
  /** Where botUrl came from: said in the banner and in the "cannot reach" message. */
  urlSource?: 'url' | 'port' | 'default';
  /** Show in full the messages the bot sends to other people (by default one labelled line). */
  all?: boolean;
}

/** A failure talking to the bot: the message is already Vietnamese, ready to print. */
export class BotUnavailableError extends Error {}

interface InvokeResult {
  status: number;
  body: unknown;
}

/** The card (or suggested actions) the user acts on with /click and /set. */
interface CurrentView {
  view: RenderedView;
  activityId?: string;
  values: Map<string, string>;
  /** A card shown in a Teams dialog (task module): its Action.Submit sends `task/submit`. */
  dialog?: boolean;
  raw: unknown;
}

/** The first line of a rendered message, without the card frame. */
function summaryOf(view: RenderedView): string {
  const line =
    view.lines
      .filter((l) => !/^[┌└]/.test(l))
      .map((l) => l.replace(/^[│\s]+/, '').trim())
      .find((l) => l.length > 0) ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The bot's address from PORT (as `npm start` reads it), else the default port. */
function defaultBotUrl(): { url: string; source: 'port' | 'default' } {
  const fromEnv = process.env.PORT && /^\d+$/.test(process.env.PORT) ? process.env.PORT : undefined;
  return { url: `http://127.0.0.1:${fromEnv ?? '3978'}/api/messages`, source: fromEnv ? 'port' : 'default' };
}

export function parseChatArguments(argv: string[]): TerminalChatOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      as: { type: 'string' },
      url: { type: 'string' },
      aad: { type: 'string' },
      name: { type: 'string' },
      channel: { type: 'string' },
      tenant: { type: 'string' },
      conversation: { type: 'string' },
      resume: { type: 'boolean', default: false },
      'no-greeting': { type: 'boolean', default: false },
      'quiet-ms': { type: 'string' },
      timeout: { type: 'string' },
      'save-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) return 'help';
  if (!values.as) throw new Error(t.missingEmail);
  if (!isEmail(values.as)) throw new Error(t.badEmail(values.as));
  const fallback = defaultBotUrl();
  const botUrl = values.url ?? fallback.url;
  try {
    const parsed = new URL(botUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new Error(t.badUrl(botUrl));
  }
  const quietMs = values['quiet-ms'] === undefined ? 300 : Number(values['quiet-ms']);
  if (!Number.isInteger(quietMs) || quietMs < 0 || quietMs > 60_000)
    throw new Error(t.badOption('--quiet-ms phải là số nguyên từ 0 đến 60000'));
  const timeoutSeconds = values.timeout === undefined ? 120 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new Error(t.badOption('--timeout phải là số giây lớn hơn 0'));
  if (values.conversation !== undefined && values.conversation.trim() === '') throw new Error(t.badOption('--conversation trống'));
  return {
    email: values.as.trim().toLowerCase(),
    botUrl,
    aadObjectId: values.aad,
    name: values.name,
    channelId: values.channel ?? 'msteams',
    tenantId: values.tenant ?? 'demo-tenant',
    conversationId: values.conversation?.trim(),
    resume: values.resume ?? false,
    greeting: !values['no-greeting'],
    quietMs,
    timeoutSeconds,
    saveDir: values['save-dir'] ?? join(tmpdir(), 'tro-ly-doi-moi-chat'),
    json: values.json ?? false,
    stateFile: join(homedir(), '.tro-ly-doi-moi-chat.json'),
    urlSource: values.url ? 'url' : fallback.source,
    all: values.all ?? false,
  };
}

interface ResumeState {
  conversations: Record<string, { conversationId: string; url: string; updatedAt: string }>;
}

async function readResumeState(file: string): Promise<ResumeState> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (isObject(parsed) && isObject(parsed.conversations)) return parsed as unknown as ResumeState;
  } catch {
    // No file yet, or unreadable: start afresh.
  }
  return { conversations: {} };
}

export class TerminalChat {
  private readonly connector: LoopbackConnector;
  private session?: ChatSession;
  private current?: CurrentView;
  /** Earlier cards with buttons, newest last: `/click <name>` finds a button the person saw a moment ago. */
  private readonly seen: CurrentView[] = [];
  private lastReceived?: unknown;
  private readonly printedUploads = new Set<string>();
  private readline?: Interface;
  private busy = false;
  /** Bot or transport failures seen (non-interactive runs exit 1 if any). */
  failures = 0;

  constructor(
    private readonly options: TerminalChatOptions,
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly interactive = false,
  ) {
    // It shows whatever a bot sends, also what Teams would refuse; the bot's own tests use a strict connector.
    this.connector = new LoopbackConnector({ tenantId: options.tenantId, strictAttachments: false });
  }

  // ---- output -------------------------------------------------------------------------------------------

  private print(text: string): void {
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

  private botName(activity: { from?: { name?: string } }): string {
    return activity.from?.name || this.session?.bot.name || 'Bot';
  }

  private show(view: RenderedView, header: string): void {
    const lines = view.lines;
    if (lines.length === 1 && !lines[0].startsWith('┌')) {
      this.print(`${header}: ${lines[0]}`);
      return;
    }
    this.print([`${header}:`, ...lines.map((l) => `  ${l}`)].join('\n'));
  }

  private makeCurrent(view: RenderedView, activityId: string | undefined, raw: unknown, dialog = false): void {
    if (view.actions.length === 0 && view.inputs.length === 0) return;
    if (this.current) this.seen.push(this.current);
    if (this.seen.length > 20) this.seen.shift();
    this.current = { view, activityId, values: new Map(), dialog, raw };
  }

  /** Who a message in another conversation is for (the bot's notices to other officers pass through here). */
  private recipientOf(received: ReceivedActivity): string | undefined {
    if (!this.session || received.conversationId === this.session.conversationId) return undefined;
    const created = this.connector.createdConversations.find((c) => c.id === received.conversationId);
    const members = Array.isArray(created?.parameters.members) ? (created.parameters.members as { name?: string; id?: string }[]) : [];
    const member = members[0];
    return received.activity.recipient?.name || member?.name || member?.id || received.conversationId;
  }

  private onActivity(received: ReceivedActivity): void {
    const activity = received.activity;
    if (this.options.json) this.print(JSON.stringify(activity, null, 2));
    if (received.operation === 'deleteActivity') {
      this.print(t.botDeleted);
      if (this.current?.activityId === received.activityId) this.current = undefined;
      return;
    }
    if (activity.type !== 'message') return; // typing, events, traces: not shown
    const view = renderActivity(activity, { activityId: received.activityId });
    if (!view) return;
    const recipient = this.recipientOf(received);
    if (recipient) {
      // Meant for someone else: labelled, never the card /click acts on; in full only with --all.
      if (this.options.all) this.show(view, `${this.botName(activity)} ${t.sentTo(recipient)}`);
      else this.print(t.sentToSummary(recipient, summaryOf(view)));
      return;
    }
    this.lastReceived = activity;
    const name = this.botName(activity);
    if (received.operation === 'updateActivity') {
      this.show(view, `${name} (${t.botUpdated})`);
      if (view.actions.length || view.inputs.length || this.current?.activityId === received.activityId) {
        this.makeCurrent(view, received.activityId, activity);
      }
      return;
    }
    this.show(view, name);
    this.makeCurrent(view, received.activityId, activity);
    void this.saveEmbeddedFiles(activity.attachments ?? []);
  }

  /** Files sent inline (`data:` URLs) are written to the save folder so they can be opened. */
  private async saveEmbeddedFiles(attachments: Array<{ contentUrl?: string; name?: string }>): Promise<void> {
    for (const attachment of attachments) {
      const url = attachment.contentUrl;
      if (!url?.startsWith('data:')) continue;
      const comma = url.indexOf(',');
      if (comma < 0) continue;
      const meta = url.slice(5, comma);
      const payload = url.slice(comma + 1);
      const data = meta.endsWith(';base64') ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
      const name = attachment.name ?? 'tep';
      try {
        this.print(t.fileSaved(name, await this.saveFile(name, data)));
      } catch (error) {
        this.print(t.transportError(error instanceof Error ? error.message : String(error)));
      }
    }
  }

  private async onUpload(file: UploadedFile): Promise<void> {
    if (this.printedUploads.has(file.id) || file.data.length === 0) return;
    this.printedUploads.add(file.id);
    try {
      const path = await this.saveFile(file.name, file.data);
      this.print(t.fileSaved(file.name, path));
    } catch (error) {
      this.print(t.transportError(error instanceof Error ? error.message : String(error)));
    }
  }

  private async saveFile(name: string, data: Buffer): Promise<string> {
    await mkdir(this.options.saveDir, { recursive: true });
    const safe = basename(name).replace(/[^\p{L}\p{N}._ -]/gu, '_') || 'tep';
    const path = join(this.options.saveDir, `${randomBytes(3).toString('hex')}-${safe}`);
    await writeFile(path, data);
    return path;
  }

  // ---- talking to the bot -------------------------------------------------------------------------------

  private async post(activity: OutgoingActivity): Promise<InvokeResult> {
    try {
      const { status, text } = await postJson(this.options.botUrl, activity, this.options.timeoutSeconds * 1000);
      let body: unknown;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      return { status, body };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ETIMEDOUT') throw new BotUnavailableError(t.timeout(this.options.timeoutSeconds));
      if (code && ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL'].includes(code)) {
        throw new BotUnavailableError(t.unreachable(this.options.botUrl, this.options.urlSource ?? 'url'));
      }
      throw new BotUnavailableError(t.transportError(error instanceof Error ? error.message : String(error)));
    }
  }

  /** Send one activity, then wait for the bot to go quiet so its replies are printed before what comes next. */
  private async send(activity: OutgoingActivity): Promise<InvokeResult | undefined> {
    let result: InvokeResult;
    try {
      result = await this.post(activity);
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

  // ---- lifecycle ----------------------------------------------------------------------------------------

  async start(): Promise<void> {
    await this.connector.start();
    this.connector.on('activity', (received: ReceivedActivity) => this.onActivity(received));
    this.connector.on('upload', (file: UploadedFile) => void this.onUpload(file));

    const user = createChatUser(this.options.email, {
      aadObjectId: this.options.aadObjectId,
      name: this.options.name,
      tenantId: this.options.tenantId,
    });
    this.connector.addMember(user);

    let conversationId = this.options.conversationId;
    let resumed = false;
    if (!conversationId && this.options.resume) {
      const state = await readResumeState(this.options.stateFile);
      conversationId = state.conversations[user.email]?.conversationId;
      resumed = conversationId !== undefined;
    }
    this.session = createChatSession(user, {
      conversationId,
      serviceUrl: this.connector.serviceUrl,
      channelId: this.options.channelId,
    });
    // A proactive createConversation for this user lands in this chat, as Teams reuses the personal chat.
    this.connector.setPersonalConversation(user.id, this.session.conversationId);

    this.print(t.connecting(this.options.botUrl, this.options.urlSource ?? 'url'));
    if (resumed) this.print(t.resumed(this.session.conversationId));
    if (this.options.greeting && !resumed) {
      await this.send(installActivity(this.session));
    }
    await this.rememberConversation();
    this.print(t.connected(user.email));
  }

  private async rememberConversation(): Promise<void> {
    if (!this.session) return;
    try {
      const state = await readResumeState(this.options.stateFile);
      state.conversations[this.session.user.email] = {
        conversationId: this.session.conversationId,
        url: this.options.botUrl,
        updatedAt: new Date().toISOString(),
      };
      await writeFile(this.options.stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    } catch (error) {
      this.print(t.resumeStoreError(error instanceof Error ? error.message : String(error)));
    }
  }

  async close(): Promise<void> {
    this.readline?.close();
    await this.connector.stop();
  }

  /** Handle one line typed or piped. Returns false when the user asked to quit. */
  async handleLine(rawLine: string): Promise<boolean> {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') return true;
    if (!this.interactive) this.print(`${t.you}: ${line}`);
    if (line.startsWith('/')) return this.command(line.trim());
    await this.send(messageActivity(this.requireSession(), line));
    return true;
  }

  private requireSession(): ChatSession {
    if (!this.session) throw new Error('TerminalChat.start() must be called first');
    return this.session;
  }

  private async command(line: string): Promise<boolean> {
    const [command, ...rest] = line.split(/\s+/);
    const argument = line.slice(command.length).trim();
    switch (command.toLowerCase()) {
      case '/quit':
      case '/exit':
      case '/thoat':
      case '/thoát':
        return false;
      case '/help':
      case '/?':
        this.print(t.help);
        return true;
      case '/json':
        this.print(this.lastReceived ? JSON.stringify(this.lastReceived, null, 2) : t.noCard);
        return true;
      case '/card':
        if (!this.current) this.print(t.noCard);
        else this.reshow();
        return true;
      case '/set':
        this.setInput(rest, argument);
        return true;
      case '/click':
        if (!argument) this.print(t.clickUsage);
        else await this.click(argument);
        return true;
      case '/file':
        if (!argument) this.print(t.fileUsage);
        else await this.sendFile(argument);
        return true;
      default:
        this.print(t.unknownCommand(command));
        return true;
    }
  }

  /** A file sent as the Emulator sends one: hosted on the loopback connector, named by its URL. */
  private async sendFile(path: string): Promise<void> {
    const full = resolve(path.replace(/^~(?=\/)/, homedir()));
    let data: Buffer;
    try {
      data = await readFile(full);
    } catch {
      this.print(t.fileUnreadable(path));
      return;
    }
    const name = basename(full);
    const type = FILE_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
    const url = this.connector.hostAttachment(name, type, data);
    await this.send(attachmentActivity(this.requireSession(), [{ contentType: type, contentUrl: url, name }]));
  }

  private reshow(): void {
    const current = this.current!;
    if (current.view.cards.length === 1 && current.raw === current.view.cards[0]) {
      const view = renderAdaptiveCard(current.raw, { values: current.values, activityId: current.activityId });
      this.print(['Thẻ hiện tại:', ...frameCard(view.lines).map((l) => `  ${l}`)].join('\n'));
      return;
    }
    const view = renderActivity(current.raw as Record<string, unknown>, { values: current.values, activityId: current.activityId });
    if (view) this.show(view, 'Thẻ hiện tại');
  }

  private setInput(parts: string[], argument: string): void {
    if (!this.current) {
      this.print(t.noCard);
      return;
    }
    const key = parts[0];
    if (!key) {
      this.print(t.setUsage);
      return;
    }
    const input = findInput(this.current.view.inputs, key);
    if (!input) {
      this.print(
        t.noSuchInput(
          key,
          this.current.view.inputs.map((i) => i.id),
        ),
      );
      return;
    }
    const raw = argument.slice(key.length).trim();
    const parsed = parseInputValue(input, raw);
    if (!parsed.ok) {
      this.print(parsed.error);
      return;
    }
    const name = input.label ?? input.placeholder ?? input.id;
    this.current.values.set(input.id, parsed.value);
    if (parsed.value === '') this.print(t.inputCleared(name));
    else this.print(t.inputSet(name, describeInputValue(input, parsed.value)));
  }

  private async click(query: string): Promise<void> {
    let current = this.current;
    if (!current) {
      this.print(t.noCard);
      return;
    }
    let action = findAction(current.view.actions, query);
    // A button named (not numbered) that the latest card lacks: the newest earlier card that has it.
    if (!action && !/^\d+$/.test(query)) {
      for (const earlier of [...this.seen].reverse()) {
        const found = findAction(earlier.view.actions, query);
        if (found) {
          current = earlier;
          action = found;
          this.print(t.clickEarlierCard(found.title));
          break;
        }
      }
    }
    if (!action) {
      this.print(t.noSuchAction(query, current.view.actions.length));
      return;
    }
    if (!action.isEnabled) {
      this.print(t.actionDisabled(action.title));
      return;
    }
    if (this.interactive) this.print(t.youClicked(action.title));
    else this.print(`  → ${t.youClicked(action.title)}`);
    switch (action.kind) {
      case 'openUrl':
        this.print(t.openUrl(action.url ?? ''));
        return;
      case 'showCard':
        this.print(t.showCardHint(action.title));
        return;
      case 'execute':
      case 'submit':
        await this.pressCardAction(action, current);
        return;
      case 'cardAction':
        await this.pressBotFrameworkButton(action);
        return;
    }
  }

  private async pressCardAction(action: CardActionModel, current: CurrentView): Promise<void> {
    const gathered = gatherInputs(action, current.view.inputs, current.values);
    if (gathered.missing.length) {
      this.print(
        t.missingRequired(
          gathered.missing.map((i) => i.label ?? i.placeholder ?? i.id),
          action.title,
        ),
      );
      for (const input of gathered.missing) if (input.errorMessage) this.print(`  ${input.errorMessage}`);
      return;
    }
    const session = this.requireSession();
    const hasInputs = Object.keys(gathered.values).length > 0;
    const merge = (data: unknown): unknown =>
      isObject(data) || data === undefined || data === null
        ? { ...(isObject(data) ? data : {}), ...gathered.values }
        : hasInputs
          ? { ...gathered.values }
          : data;

    if (action.kind === 'execute') {
      const activity = adaptiveCardActionActivity(
        session,
        { verb: action.verb, data: merge(action.data), id: action.actionId },
        { replyToId: current.activityId },
      );
      const result = await this.send(activity);
      if (result) this.showInvokeResponse(result.body, current.activityId);
      return;
    }

    // Action.Submit, as Teams sends it.
    const data = action.data;
    const msteams = isObject(data) && isObject(data.msteams) ? data.msteams : undefined;
    if (current.dialog) {
      const result = await this.send(
        invokeActivity(session, 'task/submit', { data: merge(data), context: { theme: 'default' } }, { replyToId: current.activityId }),
      );
      if (result) this.showTaskResponse(result.body);
      return;
    }
    if (msteams) {
      const type = typeof msteams.type === 'string' ? msteams.type : '';
      if (type === 'messageBack') {
        const value = parseMaybeJson(msteams.value);
        if (typeof msteams.displayText === 'string') this.print(`${t.you}: ${msteams.displayText}`);
        await this.send(
          submitActivity(
            session,
            isObject(value) || value === undefined ? { ...(isObject(value) ? value : {}), ...gathered.values } : value,
            {
              replyToId: current.activityId,
              text: typeof msteams.text === 'string' ? msteams.text : undefined,
            },
          ),
        );
        return;
      }
      if (type === 'imBack') {
        await this.send(messageActivity(session, String(msteams.value ?? '')));
        return;
      }
      if (type === 'task/fetch' || (isObject(msteams.value) && msteams.value.type === 'task/fetch')) {
        const result = await this.send(
          invokeActivity(
            session,
            'task/fetch',
            { type: 'task/fetch', data: merge(data), context: { theme: 'default' } },
            {
              replyToId: current.activityId,
            },
          ),
        );
        if (result) this.showTaskResponse(result.body);
        return;
      }
      if (type === 'signin' && typeof msteams.value === 'string') {
        this.print(t.openUrl(msteams.value));
        return;
      }
    }
    await this.send(submitActivity(session, merge(data), { replyToId: current.activityId }));
  }

  private async pressBotFrameworkButton(action: CardActionModel): Promise<void> {
    const session = this.requireSession();
    const replyToId = action.activityId;
    switch (action.type) {
      case 'imBack':
        this.print(`${t.you}: ${String(action.value ?? '')}`);
        await this.send(messageActivity(session, String(action.value ?? '')));
        return;
      case 'postBack':
        await this.send(submitActivity(session, undefined, { text: String(action.value ?? ''), replyToId }));
        return;
      case 'messageBack':
        if (action.displayText) this.print(`${t.you}: ${action.displayText}`);
        await this.send(submitActivity(session, parseMaybeJson(action.value), { text: action.text, replyToId }));
        return;
      case 'invoke': {
        const value = parseMaybeJson(action.value);
        if (isObject(value) && value.type === 'task/fetch') {
          const result = await this.send(invokeActivity(session, 'task/fetch', { ...value, context: { theme: 'default' } }, { replyToId }));
          if (result) this.showTaskResponse(result.body);
          return;
        }
        this.print(t.unsupportedButton(action.type));
        return;
      }
      case 'fileConsent':
        await this.answerFileConsent(action);
        return;
      default:
        this.print(t.unsupportedButton(action.type));
    }
  }

  private async answerFileConsent(action: CardActionModel): Promise<void> {
    const session = this.requireSession();
    const value = isObject(action.value) ? action.value : {};
    const attachment = this.findAttachment(action);
    const name = typeof attachment?.name === 'string' ? attachment.name : 'tep';
    if (value.action === 'decline') {
      this.print(t.fileDeclined(name));
      await this.send(
        invokeActivity(
          session,
          'fileConsent/invoke',
          { type: 'fileUpload', action: 'decline', context: value.context },
          { replyToId: action.activityId },
        ),
      );
      return;
    }
    const slot = this.connector.createUploadSlot(name);
    const dot = name.lastIndexOf('.');
    this.print(t.fileUploadStarted(name));
    await this.send(
      invokeActivity(
        session,
        'fileConsent/invoke',
        {
          type: 'fileUpload',
          action: 'accept',
          context: value.context,
          uploadInfo: {
            contentUrl: slot.contentUrl,
            name,
            uploadUrl: slot.uploadUrl,
            uniqueId: slot.id,
            fileType: dot > 0 ? name.slice(dot + 1) : '',
          },
        },
        { replyToId: action.activityId },
      ),
    );
  }

  private findAttachment(action: CardActionModel): Record<string, unknown> | undefined {
    const raw = this.current?.raw;
    if (!isObject(raw) || action.attachmentIndex === undefined) return undefined;
    const attachments = Array.isArray(raw.attachments) ? raw.attachments : [];
    const attachment = attachments[action.attachmentIndex];
    return isObject(attachment) ? attachment : undefined;
  }

  /** The body of an `adaptiveCard/action` invoke response: a card replaces the old one, or a message. */
  private showInvokeResponse(body: unknown, activityId: string | undefined): void {
    if (!isObject(body)) return;
    const type = typeof body.type === 'string' ? body.type : '';
    const statusCode = typeof body.statusCode === 'number' ? body.statusCode : 200;
    if (type === ADAPTIVE_CARD && isObject(body.value)) {
      const view = renderAdaptiveCard(body.value, { activityId });
      this.print([t.cardRefreshed, ...frameCard(view.lines).map((l) => `  ${l}`)].join('\n'));
      this.current = { view, activityId, values: new Map(), raw: body.value };
      return;
    }
    if (type === 'application/vnd.microsoft.activity.message') {
      this.print(`${this.session?.bot.name ?? 'Bot'}: ${String(body.value ?? '')}`);
      return;
    }
    if (type === 'application/vnd.microsoft.error' || statusCode >= 400) {
      const value = isObject(body.value) ? body.value : {};
      const message = typeof value.message === 'string' ? value.message : `HTTP ${statusCode}`;
      this.failures += 1;
      this.print(t.botError(message));
    }
  }

  /** The body of a `task/fetch` or `task/submit` response: a dialog with a card or a URL, or a message. */
  private showTaskResponse(body: unknown): void {
    const task = isObject(body) && isObject(body.task) ? body.task : undefined;
    if (!task) return;
    if (task.type === 'message') {
      this.print(`${this.session?.bot.name ?? 'Bot'}: ${String(task.value ?? '')}`);
      return;
    }
    const value = isObject(task.value) ? task.value : {};
    const title = typeof value.title === 'string' ? value.title : undefined;
    const card = isObject(value.card) ? value.card : undefined;
    if (card && isObject(card.content)) {
      const view = renderAdaptiveCard(card.content);
      this.print([t.dialog(title), ...frameCard(view.lines, 'Hộp thoại').map((l) => `  ${l}`)].join('\n'));
      this.current = { view, values: new Map(), dialog: true, raw: card.content };
      return;
    }
    if (typeof value.url === 'string') this.print(t.dialogUrl(value.url));
  }

  // ---- loops --------------------------------------------------------------------------------------------

  /** Read lines until /quit or end of input. */
  async run(input: NodeJS.ReadableStream): Promise<void> {
    const rl = createInterface({
      input,
      output: this.interactive ? this.out : undefined,
      terminal: this.interactive,
      prompt: `${t.you}> `,
    });
    this.readline = rl;
    if (this.interactive) rl.prompt();
    for await (const line of rl) {
      this.busy = true;
      let keepGoing: boolean;
      try {
        keepGoing = await this.handleLine(line);
      } finally {
        this.busy = false;
      }
      if (!keepGoing) break;
      if (this.interactive) rl.prompt();
    }
    // End of piped input: let replies still on their way arrive before leaving.
    await this.connector.waitForIdle(this.options.quietMs, Date.now());
  }
}

/** POST a JSON body with node:http(s) (no fetch: it refuses some ports) and return the status and text. */
function postJson(url: string, body: unknown, timeoutMs: number): Promise<{ status: number; text: string }> {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(payload.length) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(payload);
  });
}

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
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
