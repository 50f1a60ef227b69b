// Renders what this bot sends (Adaptive Cards, suggested actions, file consent and file attachments) as
// readable terminal text, and builds the model of its inputs and actions that the terminal chat acts on:
// numbered inputs with their current values and numbered buttons.
//
// Its parts: card-model.ts (the model), card-view-builder.ts (cards and buttons to lines), card-input-view.ts
// (an input's lines), card-text-format.ts (markdown, dates, sizes, the frame), card-interaction.ts (/set and
// /click on the model).
import {
  ADAPTIVE_CARD,
  FILE_CONSENT_CARD,
  FILE_DOWNLOAD_INFO,
  FILE_INFO_CARD,
  type Json,
  type RenderedView,
  type RenderOptions,
} from './card-model.js';
import { expandTextFunctions, formatBytes, FRAME_BOTTOM, FRAME_TOP, htmlToText, unescapeMarkdown } from './card-text-format.js';
import { ViewBuilder } from './card-view-builder.js';
import { arr, isObject, str } from './json-values.js';

/** Render one Adaptive Card (no activity around it). */
export function renderAdaptiveCard(card: unknown, options: RenderOptions = {}): RenderedView {
  const builder = new ViewBuilder(options);
  if (isObject(card)) builder.adaptiveCard(card, '', []);
  return { lines: builder.lines, inputs: builder.inputs, actions: builder.actions, cards: builder.cards };
}

export interface ActivityLike {
  type?: string;
  id?: string;
  text?: string;
  textFormat?: string;
  attachments?: unknown[];
  suggestedActions?: { actions?: unknown[] };
  [key: string]: unknown;
}

/** Name and address of a file the bot sent, if the attachment is one. */
export function fileOfAttachment(attachment: Json): { name: string; url?: string; size?: number } | undefined {
  const contentType = str(attachment.contentType) ?? '';
  const content = isObject(attachment.content) ? attachment.content : {};
  if (contentType === FILE_DOWNLOAD_INFO) {
    return { name: str(attachment.name) ?? 'tệp', url: str(content.downloadUrl) ?? str(attachment.contentUrl) };
  }
  if (contentType === FILE_INFO_CARD) {
    return { name: str(attachment.name) ?? 'tệp', url: str(attachment.contentUrl) };
  }
  if (contentType.startsWith('application/vnd.microsoft.card.') || contentType.startsWith('application/vnd.microsoft.teams.card.')) {
    return undefined;
  }
  const url = str(attachment.contentUrl);
  if (!url && !str(attachment.name)) return undefined;
  return { name: str(attachment.name) ?? 'tệp', url };
}

/**
 * Render an activity the bot sent: its text, each attachment, suggested actions. Returns undefined for
 * activities that show nothing (typing, events).
 */
export function renderActivity(activity: ActivityLike, options: RenderOptions = {}): RenderedView | undefined {
  if (activity.type && activity.type !== 'message') return undefined;
  const builder = new ViewBuilder({ ...options, activityId: options.activityId ?? activity.id });
  const text = str(activity.text);
  if (text)
    builder.out(
      '',
      activity.textFormat === 'xml'
        ? htmlToText(text)
        : expandTextFunctions(activity.textFormat === 'markdown' ? unescapeMarkdown(text) : text),
    );
  arr(activity.attachments).forEach((raw, index) => {
    if (!isObject(raw)) return;
    builder.setAttachment(index);
    renderAttachment(builder, raw);
  });
  builder.setAttachment(undefined);
  const suggested = arr(activity.suggestedActions?.actions);
  if (suggested.length) {
    builder.out('', 'Gợi ý:');
    builder.cardActions(suggested, '  ');
  }
  if (builder.lines.length === 0) return undefined;
  return { lines: builder.lines, inputs: builder.inputs, actions: builder.actions, cards: builder.cards };
}

function renderAttachment(builder: ViewBuilder, attachment: Json): void {
  const contentType = str(attachment.contentType) ?? '';
  const content = isObject(attachment.content) ? attachment.content : undefined;
  const out = (indent: string, text: string) => builder.out(indent, text);
  switch (contentType) {
    case ADAPTIVE_CARD:
      if (content) {
        out('', FRAME_TOP);
        builder.adaptiveCard(content, '│ ', []);
        out('', FRAME_BOTTOM);
      }
      return;
    case FILE_CONSENT_CARD: {
      const size = typeof content?.sizeInBytes === 'number' ? ` (${formatBytes(content.sizeInBytes)})` : '';
      out('', `📎 Trợ lý muốn gửi tệp «${str(attachment.name) ?? 'tệp'}»${size}.`);
      if (str(content?.description)) out('  ', str(content?.description)!);
      builder.cardActions(
        [
          { type: 'fileConsent', title: 'Chấp nhận', value: { action: 'accept', context: content?.acceptContext } },
          { type: 'fileConsent', title: 'Từ chối', value: { action: 'decline', context: content?.declineContext } },
        ],
        '  ',
      );
      return;
    }
  }
  const file = fileOfAttachment(attachment);
  if (file) {
    const url = file.url?.startsWith('data:') ? `(dữ liệu nhúng, ${formatBytes(dataUrlSize(file.url))})` : (file.url ?? '');
    const kind = contentType.startsWith('image/') ? '🖼 Hình ảnh' : '📎 Tệp';
    out('', `${kind}: ${file.name}${url ? ` ${url}` : ''}`);
    return;
  }
  out('', `[Nội dung loại ${contentType || 'không rõ'}]`);
}

function dataUrlSize(url: string): number {
  const comma = url.indexOf(',');
  const payload = comma >= 0 ? url.slice(comma + 1) : '';
  return url.slice(0, comma).includes(';base64') ? Math.floor((payload.length * 3) / 4) : payload.length;
}
