// Files on the loopback connector and Teams' rule for them: a file goes by URL only as an image or a
// FileInfoCard (after file consent); attachments uploaded through the API or hosted for the user, and the
// upload slots a file-consent answer gives the bot.
import { randomBytes } from 'node:crypto';
import { HttpError } from './connector-http.js';
import type { ConnectorActivity, ConnectorRequest, StoredAttachment, UploadedFile } from './connector-types.js';

/** The answer to one call: status, body (a Buffer is sent as bytes of contentType). */
export interface RouteAnswer {
  status: number;
  body?: unknown;
  contentType?: string;
}

/** Where files are kept, and who hears of an upload. */
export interface FileStore {
  readonly attachments: Map<string, StoredAttachment>;
  readonly uploads: Map<string, UploadedFile>;
  readonly serviceUrl: string;
  emit(event: string, payload: unknown): unknown;
}

/** Teams takes a file by URL only as an image or a FileInfoCard (after file consent). */
export function checkAttachments(activity: ConnectorActivity): void {
  for (const a of activity.attachments ?? []) {
    const type = a.contentType ?? '';
    if (a.contentUrl && !type.startsWith('image/') && type !== 'application/vnd.microsoft.teams.card.file.info') {
      throw new HttpError(400, 'BadArgument', 'Unknown attachment type');
    }
  }
}

/** The attachment and upload routes; undefined for any other operation. */
export function answerFileRoute(store: FileStore, request: ConnectorRequest, s: string[], raw: Buffer): RouteAnswer | undefined {
  const conversationId = request.conversationId ?? '';
  switch (request.operation) {
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
      store.attachments.set(id, {
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
      const attachment = store.attachments.get(request.activityId ?? '');
      if (!attachment) throw new HttpError(404, 'NotFound', 'Attachment not found');
      const views = [{ viewId: 'original', size: attachment.data.length }];
      if (attachment.thumbnail) views.push({ viewId: 'thumbnail', size: attachment.thumbnail.length });
      return { status: 200, body: { name: attachment.name, type: attachment.type, views } };
    }
    case 'getAttachment': {
      const attachment = store.attachments.get(request.activityId ?? '');
      const view = s[4];
      const data = view === 'thumbnail' ? attachment?.thumbnail : attachment?.data;
      if (!attachment || !data) throw new HttpError(404, 'NotFound', 'Attachment not found');
      return { status: 200, body: data, contentType: attachment.type };
    }
    case 'uploadFile': {
      const id = request.activityId ?? '';
      const existing = store.uploads.get(id);
      const name = existing?.name ?? (request.query.name || id);
      // An upload session takes the file in chunks, each with its Content-Range.
      const range = /^bytes (\d+)-\d+\/\d+$/.exec(String(request.headers['content-range'] ?? ''));
      const data = range && existing && Number(range[1]) > 0 ? Buffer.concat([existing.data.subarray(0, Number(range[1])), raw]) : raw;
      const file: UploadedFile = {
        id,
        name,
        data,
        contentType: request.headers['content-type'],
        url: `${store.serviceUrl}/uploads/${encodeURIComponent(id)}`,
      };
      store.uploads.set(id, file);
      store.emit('upload', file);
      return { status: 201, body: { id, name, size: raw.length, webUrl: file.url } };
    }
    case 'getUploadedFile': {
      const file = store.uploads.get(request.activityId ?? '');
      if (!file || file.data.length === 0) throw new HttpError(404, 'NotFound', 'File not found');
      return { status: 200, body: file.data, contentType: file.contentType };
    }
    default:
      return undefined;
  }
}

/**
 * Hosts a file the user "sends", as the Emulator does: the bot downloads it from this connector
 * (its serviceUrl) at the returned URL.
 */
export function hostAttachment(store: FileStore, name: string, type: string, data: Buffer): string {
  const id = `att-${randomBytes(8).toString('hex')}`;
  store.attachments.set(id, { id, name, type, data });
  return `${store.serviceUrl}/v3/attachments/${id}/views/original`;
}

/**
 * A place the bot can upload a file to (the `uploadUrl` of a Teams file-consent answer). The file appears in
 * `uploads` and an `upload` event fires once the bot has PUT its bytes.
 */
export function createUploadSlot(store: FileStore, name: string): { id: string; uploadUrl: string; contentUrl: string } {
  const id = `file-${randomBytes(8).toString('hex')}`;
  const url = `${store.serviceUrl}/uploads/${encodeURIComponent(id)}`;
  store.uploads.set(id, { id, name, data: Buffer.alloc(0), url });
  return { id, uploadUrl: url, contentUrl: url };
}
