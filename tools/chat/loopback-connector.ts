// A loopback Bot Connector service: the HTTP endpoint a bot calls back (the activity's `serviceUrl`) to send,
// update and delete messages, read the Teams roster, create conversations and upload attachments.
// The terminal chat uses it as the Teams side of a conversation; tests use it as the stub connector that
// records every call and can simulate failures (status codes, delays).
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/** A member of the (simulated) Teams roster, as `TeamsInfo.getMember` returns it. */
export interface RosterMember {
  /** Teams user id (`29:…`). */
  id: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
  userRole?: string;
}

/** What a test registers: `upn` is accepted as a short alias of `userPrincipalName`. */
export type RosterMemberInput = RosterMember & { upn?: string };

export type ConnectorOperation =
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'sendConversationHistory'
  | 'getConversations'
  | 'createConversation'
  | 'getConversationMembers'
  | 'getConversationMember'
  | 'getConversationPagedMembers'
  | 'deleteConversationMember'
  | 'getActivityMembers'
  | 'uploadAttachment'
  | 'getAttachmentInfo'
  | 'getAttachment'
  | 'uploadFile'
  | 'getUploadedFile'
  | 'unknown';

/** Activity fields the connector reads; the rest of the body is kept as sent. */
export interface ConnectorActivity {
  type?: string;
  id?: string;
  text?: string;
  textFormat?: string;
  replyToId?: string;
  attachments?: Array<{ contentType?: string; content?: unknown; contentUrl?: string; name?: string }>;
  suggestedActions?: { to?: string[]; actions?: Array<Record<string, unknown>> };
  conversation?: { id?: string };
  from?: { id?: string; name?: string };
  recipient?: { id?: string; name?: string };
  [key: string]: unknown;
}

/** Every HTTP call the bot made, with the status it was answered. */
export interface ConnectorRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  operation: ConnectorOperation;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** Status answered; undefined while the request is being handled. */
  status?: number;
  /** True when the answer came from a simulated failure. */
  simulated: boolean;
  receivedAt: Date;
}

/** A message, update or deletion the bot sent to a conversation (successfully answered). */
export interface ReceivedActivity {
  seq: number;
  operation: 'sendToConversation' | 'replyToActivity' | 'updateActivity' | 'deleteActivity' | 'sendConversationHistory';
  conversationId: string;
  /** Id the connector gave the new activity, or the id updated/deleted. */
  activityId: string;
  /** The activity replied to: from the route of a reply, else the body's `replyToId`. */
  replyToId?: string;
  /** The body as sent by the bot, with `id` set to `activityId` (for a deletion: `{type:'messageDelete', id}`). */
  activity: ConnectorActivity;
  receivedAt: Date;
}

export interface CreatedConversation {
  id: string;
  activityId?: string;
  parameters: Record<string, unknown>;
  receivedAt: Date;
}

export interface StoredAttachment {
  id: string;
  conversationId?: string;
  name?: string;
  type?: string;
  data: Buffer;
  thumbnail?: Buffer;
}

export interface UploadedFile {
  id: string;
  name: string;
  data: Buffer;
  contentType?: string;
  url: string;
}

/** A simulated fault: the next `times` matching calls wait `delayMs` and, with `status`, fail with it. */
export interface FaultOptions {
  status?: number;
  delayMs?: number;
  /** Error body; default `{error:{code, message}}` like the real connector. */
  body?: unknown;
  /** Seconds in a `Retry-After` header (typical with 429). */
  retryAfterSeconds?: number;
  /** Only calls of these operations consume the fault (default: any call). */
  operations?: ConnectorOperation[];
  /** Only calls for this conversation consume the fault. */
  conversationId?: string;
  /** The call is answered only once this settles: a connector that hangs until the test lets it go. */
  until?: Promise<void>;
}

interface FaultRule extends FaultOptions {
  remaining: number;
}

export interface LoopbackConnectorOptions {
  host?: string;
  port?: number;
  members?: RosterMemberInput[];
  /** Tenant reported for members registered without one. */
  tenantId?: string;
  /** Largest accepted request body, in bytes (default 25 MB). */
  maxBodyBytes?: number;
  /**
   * Answer 400 "Unknown attachment type" to a non-image attachment sent by URL, as Teams does (default
   * true): files go through file consent. Off only for tools that show what any bot sends.
   */
  strictAttachments?: boolean;
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Only activities with a `seq` greater than this (default: count from the start). */
  afterSeq?: number;
}

type ActivityPredicate = (activity: ReceivedActivity) => boolean;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function normaliseMember(input: RosterMemberInput, tenantId: string): RosterMember {
  const { upn, ...rest } = input;
  const member: RosterMember = { ...rest, tenantId: rest.tenantId ?? tenantId };
  if (upn && !member.userPrincipalName) member.userPrincipalName = upn;
  if (!member.userPrincipalName && member.email) member.userPrincipalName = member.email;
  if (!member.userRole) member.userRole = 'user';
  return member;
}

/**
 * A Bot Connector REST service on loopback. Start it, give `serviceUrl` to the activities you post to the bot,
 * then read what the bot sent from `activities` (or wait for it).
 *
 * Events: `request` (ConnectorRequest, once answered), `activity` (ReceivedActivity),
 * `conversationCreated` (CreatedConversation), `upload` (UploadedFile).
 */
export class LoopbackConnector extends EventEmitter {
  readonly requests: ConnectorRequest[] = [];
  readonly activities: ReceivedActivity[] = [];
  readonly createdConversations: CreatedConversation[] = [];
  readonly attachments = new Map<string, StoredAttachment>();
  readonly uploads = new Map<string, UploadedFile>();

  private readonly host: string;
  private readonly requestedPort: number;
  private readonly tenantId: string;
  private readonly maxBodyBytes: number;
  private readonly strictAttachments: boolean;
  private readonly members = new Map<string, RosterMember>();
  private readonly personalConversations = new Map<string, string>();
  /** 1:1 conversations created through the API, by the member's id and AAD object id (a scan was O(n²) at 5,000). */
  private readonly createdPersonal = new Map<string, string>();
  private readonly faults: FaultRule[] = [];
  private server?: Server;
  private seq = 0;
  private idCounter = 0;
  private inFlight = 0;
  private lastRequestAt = 0;

  constructor(options: LoopbackConnectorOptions = {}) {
    super();
    this.host = options.host ?? '127.0.0.1';
    this.requestedPort = options.port ?? 0;
    this.tenantId = options.tenantId ?? 'demo-tenant';
    this.maxBodyBytes = options.maxBodyBytes ?? 25 * 1024 * 1024;
    this.strictAttachments = options.strictAttachments ?? true;
    for (const member of options.members ?? []) this.addMember(member);
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------

  async start(): Promise<this> {
    if (this.server) return this;
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    server.keepAliveTimeout = 1000;
    this.server = server;
    server.listen(this.requestedPort, this.host);
    await once(server, 'listening');
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    this.emit('stopped');
  }

  get port(): number {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address || typeof address === 'string') throw new Error('LoopbackConnector is not started');
    return address.port;
  }

  /** The URL to put in activities' `serviceUrl`. */
  get serviceUrl(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}`;
  }

  // ---- roster -------------------------------------------------------------------------------------------

  /** Register (or replace) a roster member, answered by the members routes. */
  addMember(input: RosterMemberInput): RosterMember {
    const member = normaliseMember(input, this.tenantId);
    this.members.set(member.id, member);
    return member;
  }

  removeMember(idOrAadObjectId: string): boolean {
    const member = this.findMember(idOrAadObjectId);
    return member ? this.members.delete(member.id) : false;
  }

  listMembers(): RosterMember[] {
    return [...this.members.values()];
  }

  /** A member by Teams id, AAD object id, email or UPN (as the real service accepts either id). */
  findMember(key: string): RosterMember | undefined {
    const direct = this.members.get(key);
    if (direct) return direct;
    const lower = key.toLowerCase();
    for (const member of this.members.values()) {
      if (member.aadObjectId?.toLowerCase() === lower) return member;
      if (member.email?.toLowerCase() === lower) return member;
      if (member.userPrincipalName?.toLowerCase() === lower) return member;
    }
    return undefined;
  }

  /**
   * Make `createConversation` for this single member answer an existing conversation id, as Teams does for a
   * personal chat that already exists.
   */
  setPersonalConversation(memberIdOrAadObjectId: string, conversationId: string): void {
    const member = this.findMember(memberIdOrAadObjectId);
    this.personalConversations.set(member?.id ?? memberIdOrAadObjectId, conversationId);
  }

  // ---- faults -------------------------------------------------------------------------------------------

  /** The next `times` matching calls fail with `status` (and/or are delayed by `delayMs`). */
  failNext(times: number, options: FaultOptions & { status: number }): void {
    this.faults.push({ ...options, remaining: times });
  }

  /** The next `times` matching calls are answered normally, after `delayMs`. */
  delayNext(times: number, delayMs: number, options: Omit<FaultOptions, 'status' | 'delayMs'> = {}): void {
    this.faults.push({ ...options, delayMs, remaining: times });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  // ---- inspection ---------------------------------------------------------------------------------------

  /** Forget recorded requests, activities, created conversations and faults (roster is kept). */
  reset(): void {
    this.requests.length = 0;
    this.activities.length = 0;
    this.createdConversations.length = 0;
    this.createdPersonal.clear();
    this.attachments.clear();
    this.uploads.clear();
    this.faults.length = 0;
  }

  /** Highest sequence number given so far: pass it as `afterSeq` to wait only for what comes next. */
  get lastSeq(): number {
    return this.seq;
  }

  activitiesIn(conversationId: string): ReceivedActivity[] {
    return this.activities.filter((a) => a.conversationId === conversationId);
  }

  /** Message activities sent or replied (not updates or deletions), optionally for one conversation. */
  messages(conversationId?: string): ConnectorActivity[] {
    return this.activities
      .filter(
        (a) =>
          (a.operation === 'sendToConversation' || a.operation === 'replyToActivity') &&
          a.activity.type === 'message' &&
          (conversationId === undefined || a.conversationId === conversationId),
      )
      .map((a) => a.activity);
  }

  /** Resolve once `count` activities matching `predicate` have arrived (counting those already received). */
  async waitForActivities(
    count: number,
    predicate: ActivityPredicate = () => true,
    options: WaitOptions = {},
  ): Promise<ReceivedActivity[]> {
    const afterSeq = options.afterSeq ?? 0;
    const matching = () => this.activities.filter((a) => a.seq > afterSeq && predicate(a));
    const current = matching();
    if (current.length >= count) return current.slice(0, count);
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const onActivity = () => {
        const found = matching();
        if (found.length >= count) {
          cleanup();
          resolve(found.slice(0, count));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`LoopbackConnector: expected ${count} activities, got ${matching().length} in ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('activity', onActivity);
      };
      this.on('activity', onActivity);
    });
  }

  /** The first activity (already received or coming) matching `predicate`. */
  async waitForActivity(predicate: ActivityPredicate = () => true, options: WaitOptions = {}): Promise<ReceivedActivity> {
    const [activity] = await this.waitForActivities(1, predicate, options);
    return activity;
  }

  /**
   * Resolve when no call is in progress and none has arrived for `quietMs` (counted from `since` when later,
   * e.g. the moment the bot answered the POST). Used by the terminal chat to know a turn's replies are all in.
   */
  async waitForIdle(quietMs: number, since = 0, maxWaitMs = 60_000): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const last = Math.max(this.lastRequestAt, since);
      const quietFor = Date.now() - last;
      if (this.inFlight === 0 && quietFor >= quietMs) return;
      if (Date.now() >= deadline) return;
      await sleep(this.inFlight > 0 ? Math.min(quietMs, 50) : Math.max(1, quietMs - quietFor));
    }
  }

  /** Iterate over activities as they arrive, starting after `afterSeq` (default: from now on). */
  async *stream(afterSeq = this.seq): AsyncGenerator<ReceivedActivity> {
    let cursor = afterSeq;
    for (;;) {
      const next = this.activities.find((a) => a.seq > cursor);
      if (next) {
        cursor = next.seq;
        yield next;
        continue;
      }
      if (!this.server) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.off('activity', wake);
          this.off('stopped', wake);
          resolve();
        };
        this.on('activity', wake);
        this.on('stopped', wake);
      });
    }
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------

  private nextId(): string {
    this.idCounter += 1;
    return `${Date.now()}${String(this.idCounter).padStart(4, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.lastRequestAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://loopback');
    const path = url.pathname.replace(/\/{2,}/g, '/');
    const segments = path.split('/').filter(Boolean).map(safeDecode);
    const request: ConnectorRequest = {
      seq: 0,
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      query: Object.fromEntries(url.searchParams),
      operation: 'unknown',
      headers: req.headers,
      body: undefined,
      simulated: false,
      receivedAt: new Date(),
    };
    this.classify(request, segments);
    try {
      const raw = await this.readBody(req);
      request.body = this.parseBody(raw, req.headers['content-type'], request.operation);
      request.seq = ++this.seq;
      this.requests.push(request);

      const fault = this.takeFault(request);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.until) await fault.until;
      if (fault?.status) {
        request.simulated = true;
        const headers: Record<string, string> = {};
        if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
        this.send(
          res,
          request,
          fault.status,
          fault.body ?? errorBody('SimulatedFailure', `Simulated failure (HTTP ${fault.status})`),
          headers,
        );
        return;
      }
      const { status, body, contentType } = this.route(request, segments, raw);
      this.send(res, request, status, body, {}, contentType);
    } catch (error) {
      if (!request.seq) {
        request.seq = ++this.seq;
        this.requests.push(request);
      }
      if (error instanceof HttpError) {
        this.send(res, request, error.status, errorBody(error.code, error.message));
      } else {
        this.send(res, request, 500, errorBody('InternalError', error instanceof Error ? error.message : String(error)));
      }
    } finally {
      this.inFlight -= 1;
      this.lastRequestAt = Date.now();
    }
  }

  private classify(request: ConnectorRequest, s: string[]): void {
    const m = request.method;
    const set = (operation: ConnectorOperation, extra: Partial<ConnectorRequest> = {}) => {
      request.operation = operation;
      Object.assign(request, extra);
    };
    if (s[0] === 'uploads' && s.length === 2) {
      if (m === 'PUT' || m === 'POST') set('uploadFile', { activityId: s[1] });
      else if (m === 'GET') set('getUploadedFile', { activityId: s[1] });
      return;
    }
    if (s[0] !== 'v3') return;
    if (s[1] === 'attachments' && s.length >= 3 && m === 'GET') {
      set(s.length >= 5 && s[3] === 'views' ? 'getAttachment' : 'getAttachmentInfo', { activityId: s[2] });
      return;
    }
    if (s[1] !== 'conversations') return;
    if (s.length === 2) {
      if (m === 'POST') set('createConversation');
      else if (m === 'GET') set('getConversations');
      return;
    }
    const conversationId = s[2];
    if (s.length === 4 && s[3] === 'activities' && m === 'POST') set('sendToConversation', { conversationId });
    else if (s.length === 5 && s[3] === 'activities' && s[4] === 'history' && m === 'POST')
      set('sendConversationHistory', { conversationId });
    else if (s.length === 5 && s[3] === 'activities') {
      const activityId = s[4];
      if (m === 'POST') set('replyToActivity', { conversationId, activityId });
      else if (m === 'PUT') set('updateActivity', { conversationId, activityId });
      else if (m === 'DELETE') set('deleteActivity', { conversationId, activityId });
    } else if (s.length === 6 && s[3] === 'activities' && s[5] === 'members' && m === 'GET')
      set('getActivityMembers', { conversationId, activityId: s[4] });
    else if (s.length === 4 && s[3] === 'members' && m === 'GET') set('getConversationMembers', { conversationId });
    else if (s.length === 4 && s[3] === 'pagedmembers' && m === 'GET') set('getConversationPagedMembers', { conversationId });
    else if (s.length === 5 && s[3] === 'members') {
      if (m === 'GET') set('getConversationMember', { conversationId, memberId: s[4] });
      else if (m === 'DELETE') set('deleteConversationMember', { conversationId, memberId: s[4] });
    } else if (s.length === 4 && s[3] === 'attachments' && m === 'POST') set('uploadAttachment', { conversationId });
  }

  private readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.maxBodyBytes) {
          tooLarge = true;
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        if (tooLarge) reject(new HttpError(413, 'PayloadTooLarge', 'Request body is too large'));
        else resolve(Buffer.concat(chunks));
      });
      req.on('error', reject);
    });
  }

  private parseBody(raw: Buffer, contentType: string | undefined, operation: ConnectorOperation): unknown {
    if (raw.length === 0) return undefined;
    if (operation === 'uploadFile') return raw;
    const isJson = !contentType || contentType.includes('json');
    if (!isJson) return raw.toString('utf8');
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError(400, 'BadArgument', 'Request body is not valid JSON');
    }
  }

  private takeFault(request: ConnectorRequest): FaultRule | undefined {
    const index = this.faults.findIndex(
      (f) =>
        f.remaining > 0 &&
        (!f.operations || f.operations.includes(request.operation)) &&
        (!f.conversationId || f.conversationId === request.conversationId),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private send(
    res: ServerResponse,
    request: ConnectorRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    contentType?: string,
  ): void {
    request.status = status;
    if (!res.headersSent) {
      let payload: Buffer | string = '';
      if (Buffer.isBuffer(body)) {
        payload = body;
        headers['Content-Type'] = contentType ?? 'application/octet-stream';
      } else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers['Content-Type'] = 'application/json; charset=utf-8';
      }
      res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(payload)) });
      res.end(payload);
    }
    this.emit('request', request);
  }

  private requireActivity(body: unknown): ConnectorActivity {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new HttpError(400, 'BadArgument', 'An activity object is required');
    }
    const activity = body as ConnectorActivity;
    if (this.strictAttachments) this.checkAttachments(activity);
    return activity;
  }

  /** Teams takes a file by URL only as an image or a FileInfoCard (after file consent). */
  private checkAttachments(activity: ConnectorActivity): void {
    for (const a of activity.attachments ?? []) {
      const type = a.contentType ?? '';
      if (a.contentUrl && !type.startsWith('image/') && type !== 'application/vnd.microsoft.teams.card.file.info') {
        throw new HttpError(400, 'BadArgument', 'Unknown attachment type');
      }
    }
  }

  private record(
    operation: ReceivedActivity['operation'],
    conversationId: string,
    activityId: string,
    activity: ConnectorActivity,
    replyToId?: string,
  ): ReceivedActivity {
    const received: ReceivedActivity = {
      seq: ++this.seq,
      operation,
      conversationId,
      activityId,
      replyToId: replyToId ?? activity.replyToId,
      activity: { ...activity, id: activityId },
      receivedAt: new Date(),
    };
    this.activities.push(received);
    this.emit('activity', received);
    return received;
  }

  private memberOrThrow(memberId: string): RosterMember {
    const member = this.findMember(memberId);
    if (!member) {
      throw new HttpError(404, 'MemberNotFoundInConversation', 'The member could not be found in the conversation.');
    }
    return member;
  }

  private route(request: ConnectorRequest, s: string[], raw: Buffer): { status: number; body?: unknown; contentType?: string } {
    const conversationId = request.conversationId ?? '';
    switch (request.operation) {
      case 'sendToConversation': {
        const activity = this.requireActivity(request.body);
        const id = this.nextId();
        this.record('sendToConversation', conversationId, id, activity);
        return { status: 200, body: { id } };
      }
      case 'replyToActivity': {
        const activity = this.requireActivity(request.body);
        const id = this.nextId();
        this.record('replyToActivity', conversationId, id, activity, request.activityId);
        return { status: 200, body: { id } };
      }
      case 'updateActivity': {
        const activity = this.requireActivity(request.body);
        const id = request.activityId ?? '';
        this.record('updateActivity', conversationId, id, activity);
        return { status: 200, body: { id } };
      }
      case 'deleteActivity': {
        const id = request.activityId ?? '';
        this.record('deleteActivity', conversationId, id, { type: 'messageDelete', conversation: { id: conversationId } });
        return { status: 200 };
      }
      case 'sendConversationHistory': {
        const history = (request.body as { activities?: ConnectorActivity[] } | undefined)?.activities ?? [];
        for (const activity of history) {
          this.record('sendConversationHistory', conversationId, activity.id ?? this.nextId(), activity);
        }
        return { status: 200, body: { id: this.nextId() } };
      }
      case 'getConversations':
        return {
          status: 200,
          body: {
            conversations: this.createdConversations.map((c) => ({ id: c.id, members: c.parameters.members ?? [] })),
          },
        };
      case 'createConversation':
        return this.createConversation(request);
      case 'getConversationMembers':
      case 'getActivityMembers':
        return { status: 200, body: this.listMembers() };
      case 'getConversationPagedMembers': {
        const all = this.listMembers();
        const pageSize = Math.max(1, Number(request.query.pageSize) || 200);
        const start = Math.max(0, Number(request.query.continuationToken) || 0);
        const members = all.slice(start, start + pageSize);
        const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
        return { status: 200, body: next ? { members, continuationToken: next } : { members } };
      }
      case 'getConversationMember':
        return { status: 200, body: this.memberOrThrow(request.memberId ?? '') };
      case 'deleteConversationMember': {
        const member = this.memberOrThrow(request.memberId ?? '');
        this.members.delete(member.id);
        return { status: 200 };
      }
      case 'uploadAttachment': {
        const body = (request.body ?? {}) as {
          name?: string;
          type?: string;
          originalBase64?: string | number[];
          thumbnailBase64?: string | number[];
        };
        const toBuffer = (v: string | number[] | undefined) =>
          v === undefined ? undefined : Array.isArray(v) ? Buffer.from(v) : Buffer.from(v, 'base64');
        const id = `att-${randomBytes(8).toString('hex')}`;
        this.attachments.set(id, {
          id,
          conversationId,
          name: body.name,
          type: body.type,
          data: toBuffer(body.originalBase64) ?? Buffer.alloc(0),
          thumbnail: toBuffer(body.thumbnailBase64),
        });
        return { status: 200, body: { id } };
      }
      case 'getAttachmentInfo': {
        const attachment = this.attachments.get(request.activityId ?? '');
        if (!attachment) throw new HttpError(404, 'NotFound', 'Attachment not found');
        const views = [{ viewId: 'original', size: attachment.data.length }];
        if (attachment.thumbnail) views.push({ viewId: 'thumbnail', size: attachment.thumbnail.length });
        return { status: 200, body: { name: attachment.name, type: attachment.type, views } };
      }
      case 'getAttachment': {
        const attachment = this.attachments.get(request.activityId ?? '');
        const view = s[4];
        const data = view === 'thumbnail' ? attachment?.thumbnail : attachment?.data;
        if (!attachment || !data) throw new HttpError(404, 'NotFound', 'Attachment not found');
        return { status: 200, body: data, contentType: attachment.type };
      }
      case 'uploadFile': {
        const id = request.activityId ?? '';
        const existing = this.uploads.get(id);
        const name = existing?.name ?? (request.query.name || id);
        // An upload session takes the file in chunks, each with its Content-Range.
        const range = /^bytes (\d+)-\d+\/\d+$/.exec(String(request.headers['content-range'] ?? ''));
        const data = range && existing && Number(range[1]) > 0 ? Buffer.concat([existing.data.subarray(0, Number(range[1])), raw]) : raw;
        const file: UploadedFile = {
          id,
          name,
          data,
          contentType: request.headers['content-type'],
          url: `${this.serviceUrl}/uploads/${encodeURIComponent(id)}`,
        };
        this.uploads.set(id, file);
        this.emit('upload', file);
        return { status: 201, body: { id, name, size: raw.length, webUrl: file.url } };
      }
      case 'getUploadedFile': {
        const file = this.uploads.get(request.activityId ?? '');
        if (!file || file.data.length === 0) throw new HttpError(404, 'NotFound', 'File not found');
        return { status: 200, body: file.data, contentType: file.contentType };
      }
      default:
        throw new HttpError(404, 'NotFound', `No route for ${request.method} ${request.path}`);
    }
  }

  /**
   * Hosts a file the user "sends", as the Emulator does: the bot downloads it from this connector
   * (its serviceUrl) at the returned URL.
   */
  hostAttachment(name: string, type: string, data: Buffer): string {
    const id = `att-${randomBytes(8).toString('hex')}`;
    this.attachments.set(id, { id, name, type, data });
    return `${this.serviceUrl}/v3/attachments/${id}/views/original`;
  }

  /**
   * A place the bot can upload a file to (the `uploadUrl` of a Teams file-consent answer). The file appears in
   * `uploads` and an `upload` event fires once the bot has PUT its bytes.
   */
  createUploadSlot(name: string): { id: string; uploadUrl: string; contentUrl: string } {
    const id = `file-${randomBytes(8).toString('hex')}`;
    const url = `${this.serviceUrl}/uploads/${encodeURIComponent(id)}`;
    this.uploads.set(id, { id, name, data: Buffer.alloc(0), url });
    return { id, uploadUrl: url, contentUrl: url };
  }

  private createConversation(request: ConnectorRequest): { status: number; body: unknown } {
    const parameters = (request.body ?? {}) as Record<string, unknown> & {
      members?: Array<{ id?: string; aadObjectId?: string }>;
      isGroup?: boolean;
      activity?: ConnectorActivity;
    };
    if (this.strictAttachments && parameters.activity && typeof parameters.activity === 'object')
      this.checkAttachments(parameters.activity);
    let id: string | undefined;
    const members = Array.isArray(parameters.members) ? parameters.members : [];
    if (!parameters.isGroup && members.length === 1) {
      const key = members[0]?.id ?? members[0]?.aadObjectId ?? '';
      const member = this.findMember(key);
      id = this.personalConversations.get(member?.id ?? key);
      id ??= this.createdPersonal.get(key);
      if (!id) {
        id = `a:1${randomBytes(24).toString('base64url')}`;
        for (const k of [members[0]?.id, members[0]?.aadObjectId]) if (k) this.createdPersonal.set(k, id);
      }
    }
    id ??= `a:1${randomBytes(24).toString('base64url')}`;
    request.conversationId = id;
    let activityId: string | undefined;
    if (parameters.activity && typeof parameters.activity === 'object') {
      activityId = this.nextId();
      this.record('sendToConversation', id, activityId, parameters.activity);
    }
    const created: CreatedConversation = { id, activityId, parameters, receivedAt: new Date() };
    this.createdConversations.push(created);
    this.emit('conversationCreated', created);
    return { status: 200, body: activityId ? { id, activityId, serviceUrl: this.serviceUrl } : { id, serviceUrl: this.serviceUrl } };
  }
}
