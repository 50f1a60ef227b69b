// A loopback fake of the Zalo APIs (OA Open API, OAuth token refresh, Bot Platform) over node:http:
// records every call, enforces tokens like Zalo does, and answers any error code on demand.
// Also: a server harness with the Zalo routes, and simulated Zalo users who post signed webhooks.
import http from 'node:http';
import { LoopbackConnector } from '../../tools/chat/loopback-connector.js';
import { loadConfiguration } from '../../bot/configuration.js';
import { buildContainer } from '../../bot/container.js';
import type { Feature } from '../../bot/features.js';
import { startBotServer } from '../../bot/server.js';
import { zaloRoute } from '../../bot/zalo/zalo-routes.js';
import type { ZaloRuntime } from '../../bot/zalo/zalo-runtime.js';
import type { FallbackDelivery } from '../../services/zalo/zalo-outbox-service.js';
import { oaSignature } from '../../services/zalo/zalo-signature.js';
import { ZaloLinkService } from '../../services/zalo/zalo-link-service.js';
import { Officer } from '../../entities/officer.entity.js';
import { BotHarness, testEnvironment } from './bot-harness.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';
import { seedTestDirectory } from './test-directory.js';
import { registerFeatures } from '../../bot/features.js';
import { LoopbackServer } from './loopback-server.js';

export interface FakeCall {
  /** template_uid: OA `/v3.0/oa/message/template`; template_phone: business API `/message/template`. */
  api: 'oa' | 'oauth' | 'bot' | 'template_uid' | 'template_phone';
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON (oa, bot) or form fields (oauth). */
  body: Record<string, unknown>;
  /** What the fake answered. */
  answer: Record<string, unknown>;
}

export interface OaSentMessage {
  userId: string;
  replyTo?: string;
  text: string;
  buttons: { title: string; type: string; payload: string }[];
  accessToken: string;
}

export const FAKE_APP_SECRET = 'test-app-secret-not-real';
export const FAKE_BOT_TOKEN = '1234567890:fake-bot-token-not-real';

export class FakeZalo extends LoopbackServer {
  readonly calls: FakeCall[] = [];
  /** Access tokens the OA API accepts; the OAuth endpoint rotates them. */
  readonly validAccessTokens = new Set<string>(['access-0']);
  /** The one refresh token that works (single use, like Zalo's). */
  validRefreshToken = 'refresh-0';
  private issued = 0;
  private messageSeq = 0;
  private readonly oaFailures: number[] = [];
  private readonly botFailures: { code: number; description: string }[] = [];
  private readonly templateFailures: number[] = [];
  /** OA consultation failures for one user only (the other users' messages go through). */
  private readonly oaFailuresFor = new Map<string, number[]>();
  /** Makes the OAuth endpoint refuse. */
  oauthDown = false;
  /** Files users "sent" (Zalo hosts them and puts their URL in user_send_file); each download is counted. */
  readonly files = new Map<string, Buffer>();
  fileDownloads = 0;

  /** Hosts a file as Zalo's file servers do; returns the URL a user_send_file event carries. */
  hostFile(name: string, body: Buffer): string {
    const path = `/f/${this.files.size + 1}/${encodeURIComponent(name)}`;
    this.files.set(path, body);
    return `${this.url}${path}`;
  }

  /** The next `times` OA sends answer `{error: code}` (before token checks). */
  oaFailNext(code: number, times = 1): void {
    for (let i = 0; i < times; i++) this.oaFailures.push(code);
  }

  /** The next OA consultation message to this user answers `{error: code}`. */
  oaFailNextFor(userId: string, code: number): void {
    this.oaFailuresFor.set(userId, [...(this.oaFailuresFor.get(userId) ?? []), code]);
  }

  /** The next `times` template sends (by user id or phone) answer `{error: code}`. */
  templateFailNext(code: number, times = 1): void {
    for (let i = 0; i < times; i++) this.templateFailures.push(code);
  }

  botFailNext(code: number, description = 'error', times = 1): void {
    for (let i = 0; i < times; i++) this.botFailures.push({ code, description });
  }

  /** Expires every access token: the next OA call gets -216. */
  expireAccessTokens(): void {
    this.validAccessTokens.clear();
  }

  callsOf(api: FakeCall['api']): FakeCall[] {
    return this.calls.filter((c) => c.api === api);
  }

  /** OA messages that Zalo accepted. */
  oaDelivered(userId?: string): OaSentMessage[] {
    return this.callsOf('oa')
      .filter((c) => c.answer.error === 0)
      .map((c) => toOaMessage(c))
      .filter((m) => !userId || m.userId === userId);
  }

  botDelivered(chatId?: string): { chatId: string; text: string }[] {
    return this.callsOf('bot')
      .filter((c) => c.answer.ok === true)
      .map((c) => ({ chatId: String(c.body.chat_id), text: String(c.body.text) }))
      .filter((m) => !chatId || m.chatId === chatId);
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '';
    const file = req.method === 'GET' ? this.files.get(path) : undefined;
    if (file) {
      this.fileDownloads++;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.length });
      res.end(file);
      return;
    }
    const reply = (answer: Record<string, unknown>, call: Omit<FakeCall, 'answer'>) => {
      this.calls.push({ ...call, answer });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    };
    if (req.method === 'POST' && path === '/v3.0/oa/message/cs') {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const call = { api: 'oa' as const, path, headers: req.headers, body };
      const failure =
        this.oaFailures.shift() ?? this.oaFailuresFor.get(String((body.recipient as { user_id?: unknown })?.user_id))?.shift();
      if (failure !== undefined) return reply({ error: failure, message: `fake error ${failure}` }, call);
      const token = req.headers.access_token;
      if (typeof token !== 'string' || !this.validAccessTokens.has(token))
        return reply({ error: -216, message: 'Access token is invalid' }, call);
      const message = body.message as Record<string, unknown> | undefined;
      const text = message?.text;
      if (typeof text !== 'string' || text.length === 0 || text.length > 2000) return reply({ error: -201, message: 'invalid text' }, call);
      return reply(
        {
          error: 0,
          message: 'Success',
          data: { message_id: `oa-msg-${++this.messageSeq}`, user_id: (body.recipient as { user_id: string }).user_id },
        },
        call,
      );
    }
    if (req.method === 'POST' && (path === '/v3.0/oa/message/template' || path === '/message/template')) {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const byPhone = path === '/message/template';
      const call = { api: byPhone ? ('template_phone' as const) : ('template_uid' as const), path, headers: req.headers, body };
      const failure = this.templateFailures.shift();
      if (failure !== undefined) return reply({ error: failure, message: `fake error ${failure}` }, call);
      const token = req.headers.access_token;
      if (typeof token !== 'string' || !this.validAccessTokens.has(token))
        return reply({ error: -216, message: 'Access token is invalid' }, call);
      const data = body.template_data;
      const fieldsOk =
        typeof body.template_id === 'string' &&
        /^\d+$/.test(body.template_id) &&
        !!data &&
        typeof data === 'object' &&
        Object.values(data).every((v) => typeof v === 'string') &&
        (byPhone
          ? typeof body.phone === 'string' && /^84\d{9,10}$/.test(body.phone) && typeof body.tracking_id === 'string'
          : typeof body.user_id === 'string');
      if (!fieldsOk) return reply({ error: -201, message: 'invalid parameters' }, call);
      return reply({ error: 0, message: 'Success', data: { msg_id: `tpl-msg-${++this.messageSeq}`, sent_time: String(Date.now()) } }, call);
    }
    if (req.method === 'POST' && path === '/v4/oa/access_token') {
      const form = Object.fromEntries(new URLSearchParams(raw));
      const call = { api: 'oauth' as const, path, headers: req.headers, body: form };
      if (
        this.oauthDown ||
        req.headers.secret_key !== FAKE_APP_SECRET ||
        form.grant_type !== 'refresh_token' ||
        form.refresh_token !== this.validRefreshToken
      ) {
        return reply({ error: -14014, error_name: 'Invalid refresh token', error_description: 'refresh token is invalid' }, call);
      }
      this.issued++;
      const access = `access-${this.issued}`;
      const refresh = `refresh-${this.issued}`;
      this.validAccessTokens.clear();
      this.validAccessTokens.add(access);
      this.validRefreshToken = refresh;
      return reply({ access_token: access, refresh_token: refresh, expires_in: '90000' }, call);
    }
    const bot = /^\/bot([^/]+)\/sendMessage$/.exec(path);
    if (req.method === 'POST' && bot) {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const call = { api: 'bot' as const, path: '/bot<token>/sendMessage', headers: req.headers, body };
      if (decodeURIComponent(bot[1]) !== FAKE_BOT_TOKEN) return reply({ ok: false, error_code: 401, description: 'Unauthorized' }, call);
      const failure = this.botFailures.shift();
      if (failure) return reply({ ok: false, error_code: failure.code, description: failure.description }, call);
      return reply({ ok: true, result: { message_id: `bot-msg-${++this.messageSeq}`, date: Date.now() } }, call);
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: -404, message: 'not found' }));
  }
}

function toOaMessage(c: FakeCall): OaSentMessage {
  const recipient = c.body.recipient as { user_id: string; message_id?: string };
  const message = c.body.message as { text: string; attachment?: { payload?: { buttons?: OaSentMessage['buttons'] } } };
  return {
    userId: recipient.user_id,
    replyTo: recipient.message_id,
    text: message.text,
    buttons: message.attachment?.payload?.buttons ?? [],
    accessToken: String(c.headers.access_token),
  };
}

// ---- the server with Zalo routes ---------------------------------------------------------------

export const TEST_OA_APP_ID = '360846524940903967';
export const TEST_OA_SECRET_KEY = 'TEST_OA_SECRET_KEY_not_real';
export const TEST_BOT_SECRET = 'test-bot-secret-token';
export const TEST_ENCRYPTION_KEY = 'a'.repeat(16) + 'b'.repeat(16) + 'c'.repeat(16) + 'd'.repeat(16);

export function zaloEnv(fake: FakeZalo, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ZALO_OA_APP_ID: TEST_OA_APP_ID,
    ZALO_OA_SECRET_KEY: TEST_OA_SECRET_KEY,
    ZALO_APP_SECRET: FAKE_APP_SECRET,
    ZALO_OA_ACCESS_TOKEN: 'access-0',
    ZALO_OA_REFRESH_TOKEN: 'refresh-0',
    ZALO_TOKEN_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ZALO_API_BASE_URL: fake.url,
    ZALO_OAUTH_BASE_URL: fake.url,
    ZALO_BOT_TOKEN: FAKE_BOT_TOKEN,
    ZALO_BOT_SECRET: TEST_BOT_SECRET,
    ZALO_BOT_API_BASE_URL: fake.url,
    ZALO_BUSINESS_API_BASE_URL: fake.url,
    ...overrides,
  };
}

export interface ZaloHarnessOptions {
  fake: FakeZalo;
  /** ZALO_* variables (default: zaloEnv(fake)). */
  env?: Record<string, string>;
  seed?: (db: TestDatabase) => Promise<void>;
  db?: TestDatabase;
  features?: Feature[];
  fallback?: FallbackDelivery;
  startWorker?: boolean;
}

export class ZaloHarness {
  constructor(
    readonly h: BotHarness,
    readonly runtime: ZaloRuntime,
    readonly fake: FakeZalo,
    private readonly zenv: Record<string, string>,
  ) {}

  get url(): string {
    return this.h.url;
  }

  get db(): TestDatabase {
    return this.h.db;
  }

  async postOa(raw: Buffer | string, signature: string | undefined): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== undefined) headers['x-zevent-signature'] = signature;
    return post(`${this.url}/api/zalo/oa`, headers, raw);
  }

  async postBot(raw: Buffer | string, secret: string | undefined): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret !== undefined) headers['x-bot-api-secret-token'] = secret;
    return post(`${this.url}/api/zalo/bot`, headers, raw);
  }

  /** Signs a body as Zalo would, with the configured app id and secret. */
  signOa(raw: Buffer | string): string {
    const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
    const timestamp = /"timestamp":"(\d+)"/.exec(bytes.toString('utf8'))?.[1] ?? '';
    return `mac=${oaSignature(this.zenv.ZALO_OA_APP_ID, bytes, timestamp, this.zenv.ZALO_OA_SECRET_KEY)}`;
  }

  /** Waits for the turn, the notifications it caused (they leave after it) and the Zalo sender. */
  async settle(): Promise<void> {
    await this.runtime.idle();
    await this.h.server.container.notifier.idle();
    await this.runtime.idle();
  }

  oaUser(userId: string): ZaloOaUser {
    return new ZaloOaUser(this, userId);
  }

  botUser(userId: string): ZaloBotUser {
    return new ZaloBotUser(this, userId);
  }

  async close(): Promise<void> {
    await this.h.close();
  }
}

let msgSeq = 0;
/** A message id like Zalo's (hex), unique in the test process. */
export function newMsgId(): string {
  return `${Date.now().toString(16)}${(++msgSeq).toString(16).padStart(6, '0')}`;
}

export class ZaloOaUser {
  constructor(
    readonly z: ZaloHarness,
    readonly userId: string,
  ) {}

  body(text: string, msgId = newMsgId()): string {
    return JSON.stringify({
      app_id: TEST_OA_APP_ID,
      sender: { id: this.userId },
      recipient: { id: '388613280878808645' },
      user_id_by_app: '552177279717587730',
      event_name: 'user_send_text',
      message: { text, msg_id: msgId },
      timestamp: String(Date.now()),
    });
  }

  /** A user_send_file event, in the shape Zalo's webhook sends it (message.attachments[].payload.url). */
  fileBody(file: { url: string; name: string; size: number }, msgId = newMsgId()): string {
    return JSON.stringify({
      app_id: TEST_OA_APP_ID,
      sender: { id: this.userId },
      recipient: { id: '388613280878808645' },
      user_id_by_app: '552177279717587730',
      event_name: 'user_send_file',
      message: {
        msg_id: msgId,
        attachments: [
          {
            type: 'file',
            payload: { url: file.url, name: file.name, size: String(file.size), checksum: 'a1b2c3', type: file.name.split('.').pop() },
          },
        ],
      },
      timestamp: String(Date.now()),
    });
  }

  /** Sends a file message; returns the OA messages sent back. */
  async sendFile(file: { url: string; name: string; size: number }): Promise<OaSentMessage[]> {
    return this.post(this.fileBody(file));
  }

  /** Sends a text (or a button payload), waits for the worker, returns the OA messages sent back. */
  async say(text: string, msgId = newMsgId()): Promise<OaSentMessage[]> {
    return this.post(this.body(text, msgId));
  }

  private async post(raw: string): Promise<OaSentMessage[]> {
    const before = this.z.fake.callsOf('oa').length;
    const res = await this.z.postOa(raw, this.z.signOa(raw));
    if (res.status !== 200) throw new Error(`POST /api/zalo/oa answered ${res.status}`);
    await this.z.settle();
    return this.z.fake
      .callsOf('oa')
      .slice(before)
      .filter((c) => c.answer.error === 0)
      .map(toOaMessage)
      .filter((m) => m.userId === this.userId);
  }
}

export class ZaloBotUser {
  constructor(
    readonly z: ZaloHarness,
    readonly userId: string,
  ) {}

  body(text: string, messageId = newMsgId()): string {
    return JSON.stringify({
      ok: true,
      result: {
        message: {
          from: { id: this.userId, display_name: 'Cán bộ', is_bot: false },
          chat: { id: this.userId, chat_type: 'PRIVATE' },
          text,
          message_id: messageId,
          date: Date.now(),
        },
        event_name: 'message.text.received',
      },
    });
  }

  async say(text: string, messageId = newMsgId(), body = this.body(text, messageId)): Promise<string[]> {
    const before = this.z.fake.callsOf('bot').length;
    const res = await this.z.postBot(body, TEST_BOT_SECRET);
    if (res.status !== 200) throw new Error(`POST /api/zalo/bot answered ${res.status}`);
    await this.z.settle();
    return this.z.fake
      .callsOf('bot')
      .slice(before)
      .filter((c) => c.answer.ok === true && String(c.body.chat_id) === this.userId)
      .map((c) => String(c.body.text));
  }
}

async function post(
  url: string,
  headers: Record<string, string>,
  raw: Buffer | string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const target = new URL(url);
  const data = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: 'POST', headers: { ...headers, 'content-length': String(data.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown> = {};
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          body = { text };
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** The real bot server with the Zalo routes (and a loopback Bot Connector for Teams users). */
export async function startZaloHarness(options: ZaloHarnessOptions): Promise<ZaloHarness> {
  const connector = await new LoopbackConnector().start();
  const db = options.db ?? (await openTestDatabase());
  const zenv = options.env ?? zaloEnv(options.fake);
  try {
    if (options.seed) await options.seed(db);
    const configuration = loadConfiguration(testEnvironment(zenv));
    const container = buildContainer({
      configuration,
      db,
      zaloPollMs: 0,
      ...(options.features ? { features: options.features } : {}),
      ...('fallback' in options ? { zaloFallback: options.fallback ?? null } : {}),
    });
    const server = await startBotServer(container, { routes: [zaloRoute], startZaloWorker: options.startWorker });
    const config = configuration.app;
    const runtime = container.zalo;
    return new ZaloHarness(new BotHarness(server, db, connector, config, !options.db), runtime!, options.fake, zenv);
  } catch (err) {
    await connector.stop();
    if (!options.db) await db.dispose();
    throw err;
  }
}

/**
 * The usual start of a Zalo test file: the fake started, then a harness on the test directory with every
 * feature; `env` is added to zaloEnv(fake). Stop both with stopZaloTestBot.
 */
export async function startZaloTestBot(fake: FakeZalo, env: Record<string, string> = {}): Promise<ZaloHarness> {
  await fake.start();
  return startZaloHarness({
    fake,
    env: zaloEnv(fake, env),
    seed: (db) => seedTestDirectory(db.dataSource),
    features: [registerFeatures],
  });
}

export async function stopZaloTestBot(z: ZaloHarness | undefined, fake: FakeZalo): Promise<void> {
  await z?.close();
  await fake.stop();
}

/** Links a directory officer to a Zalo user as a person does: a one-time code, sent as “LIÊN KẾT <mã>”. */
export async function linkOverZalo(z: ZaloHarness, say: (text: string) => Promise<unknown>, email: string): Promise<void> {
  const officer = await z.db.dataSource.getRepository(Officer).findOneByOrFail({ email });
  await say(`LIÊN KẾT ${await new ZaloLinkService(z.db.dataSource).issue(officer.id, 10)}`);
}
