// Files in the terminal chat: `/file <path>` sends one as the Emulator does (hosted on the loopback
// connector), and files the bot sends (inline `data:` URLs or uploads after a file consent) are saved.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { attachmentActivity } from './activity-factory.js';
import type { ChatContext } from './chat-context.js';
import { chatTexts as t } from './chat-texts.js';
import type { UploadedFile } from './connector-types.js';

const FILE_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
};

/** Files sent inline (`data:` URLs) are written to the save folder so they can be opened. */
export async function saveEmbeddedFiles(chat: ChatContext, attachments: Array<{ contentUrl?: string; name?: string }>): Promise<void> {
  for (const attachment of attachments) {
    const url = attachment.contentUrl;
    if (!url?.startsWith('data:')) continue;
    const comma = url.indexOf(',');
    if (comma < 0) continue;
    const meta = url.slice(5, comma);
    const payload = url.slice(comma + 1);
    const data = meta.endsWith(';base64') ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
    const name = attachment.name ?? 'tep';
    try {
      chat.print(t.fileSaved(name, await saveFile(chat, name, data)));
    } catch (error) {
      chat.print(t.transportError(error instanceof Error ? error.message : String(error)));
    }
  }
}

/** A file the bot uploaded to the connector after the user accepted it, saved once. */
export async function saveUpload(chat: ChatContext, file: UploadedFile): Promise<void> {
  if (chat.printedUploads.has(file.id) || file.data.length === 0) return;
  chat.printedUploads.add(file.id);
  try {
    const path = await saveFile(chat, file.name, file.data);
    chat.print(t.fileSaved(file.name, path));
  } catch (error) {
    chat.print(t.transportError(error instanceof Error ? error.message : String(error)));
  }
}

async function saveFile(chat: ChatContext, name: string, data: Buffer): Promise<string> {
  await mkdir(chat.options.saveDir, { recursive: true });
  const safe = basename(name).replace(/[^\p{L}\p{N}._ -]/gu, '_') || 'tep';
  const path = join(chat.options.saveDir, `${randomBytes(3).toString('hex')}-${safe}`);
  await writeFile(path, data);
  return path;
}

/** A file sent as the Emulator sends one: hosted on the loopback connector, named by its URL. */
export async function sendFile(chat: ChatContext, path: string): Promise<void> {
  const full = resolve(path.replace(/^~(?=\/)/, homedir()));
  let data: Buffer;
  try {
    data = await readFile(full);
  } catch {
    chat.print(t.fileUnreadable(path));
    return;
  }
  const name = basename(full);
  const type = FILE_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
  const url = chat.connector.hostAttachment(name, type, data);
  await chat.send(attachmentActivity(chat.requireSession(), [{ contentType: type, contentUrl: url, name }]));
}
