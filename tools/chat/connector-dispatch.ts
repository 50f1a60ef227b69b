// The loopback connector's dispatch: each Bot Connector operation answered as Teams answers it. Messages,
// replies, updates and deletions are recorded; conversations created (a member's 1:1 chat is the same one
// each time); roster pages and members; files go to connector-attachments.ts.
import { randomBytes } from 'node:crypto';
import { answerFileRoute, checkAttachments, type FileStore, type RouteAnswer } from './connector-attachments.js';
import { HttpError } from './connector-http.js';
import type { ConnectorRoster } from './connector-roster.js';
import type { ConnectorActivity, ConnectorRequest, CreatedConversation, ReceivedActivity } from './connector-types.js';

/** What the dispatch reads and changes of the connector. */
export interface DispatchContext extends FileStore {
  readonly roster: ConnectorRoster;
  readonly strictAttachments: boolean;
  readonly createdConversations: CreatedConversation[];
  nextId(): string;
  record(
    operation: ReceivedActivity['operation'],
    conversationId: string,
    activityId: string,
    activity: ConnectorActivity,
    replyToId?: string,
  ): ReceivedActivity;
}

function requireActivity(ctx: DispatchContext, body: unknown): ConnectorActivity {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'BadArgument', 'An activity object is required');
  }
  const activity = body as ConnectorActivity;
  if (ctx.strictAttachments) checkAttachments(activity);
  return activity;
}

/** The answer to one call (its operation already read from the route), or the HttpError it fails with. */
export function dispatch(ctx: DispatchContext, request: ConnectorRequest, s: string[], raw: Buffer): RouteAnswer {
  const conversationId = request.conversationId ?? '';
  switch (request.operation) {
    case 'sendToConversation': {
      const activity = requireActivity(ctx, request.body);
      const id = ctx.nextId();
      ctx.record('sendToConversation', conversationId, id, activity);
      return { status: 200, body: { id } };
    }
    case 'replyToActivity': {
      const activity = requireActivity(ctx, request.body);
      const id = ctx.nextId();
      ctx.record('replyToActivity', conversationId, id, activity, request.activityId);
      return { status: 200, body: { id } };
    }
    case 'updateActivity': {
      const activity = requireActivity(ctx, request.body);
      const id = request.activityId ?? '';
      ctx.record('updateActivity', conversationId, id, activity);
      return { status: 200, body: { id } };
    }
    case 'deleteActivity': {
      const id = request.activityId ?? '';
      ctx.record('deleteActivity', conversationId, id, { type: 'messageDelete', conversation: { id: conversationId } });
      return { status: 200 };
    }
    case 'sendConversationHistory': {
      const history = (request.body as { activities?: ConnectorActivity[] } | undefined)?.activities ?? [];
      for (const activity of history) {
        ctx.record('sendConversationHistory', conversationId, activity.id ?? ctx.nextId(), activity);
      }
      return { status: 200, body: { id: ctx.nextId() } };
    }
    case 'getConversations':
      return {
        status: 200,
        body: {
          conversations: ctx.createdConversations.map((c) => ({ id: c.id, members: c.parameters.members ?? [] })),
        },
      };
    case 'createConversation':
      return createConversation(ctx, request);
    case 'getConversationMembers':
    case 'getActivityMembers':
      return { status: 200, body: ctx.roster.listMembers() };
    case 'getConversationPagedMembers': {
      const all = ctx.roster.listMembers();
      const pageSize = Math.max(1, Number(request.query.pageSize) || 200);
      const start = Math.max(0, Number(request.query.continuationToken) || 0);
      const members = all.slice(start, start + pageSize);
      const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
      return { status: 200, body: next ? { members, continuationToken: next } : { members } };
    }
    case 'getConversationMember':
      return { status: 200, body: ctx.roster.memberOrThrow(request.memberId ?? '') };
    case 'deleteConversationMember': {
      const member = ctx.roster.memberOrThrow(request.memberId ?? '');
      ctx.roster.delete(member);
      return { status: 200 };
    }
    default: {
      const answer = answerFileRoute(ctx, request, s, raw);
      if (answer) return answer;
      throw new HttpError(404, 'NotFound', `No route for ${request.method} ${request.path}`);
    }
  }
}

function createConversation(ctx: DispatchContext, request: ConnectorRequest): { status: number; body: unknown } {
  const parameters = (request.body ?? {}) as Record<string, unknown> & {
    members?: Array<{ id?: string; aadObjectId?: string }>;
    isGroup?: boolean;
    activity?: ConnectorActivity;
  };
  if (ctx.strictAttachments && parameters.activity && typeof parameters.activity === 'object') checkAttachments(parameters.activity);
  let id: string | undefined;
  const members = Array.isArray(parameters.members) ? parameters.members : [];
  if (!parameters.isGroup && members.length === 1) id = ctx.roster.personalConversationId(members[0]);
  id ??= `a:1${randomBytes(24).toString('base64url')}`;
  request.conversationId = id;
  let activityId: string | undefined;
  if (parameters.activity && typeof parameters.activity === 'object') {
    activityId = ctx.nextId();
    ctx.record('sendToConversation', id, activityId, parameters.activity);
  }
  const created: CreatedConversation = { id, activityId, parameters, receivedAt: new Date() };
  ctx.createdConversations.push(created);
  ctx.emit('conversationCreated', created);
  return { status: 200, body: activityId ? { id, activityId, serviceUrl: ctx.serviceUrl } : { id, serviceUrl: ctx.serviceUrl } };
}
