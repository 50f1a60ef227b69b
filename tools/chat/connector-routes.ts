// The loopback connector's routes: which Bot Connector operation an HTTP call is, read from its method and
// path (`/v3/conversations/{id}/activities/{activityId}`, `/v3/attachments/…`, the `/uploads/{id}` of file
// consent), with the ids the path carries.
import type { IncomingMessage } from 'node:http';
import type { ConnectorOperation, ConnectorRequest } from './connector-types.js';

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The call as recorded (operation and ids from its route, body not read yet) and its decoded path segments. */
export function describeRequest(req: IncomingMessage): { request: ConnectorRequest; segments: string[] } {
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
  classify(request, segments);
  return { request, segments };
}

function classify(request: ConnectorRequest, s: string[]): void {
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
