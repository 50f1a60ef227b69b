// Teams' way of handing a file to a person in a personal chat: the bot sends a FileConsentCard; on accept
// Teams answers with an upload URL in the person's OneDrive, the bot uploads the bytes in chunks and shows
// a FileInfoCard; on decline, a polite note (the link card sent with it still works).
// The accept context carries only our signed link: the bytes are produced again from it, so a forged or
// expired context uploads nothing.
import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { FileConsentContext } from '../core/core-turn.js';
import { resolveSignedLink, signedFileProducers } from '../files/signed-files.js';
import { files } from '../../services/platform/messages/index.js';
import { logger } from '../../services/platform/logger.js';

export const FILE_INFO_CARD_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';

/** OneDrive upload sessions take chunks in multiples of 320 KiB; 10 of them is well under the 60 MiB limit. */
const CHUNK_BYTES = 320 * 1024 * 10;

/** PUTs the bytes to an upload session URL, one Content-Range at a time. */
export async function uploadInChunks(uploadUrl: string, content: Buffer, chunkBytes = CHUNK_BYTES): Promise<void> {
  const total = content.length;
  for (let start = 0; start < total || (total === 0 && start === 0); start += chunkBytes) {
    const end = Math.min(total, start + chunkBytes);
    const res = await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'content-range': `bytes ${start}-${Math.max(start, end - 1)}/${total}`, 'content-length': String(end - start) },
      body: new Uint8Array(content.subarray(start, end)),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`upload answered ${res.status}`);
    await res.arrayBuffer().catch(() => undefined);
    if (total === 0) break;
  }
}

function contextOf(response: FileConsentCardResponse): FileConsentContext | undefined {
  const c = response.context as Partial<FileConsentContext> | undefined;
  return typeof c?.url === 'string' && typeof c.name === 'string' ? { url: c.url, name: c.name } : undefined;
}

/** The consent card is answered: take it away so it cannot be answered twice. */
async function removeConsentCard(context: TurnContext): Promise<void> {
  const id = context.activity.replyToId;
  if (id) await context.deleteActivity(id).catch(() => undefined);
}

export function registerFileConsent(bot: BotApplication, container: Pick<Container, 'dataSource' | 'workflow' | 'links'>): void {
  const producers = signedFileProducers(container);

  bot.app.fileConsentAccept(async (context, _state, response) => {
    const consent = contextOf(response);
    const upload = response.uploadInfo;
    const file = consent ? await resolveSignedLink(producers, container.links, consent.url).catch(() => null) : null;
    if (!file || !upload?.uploadUrl) {
      await context.sendActivity(files.consentGone);
      return;
    }
    try {
      await uploadInChunks(upload.uploadUrl, file.content);
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message } }, 'file consent upload failed');
      await context.sendActivity(files.consentFailed);
      return;
    }
    await removeConsentCard(context);
    await context.sendActivity({
      type: 'message',
      text: files.consentAccepted(upload.name ?? file.name),
      attachments: [
        {
          contentType: FILE_INFO_CARD_CONTENT_TYPE,
          contentUrl: upload.contentUrl,
          name: upload.name ?? file.name,
          content: { uniqueId: upload.uniqueId, fileType: upload.fileType },
        },
      ],
    });
  });

  bot.app.fileConsentDecline(async (context) => {
    await removeConsentCard(context);
    await context.sendActivity(files.consentDeclined);
  });
}
