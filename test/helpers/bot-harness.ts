// Starts the real bot (restify, teams-ai, TypeORM) on a fresh database with a loopback Bot Connector,
// and lets a test talk to it over HTTP as a Teams user would.
import type { ConnectorActivity } from '../../tools/chat/connector-types.js';
import { LoopbackConnector } from '../../tools/chat/loopback-connector.js';
import {
  adaptiveCardActionActivity,
  createChatSession,
  createChatUser,
  installActivity,
  invokeActivity,
  messageActivity,
  submitActivity,
  type ChatSession,
} from '../../tools/chat/activity-factory.js';
import type { AppConfig } from '../../bot/config.js';
import { fromSafeMarkdown } from '../../bot/core/safe-markdown.js';
import { loadConfiguration } from '../../bot/configuration.js';
import { buildContainer } from '../../bot/container.js';
import type { Feature } from '../../bot/features.js';
import { startBotServer, type BotServer } from '../../bot/server.js';
import { clearProposals, openTestDatabase, type TestDatabase } from './test-database.js';

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Fills the directory (or anything else) before the server starts. */
  seed?: (db: TestDatabase) => Promise<void>;
  features?: Feature[];
  /** Reuse a database (e.g. to simulate a restart); it is not disposed by close(). */
  db?: TestDatabase;
}

export interface InvokeResult {
  status: number;
  body: { statusCode?: number; type?: string; value?: unknown } | undefined;
}

export class TestUser {
  constructor(
    readonly harness: BotHarness,
    readonly session: ChatSession,
  ) {}

  get conversationId(): string {
    return this.session.conversationId;
  }

  /** Posts an activity and returns the HTTP status and the messages the bot sent during the turn. */
  async post(activity: object): Promise<{ status: number; body: unknown; replies: ConnectorActivity[] }> {
    const before = this.harness.connector.lastSeq;
    const res = await fetch(`${this.harness.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    // Notifications leave after the turn has answered: let them arrive before the test looks.
    await this.harness.server.container.notifier.idle();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const replies = this.harness.connector.activities
      .filter((a) => a.seq > before && a.conversationId === this.conversationId && a.activity.type === 'message')
      .map((a) => a.activity);
    return { status: res.status, body, replies };
  }

  /** Says something; returns the bot's replies (text and cards). */
  async say(text: string): Promise<ConnectorActivity[]> {
    const { status, replies } = await this.post(messageActivity(this.session, text));
    if (status !== 200) throw new Error(`POST /api/messages answered ${status}`);
    return replies;
  }

  async install(): Promise<ConnectorActivity[]> {
    return (await this.post(installActivity(this.session))).replies;
  }

  async submit(value: Record<string, unknown>): Promise<ConnectorActivity[]> {
    return (await this.post(submitActivity(this.session, value))).replies;
  }

  /** Answers a Teams file-consent card (accept: with an upload slot of the connector, as Teams gives one). */
  async answerFileConsent(
    consent: { activityId?: string; name?: string; content: Record<string, unknown> },
    accept: boolean,
  ): Promise<{ status: number; replies: ConnectorActivity[]; upload?: { id: string } }> {
    const name = consent.name ?? 'tep';
    const slot = accept ? this.harness.connector.createUploadSlot(name) : undefined;
    const value = {
      type: 'fileUpload',
      action: accept ? 'accept' : 'decline',
      context: accept ? consent.content.acceptContext : consent.content.declineContext,
      ...(slot
        ? {
            uploadInfo: {
              contentUrl: slot.contentUrl,
              name,
              uploadUrl: slot.uploadUrl,
              uniqueId: slot.id,
              fileType: name.split('.').pop(),
            },
          }
        : {}),
    };
    const { status, replies } = await this.post(
      invokeActivity(this.session, 'fileConsent/invoke', value, { replyToId: consent.activityId }),
    );
    return { status, replies, ...(slot ? { upload: { id: slot.id } } : {}) };
  }

  /** Presses an Action.Execute button; returns the invoke response and any messages sent meanwhile. */
  async execute(verb: string, data: Record<string, unknown> = {}): Promise<InvokeResult & { replies: ConnectorActivity[] }> {
    const { status, body, replies } = await this.post(adaptiveCardActionActivity(this.session, { verb, data }));
    return { status, body: body as InvokeResult['body'], replies };
  }
}

export class BotHarness {
  constructor(
    readonly server: BotServer,
    readonly db: TestDatabase,
    readonly connector: LoopbackConnector,
    readonly config: AppConfig,
    private readonly ownsDb: boolean,
  ) {}

  get url(): string {
    return this.server.url;
  }

  /** A Teams user; registered in the connector's roster so the bot can look up their email. */
  user(email: string, options: { aadObjectId?: string; name?: string; conversationId?: string } = {}): TestUser {
    const user = createChatUser(email, { aadObjectId: options.aadObjectId, name: options.name });
    if (!this.connector.findMember(user.id)) {
      this.connector.addMember({ id: user.id, name: user.name, aadObjectId: user.aadObjectId, email, upn: email });
    }
    const session = createChatSession(user, { serviceUrl: this.connector.serviceUrl, conversationId: options.conversationId });
    return new TestUser(this, session);
  }

  /** The texts of the messages the bot sent into these conversations. */
  messagesIn(conversationIds: readonly string[]): string[] {
    return this.connector.activities
      .filter((a) => conversationIds.includes(a.conversationId) && a.activity.type === 'message')
      .map((a) => allText([a.activity]));
  }

  /** What the bot sent into the 1:1 conversations it created for this AAD object id. */
  createdFor(aadObjectId: string): string[] {
    const ids = this.connector.createdConversations
      .filter((c) => ((c.parameters.members as { aadObjectId?: string }[] | undefined) ?? []).some((m) => m.aadObjectId === aadObjectId))
      .map((c) => c.id);
    return this.messagesIn(ids);
  }

  /** Everything the bot sent a person: the conversations it created for them and the one they use. */
  async inbox(email: string, aadObjectId: string): Promise<string[]> {
    const rows = (await this.db.dataSource.query(
      `SELECT a.conversation_reference->'conversation'->>'id' AS id FROM channel_account a JOIN officer o ON o.id = a.officer_id WHERE o.email = $1`,
      [email],
    )) as { id: string | null }[];
    return [...this.createdFor(aadObjectId), ...this.messagesIn(rows.map((r) => r.id).filter((x): x is string => !!x))];
  }

  /** For tests that share one harness: each test then starts as on a fresh bot (test-database.ts). */
  async clearProposals(): Promise<void> {
    await clearProposals(this.db);
  }

  /** Stops the server; keeps the database when it was given to the harness. */
  async close(): Promise<void> {
    await this.server.close();
    await this.connector.stop();
    if (this.ownsDb) await this.db.dispose();
  }
}

/**
 * The environment of a test server: a free port on loopback, quiet, no demo, Bot Framework authentication
 * off (the loopback connector is the Emulator's part); a test adds what it needs.
 */
export function testEnvironment(env: Record<string, string> = {}): Record<string, string> {
  return { PORT: '0', HOST: '127.0.0.1', TYPING_INDICATOR: 'false', LOG_LEVEL: 'silent', DEMO_MODE: 'false', BOT_AUTH: 'off', ...env };
}

export async function startHarness(options: HarnessOptions = {}): Promise<BotHarness> {
  const connector = await new LoopbackConnector().start();
  const db = options.db ?? (await openTestDatabase());
  try {
    if (options.seed) await options.seed(db);
    const configuration = loadConfiguration(testEnvironment(options.env));
    const container = buildContainer({ configuration, db, ...(options.features ? { features: options.features } : {}) });
    const server = await startBotServer(container);
    return new BotHarness(server, db, connector, configuration.app, !options.db);
  } catch (err) {
    await connector.stop();
    if (!options.db) await db.dispose();
    throw err;
  }
}

/**
 * A bot in demo mode whose directory (filled by `seed`) is all marked demo: the web face's demo sign-in
 * accepts demo officers only.
 */
export function startDemoHarness(env: Record<string, string>, seed: (db: TestDatabase) => Promise<unknown>): Promise<BotHarness> {
  return startHarness({
    env: { DEMO_MODE: 'true', ...env },
    seed: async (db) => {
      await seed(db);
      await db.dataSource.query(`UPDATE officer SET is_demo = true`);
    },
  });
}

/** The text of a reply, or of its first Adaptive Card's TextBlocks, for assertions. */
export function replyText(activity: ConnectorActivity): string {
  const parts: string[] = [];
  // Teams texts are escaped markdown: assertions read them as the officer sees them.
  if (activity.text) parts.push(activity.textFormat === 'markdown' ? fromSafeMarkdown(activity.text) : activity.text);
  for (const attachment of activity.attachments ?? []) {
    collectText(attachment.content, parts);
  }
  return parts.join('\n');
}

function collectText(node: unknown, parts: string[]): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectText(item, parts);
    return;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.text === 'string') parts.push(record.text);
  // A link button reads as "title: url", as a text channel shows it.
  if (typeof record.title === 'string')
    parts.push(record.type === 'Action.OpenUrl' && typeof record.url === 'string' ? `${record.title}: ${record.url}` : record.title);
  if (typeof record.value === 'string' && record.type === undefined) parts.push(record.value);
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'text' && key !== 'title' && typeof value === 'object') collectText(value, parts);
  }
}

/** The file a reply offers by link: the name on its card and the URL of its Action.OpenUrl. */
export function fileLinkOf(activities: ConnectorActivity[]): { name: string; url: string } | undefined {
  for (const activity of activities) {
    for (const attachment of activity.attachments ?? []) {
      const card = attachment.content as { body?: { text?: string }[]; actions?: { type?: string; url?: string }[] } | undefined;
      const open = card?.actions?.find((a) => a.type === 'Action.OpenUrl' && a.url?.includes('/files/'));
      const name = card?.body?.map((b) => b.text ?? '').find((t) => t.startsWith('📄'));
      if (open?.url && name) return { name: name.replace(/^📄 /, '').replace(/\\(.)/g, '$1'), url: open.url };
    }
  }
  return undefined;
}

/** The Teams file-consent card among the replies, with the id of the activity that carried it. */
export function fileConsentOf(
  activities: ConnectorActivity[],
): { activityId?: string; name?: string; content: Record<string, unknown> } | undefined {
  for (const activity of activities) {
    const a = activity.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    if (a) return { activityId: activity.id, name: a.name, content: a.content as Record<string, unknown> };
  }
  return undefined;
}

export function allText(activities: ConnectorActivity[]): string {
  return activities.map(replyText).join('\n');
}
