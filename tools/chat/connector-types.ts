// What the loopback Bot Connector records and answers: the roster member, the operations of the Bot Connector
// REST API it knows, the activities, requests, created conversations and files the bot sent it.
import type { IncomingHttpHeaders } from 'node:http';

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
