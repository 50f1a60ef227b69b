// A file an officer sent, as each channel carries it, and its download. A message names the URL, so the
// bot fetches only from hosts it trusts for that kind of attachment:
// - Teams' file.download.info: a pre-authenticated OneDrive/SharePoint link → PLAN_IMPORT_TEAMS_FILE_HOSTS,
//   fetched without our token (Microsoft's samples fetch it as is; our token never goes to a third host);
// - an attachment on the Bot Connector that sent the turn (the Emulator, the terminal chat, Teams inline
//   files) → the turn's own serviceUrl origin, with the bot's token when credentials are configured;
// - a Zalo file message → PLAN_IMPORT_ZALO_FILE_HOSTS;
// - a web upload → the bytes themselves (a data: URL the web face built), never a fetch.
import type { Activity } from 'botbuilder';
import { hostAllowed, type PlanImportConfig } from '../../services/plan-import/plan-import-config.js';
import { documentKind } from '../../services/plan-import/plan-document-reader.js';
import { ZALO_FILE_CONTENT_TYPE } from '../../services/zalo/zalo-events.js';

export const TEAMS_FILE_INFO = 'application/vnd.microsoft.teams.file.download.info';

type Trust = 'teams' | 'zalo' | 'service' | 'inline';

export interface IncomingDocument {
  name: string;
  contentType?: string;
  /** Size the channel announced, if any (checked again while downloading). */
  size?: number;
  url: string;
  trust: Trust;
  /** A file of a kind the plan import does not read (.xlsx, .doc …). */
  unsupported: boolean;
}

export type DownloadProblem = 'untrusted' | 'too_big' | 'failed';

export class DownloadError extends Error {
  constructor(readonly problem: DownloadProblem) {
    super(problem);
    this.name = 'DownloadError';
  }
}

const IGNORED = /^(text\/html|image\/|application\/vnd\.microsoft\.card\.|application\/vnd\.microsoft\.teams\.card\.)/;

/** The document attached to a message, if any; images and cards are not documents. */
export function incomingDocumentOf(activity: Partial<Activity>): IncomingDocument | undefined {
  for (const a of activity.attachments ?? []) {
    const content = (a.content ?? {}) as Record<string, unknown>;
    const name = typeof a.name === 'string' && a.name ? a.name.slice(0, 200) : 'tệp';
    let doc: Omit<IncomingDocument, 'unsupported'> | undefined;
    if (a.contentType === TEAMS_FILE_INFO && typeof content.downloadUrl === 'string') {
      doc = { name, url: content.downloadUrl, trust: 'teams' };
    } else if (a.contentType === ZALO_FILE_CONTENT_TYPE && typeof a.contentUrl === 'string') {
      if (activity.channelId !== 'zalo_oa' && activity.channelId !== 'zalo_bot') continue;
      const size = Number(content.size);
      doc = { name, url: a.contentUrl, trust: 'zalo', ...(Number.isFinite(size) && size > 0 ? { size } : {}) };
    } else if (typeof a.contentUrl === 'string' && !IGNORED.test(a.contentType ?? '')) {
      const inline = a.contentUrl.startsWith('data:');
      if (inline && activity.channelId !== 'web') continue;
      doc = { name, contentType: a.contentType, url: a.contentUrl, trust: inline ? 'inline' : 'service' };
    }
    if (doc) return { ...doc, unsupported: !documentKind(doc.name, doc.contentType) };
  }
  return undefined;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/;

function trusted(url: URL, trust: Trust, serviceUrl: string | undefined, config: PlanImportConfig): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Plain http only on this machine (the tests' loopback fakes, the terminal chat).
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(host))) return false;
  if (url.username || url.password) return false;
  switch (trust) {
    case 'teams':
      return hostAllowed(host, config.teamsFileHosts);
    case 'zalo':
      return hostAllowed(host, config.zaloFileHosts);
    case 'service':
      return !!serviceUrl && URL.canParse(serviceUrl) && new URL(serviceUrl).origin === url.origin;
    case 'inline':
      return false;
  }
}

function inlineBytes(url: string, maxBytes: number): Buffer {
  const m = /^data:[^,;]*(;base64)?,(.*)$/s.exec(url);
  if (!m || !m[1]) throw new DownloadError('failed');
  if ((m[2].length * 3) / 4 > maxBytes + 4) throw new DownloadError('too_big');
  return Buffer.from(m[2], 'base64');
}

export interface DownloadOptions {
  config: PlanImportConfig;
  serviceUrl?: string;
  /** The bot's token, for a file on the Bot Connector that sent the turn (credentials configured). */
  token?: () => Promise<string | undefined>;
}

/** The file's bytes: only from a trusted host, redirects re-checked, stopped past the size limit. */
export async function downloadDocument(doc: IncomingDocument, options: DownloadOptions): Promise<Buffer> {
  const { config } = options;
  if (doc.size && doc.size > config.maxBytes) throw new DownloadError('too_big');
  if (doc.trust === 'inline') return inlineBytes(doc.url, config.maxBytes);
  let url: URL;
  try {
    url = new URL(doc.url);
  } catch {
    throw new DownloadError('untrusted');
  }
  const signal = AbortSignal.timeout(config.downloadTimeoutMs);
  for (let hop = 0; hop < 4; hop++) {
    if (!trusted(url, doc.trust, options.serviceUrl, config)) throw new DownloadError('untrusted');
    const headers: Record<string, string> = {};
    if (doc.trust === 'service' && options.token) {
      const token = await options.token();
      if (token) headers.authorization = `Bearer ${token}`;
    }
    let res: Response;
    try {
      res = await fetch(url, { headers, redirect: 'manual', signal });
    } catch {
      throw new DownloadError('failed');
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      url = new URL(location, url);
      continue;
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new DownloadError('failed');
    }
    if (Number(res.headers.get('content-length') ?? 0) > config.maxBytes) {
      await res.body.cancel();
      throw new DownloadError('too_big');
    }
    return readCapped(res.body, config.maxBytes);
  }
  throw new DownloadError('failed');
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new DownloadError('too_big');
      }
      chunks.push(Buffer.from(value));
    }
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    throw new DownloadError('failed');
  }
  return Buffer.concat(chunks);
}
