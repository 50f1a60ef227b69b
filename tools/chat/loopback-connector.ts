// A loopback Bot Connector service: the HTTP endpoint a bot calls back (the activity's `serviceUrl`) to send,
// update and delete messages, read the Teams roster, create conversations and upload attachments.
// The terminal chat uses it as the Teams side of a conversation; tests use it as the stub connector that
// records every call and can simulate failures (status codes, delays).
//
// This file is the tool's entry: the class, its server and the public methods. Its parts: connector-types.ts
// (what it records), connector-recording.ts (the records and the waits on them), connector-routes.ts (URL →
// operation), connector-dispatch.ts (each operation answered), connector-attachments.ts (files and Teams' rule
// for them), connector-roster.ts (members, 1:1 chats), connector-faults.ts (simulated failures),
// connector-http.ts (bodies, errors, answers).
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createUploadSlot, hostAttachment } from './connector-attachments.js';
import { dispatch, type DispatchContext } from './connector-dispatch.js';
import { ConnectorFaults, type FaultOptions } from './connector-faults.js';
import { HttpError, errorBody, parseBody, readBody, sleep, writeAnswer } from './connector-http.js';
import { ConnectorRecording } from './connector-recording.js';
import { ConnectorRoster } from './connector-roster.js';
import { describeRequest } from './connector-routes.js';
import type { ConnectorRequest, RosterMember, RosterMemberInput } from './connector-types.js';

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

/**
 * A Bot Connector REST service on loopback. Start it, give `serviceUrl` to the activities you post to the bot,
 * then read what the bot sent from `activities` (or wait for it).
 *
 * Events: `request` (ConnectorRequest, once answered), `activity` (ReceivedActivity),
 * `conversationCreated` (CreatedConversation), `upload` (UploadedFile).
 */
export class LoopbackConnector extends ConnectorRecording {
  private readonly host: string;
  private readonly requestedPort: number;
  private readonly maxBodyBytes: number;
  private readonly roster: ConnectorRoster;
  private readonly faults = new ConnectorFaults();
  private readonly routes: DispatchContext;
  private server?: Server;
  private opened = 0;

  constructor(options: LoopbackConnectorOptions = {}) {
    super();
    this.host = options.host ?? '127.0.0.1';
    this.requestedPort = options.port ?? 0;
    this.roster = new ConnectorRoster(options.tenantId ?? 'demo-tenant');
    this.maxBodyBytes = options.maxBodyBytes ?? 25 * 1024 * 1024;
    this.routes = this.dispatchContext(options.strictAttachments ?? true);
    for (const member of options.members ?? []) this.addMember(member);
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------

  async start(): Promise<this> {
    if (this.server) return this;
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    // Node's default. Node's client keeps a connection only if the server's advertised keep-alive exceeds 1 s,
    // so 1 s (as before) made every call a new connection, unlike the real Bot Connector.
    server.keepAliveTimeout = 5000;
    server.on('connection', () => this.opened++);
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

  /** TCP connections the bot opened to this connector so far (a bot that keeps them alive opens few). */
  get connectionsOpened(): number {
    return this.opened;
  }

  /** The URL to put in activities' `serviceUrl`. */
  get serviceUrl(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}`;
  }

  protected get listening(): boolean {
    return this.server !== undefined;
  }

  // ---- roster -------------------------------------------------------------------------------------------

  /** Register (or replace) a roster member, answered by the members routes. */
  addMember(input: RosterMemberInput): RosterMember {
    return this.roster.addMember(input);
  }

  removeMember(idOrAadObjectId: string): boolean {
    return this.roster.removeMember(idOrAadObjectId);
  }

  listMembers(): RosterMember[] {
    return this.roster.listMembers();
  }

  /** A member by Teams id, AAD object id, email or UPN (as the real service accepts either id). */
  findMember(key: string): RosterMember | undefined {
    return this.roster.findMember(key);
  }

  /**
   * Make `createConversation` for this single member answer an existing conversation id, as Teams does for a
   * personal chat that already exists.
   */
  setPersonalConversation(memberIdOrAadObjectId: string, conversationId: string): void {
    this.roster.setPersonalConversation(memberIdOrAadObjectId, conversationId);
  }

  // ---- faults -------------------------------------------------------------------------------------------

  /** The next `times` matching calls fail with `status` (and/or are delayed by `delayMs`). */
  failNext(times: number, options: FaultOptions & { status: number }): void {
    this.faults.add(times, options);
  }

  /** The next `times` matching calls are answered normally, after `delayMs`. */
  delayNext(times: number, delayMs: number, options: Omit<FaultOptions, 'status' | 'delayMs'> = {}): void {
    this.faults.add(times, { ...options, delayMs });
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Forget recorded requests, activities, created conversations and faults (roster is kept). */
  override reset(): void {
    super.reset();
    this.roster.forgetCreatedConversations();
    this.faults.clear();
  }

  // ---- files --------------------------------------------------------------------------------------------

  /**
   * Hosts a file the user "sends", as the Emulator does: the bot downloads it from this connector
   * (its serviceUrl) at the returned URL.
   */
  hostAttachment(name: string, type: string, data: Buffer): string {
    return hostAttachment(this, name, type, data);
  }

  /**
   * A place the bot can upload a file to (the `uploadUrl` of a Teams file-consent answer). The file appears in
   * `uploads` and an `upload` event fires once the bot has PUT its bytes.
   */
  createUploadSlot(name: string): { id: string; uploadUrl: string; contentUrl: string } {
    return createUploadSlot(this, name);
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.lastRequestAt = Date.now();
    const { request, segments } = describeRequest(req);
    try {
      const raw = await readBody(req, this.maxBodyBytes);
      request.body = parseBody(raw, req.headers['content-type'], request.operation);
      request.seq = ++this.seq;
      this.requests.push(request);

      const fault = this.faults.take(request);
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
      const { status, body, contentType } = dispatch(this.routes, request, segments, raw);
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

  private send(
    res: ServerResponse,
    request: ConnectorRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    contentType?: string,
  ): void {
    request.status = status;
    writeAnswer(res, status, body, headers, contentType);
    this.emit('request', request);
  }

  /** What the dispatch reads and changes: the records, the roster, and the ids and events of this connector. */
  private dispatchContext(strictAttachments: boolean): DispatchContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const connector = this;
    return {
      roster: this.roster,
      strictAttachments,
      createdConversations: this.createdConversations,
      attachments: this.attachments,
      uploads: this.uploads,
      get serviceUrl() {
        return connector.serviceUrl;
      },
      nextId: () => this.nextId(),
      record: (operation, conversationId, activityId, activity, replyToId) =>
        this.record(operation, conversationId, activityId, activity, replyToId),
      emit: (event, payload) => this.emit(event, payload),
    };
  }
}
