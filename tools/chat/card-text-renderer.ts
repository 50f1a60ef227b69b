// Renders what this bot sends (Adaptive Cards, suggested actions, file consent and file attachments) as
// readable terminal text, and builds the model of its inputs and actions that the terminal chat acts on:
// numbered inputs with their current values and numbered buttons.
import { foldKey } from '../../services/text/vietnamese.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.card.file.download.info';
export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

type Json = Record<string, unknown>;

export interface Choice {
  title: string;
  value: string;
}

export type InputType = 'Input.Text' | 'Input.Number' | 'Input.Date' | 'Input.Time' | 'Input.ChoiceSet' | 'Input.Toggle';

export interface CardInput {
  number: number;
  id: string;
  type: InputType;
  label?: string;
  placeholder?: string;
  isRequired: boolean;
  errorMessage?: string;
  /** The card's own `value` (the default), as the string a renderer would send. */
  defaultValue?: string;
  choices: Choice[];
  isMultiSelect: boolean;
  /** Free text allowed besides the listed choices (typeahead with `choices.data`). */
  allowsCustomChoice: boolean;
  isMultiline: boolean;
  min?: string;
  max?: string;
  maxLength?: number;
  regex?: string;
  valueOn: string;
  valueOff: string;
  /** Id of the (sub)card the input belongs to: an action gathers the inputs of its card and the cards above. */
  scope: number;
}

export type ActionKind = 'execute' | 'submit' | 'openUrl' | 'showCard' | 'cardAction';

export interface CardActionModel {
  number: number;
  kind: ActionKind;
  /** Adaptive Card action type (`Action.Execute`…) or Bot Framework CardAction type (`imBack`…). */
  type: string;
  title: string;
  verb?: string;
  data?: unknown;
  url?: string;
  actionId?: string;
  /** For CardAction buttons (suggested actions, file consent). */
  value?: unknown;
  text?: string;
  displayText?: string;
  /** `auto` (gather inputs of its card and parents) or `none`. */
  associatedInputs: 'auto' | 'none';
  /** Scopes whose inputs this action gathers (its card first, then the parents). */
  scopes: number[];
  isEnabled: boolean;
  /** The activity carrying the card (Teams sends it as `replyToId` when the button is pressed). */
  activityId?: string;
  /** Index of the attachment in the activity. */
  attachmentIndex?: number;
}

/** Everything shown for one activity, with what the user can act on. */
export interface RenderedView {
  lines: string[];
  inputs: CardInput[];
  actions: CardActionModel[];
  /** Adaptive Cards found, in order (to find the card an action belongs to). */
  cards: Json[];
}

export interface RenderOptions {
  /** Current input values (id → value) to show instead of the defaults. */
  values?: ReadonlyMap<string, string>;
  /** Activity id recorded on the actions. */
  activityId?: string;
  /** Width used for separators. */
  width?: number;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Markdown as a terminal shows it: escapes removed ("1\\.200" → "1.200"), **bold** and `code` markers
 * dropped. Teams renders TextBlock text and message text as markdown, so the bot escapes what it means literally.
 */
export function markdownToText(text: string): string {
  return text
    .replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>|~<])/g, '$1');
}

/**
 * Adaptive Card text functions `{{DATE(…)}}` and `{{TIME(…)}}` rendered in Vietnamese style (markdown as text).
 */
export function expandTextFunctions(text: string): string {
  return markdownToText(text).replace(
    /\{\{(DATE|TIME)\(([^,)]+)(?:,\s*(COMPACT|SHORT|LONG))?\)\}\}/g,
    (whole, fn: string, iso: string, style?: string) => {
      const date = new Date(iso.trim());
      if (Number.isNaN(date.getTime())) return whole;
      if (fn === 'TIME') return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
      if (style === 'LONG' || style === 'SHORT') {
        return date.toLocaleDateString('vi-VN', {
          weekday: style === 'LONG' ? 'long' : 'short',
          day: 'numeric',
          month: style === 'LONG' ? 'long' : 'short',
          year: 'numeric',
        });
      }
      return `${pad2(date.getDate())}/${pad2(date.getMonth() + 1)}/${date.getFullYear()}`;
    },
  );
}

/** Teams `xml` text format (a subset of HTML) to plain text. */
export function htmlToText(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, '$2 ($1)')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  return `${(size / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

function toggleShown(input: CardInput, value: string | undefined): string {
  return value === input.valueOn ? 'bật' : 'tắt';
}

/** How an input's value reads for a person: choice titles instead of values, bật/tắt for a toggle. */
export function describeInputValue(input: CardInput, value: string | undefined): string {
  if (input.type === 'Input.Toggle') return toggleShown(input, value ?? input.valueOff);
  if (value === undefined || value === '') return '«chưa nhập»';
  if (input.type === 'Input.Date') return formatIsoDate(value);
  if (input.type === 'Input.ChoiceSet') {
    const parts = input.isMultiSelect ? value.split(',') : [value];
    return parts.map((v) => input.choices.find((c) => c.value === v)?.title ?? v).join(', ');
  }
  return value;
}

/** The input's value as a renderer would send it (defaults applied; toggles always have one). */
export function effectiveInputValue(input: CardInput, values?: ReadonlyMap<string, string>): string | undefined {
  const value = values?.has(input.id) ? values.get(input.id) : input.defaultValue;
  if (input.type === 'Input.Toggle') return value === input.valueOn ? input.valueOn : input.valueOff;
  return value === undefined || value === '' ? undefined : value;
}

const INPUT_TYPES = new Set<string>(['Input.Text', 'Input.Number', 'Input.Date', 'Input.Time', 'Input.ChoiceSet', 'Input.Toggle']);

/** Builds the lines and the input/action model; one instance renders one activity. */
class ViewBuilder {
  readonly lines: string[] = [];
  readonly inputs: CardInput[] = [];
  readonly actions: CardActionModel[] = [];
  readonly cards: Json[] = [];
  private scopeCounter = 0;
  private attachmentIndex?: number;

  constructor(private readonly options: RenderOptions) {}

  out(indent: string, text: string): void {
    for (const line of text.split('\n')) this.lines.push(`${indent}${line}`.trimEnd());
  }

  setAttachment(index: number | undefined): void {
    this.attachmentIndex = index;
  }

  // ---- Adaptive Cards -------------------------------------------------------------------------------------

  adaptiveCard(card: Json, indent: string, parentScopes: number[]): void {
    this.cards.push(card);
    const scope = ++this.scopeCounter;
    const scopes = [scope, ...parentScopes];
    this.elements(arr(card.body), indent, scope, scopes);
    const actions = arr(card.actions);
    if (actions.length) this.actionList(actions, indent, scope, scopes);
    if (arr(card.body).length === 0 && actions.length === 0) {
      const fallback = str(card.fallbackText) ?? str(card.speak);
      if (fallback) this.out(indent, fallback);
    }
  }

  private elements(items: unknown[], indent: string, scope: number, scopes: number[]): void {
    for (const item of items) if (isObject(item)) this.element(item, indent, scope, scopes);
  }

  private element(el: Json, indent: string, scope: number, scopes: number[]): void {
    if (el.isVisible === false) return;
    const type = str(el.type) ?? '';
    if (INPUT_TYPES.has(type)) {
      this.input(el, type as InputType, indent, scope);
      return;
    }
    switch (type) {
      case 'TextBlock': {
        const text = str(el.text);
        if (text) this.out(indent, expandTextFunctions(text));
        break;
      }
      case 'RichTextBlock': {
        const text = arr(el.inlines)
          .map((inline) => (typeof inline === 'string' ? inline : isObject(inline) ? (str(inline.text) ?? '') : ''))
          .join('');
        if (text) this.out(indent, expandTextFunctions(text));
        break;
      }
      case 'FactSet':
        for (const fact of arr(el.facts)) {
          if (!isObject(fact)) continue;
          const title = expandTextFunctions(str(fact.title) ?? '');
          const value = expandTextFunctions(str(fact.value) ?? '');
          this.out(indent, title ? `${title.replace(/:\s*$/, '')}: ${value}` : value);
        }
        break;
      case 'Image':
        this.out(indent, this.imageText(el));
        break;
      case 'ImageSet':
        for (const image of arr(el.images)) if (isObject(image)) this.out(indent, this.imageText(image));
        break;
      case 'Media': {
        const source = arr(el.sources).find(isObject);
        const alt = str(el.altText);
        this.out(indent, `[Video${alt ? `: ${alt}` : ''}]${source && str(source.url) ? ` ${str(source.url)}` : ''}`);
        break;
      }
      case 'Container':
        this.elements(arr(el.items), indent, scope, scopes);
        break;
      case 'ColumnSet':
        this.columnSet(el, indent, scope, scopes);
        break;
      case 'Column':
        this.elements(arr(el.items), indent, scope, scopes);
        break;
      case 'Table':
        this.table(el, indent, scope, scopes);
        break;
      case 'ActionSet':
        this.actionList(arr(el.actions), indent, scope, scopes);
        break;
      default: {
        // Unknown element: use its fallback if it has one (as a renderer would), else its text, if any.
        if (isObject(el.fallback)) this.element(el.fallback, indent, scope, scopes);
        else if (str(el.text)) this.out(indent, str(el.text)!);
      }
    }
    if (isObject(el.selectAction)) {
      this.action(el.selectAction, indent, scope, scopes, str(el.altText) ?? this.firstText(el));
    }
  }

  private firstText(el: Json): string | undefined {
    if (str(el.text)) return str(el.text);
    for (const key of ['items', 'columns']) {
      for (const child of arr(el[key])) {
        if (isObject(child)) {
          const text = this.firstText(child);
          if (text) return text;
        }
      }
    }
    return undefined;
  }

  private imageText(image: Json): string {
    const alt = str(image.altText);
    const url = str(image.url);
    if (alt) return `[Hình ảnh: ${alt}]`;
    return `[Hình ảnh]${url && !url.startsWith('data:') ? ` ${url}` : ''}`;
  }

  private columnSet(el: Json, indent: string, scope: number, scopes: number[]): void {
    const columns = arr(el.columns)
      .filter(isObject)
      .filter((c) => c.isVisible !== false);
    // Columns of one short line each read best side by side; anything richer is listed in order.
    const rendered = columns.map((column) => {
      const sub = new ViewBuilder(this.options);
      sub.scopeCounter = this.scopeCounter;
      sub.elements(arr(column.items), '', scope, scopes);
      return sub;
    });
    const simple = rendered.every((r) => r.inputs.length === 0 && r.actions.length === 0 && r.lines.length <= 1);
    if (simple) {
      const text = rendered
        .map((r) => r.lines[0] ?? '')
        .filter((t) => t.trim() !== '')
        .join('  |  ');
      if (text) this.out(indent, text);
      for (const column of columns) {
        if (isObject(column.selectAction)) this.action(column.selectAction, indent, scope, scopes, this.firstText(column));
      }
      return;
    }
    for (const column of columns) {
      this.elements(arr(column.items), indent, scope, scopes);
      if (isObject(column.selectAction)) this.action(column.selectAction, indent, scope, scopes, this.firstText(column));
    }
  }

  private table(el: Json, indent: string, scope: number, scopes: number[]): void {
    for (const row of arr(el.rows)) {
      if (!isObject(row)) continue;
      const cells = arr(row.cells).map((cell) => {
        if (!isObject(cell)) return '';
        const sub = new ViewBuilder(this.options);
        sub.elements(arr(cell.items), '', scope, scopes);
        return sub.lines.join(' ').trim();
      });
      this.out(indent, cells.join('  |  '));
    }
  }

  private input(el: Json, type: InputType, indent: string, scope: number): void {
    const id = str(el.id);
    if (!id) return;
    const choices: Choice[] = arr(el.choices)
      .filter(isObject)
      .map((c) => ({ title: str(c.title) ?? str(c.value) ?? '', value: str(c.value) ?? str(c.title) ?? '' }));
    const input: CardInput = {
      number: this.inputs.length + 1,
      id,
      type,
      label: str(el.label) ?? (type === 'Input.Toggle' ? str(el.title) : undefined),
      placeholder: str(el.placeholder),
      isRequired: el.isRequired === true,
      errorMessage: str(el.errorMessage),
      defaultValue: str(el.value),
      choices,
      isMultiSelect: el.isMultiSelect === true,
      allowsCustomChoice: isObject(el['choices.data']),
      isMultiline: el.isMultiline === true,
      min: str(el.min),
      max: str(el.max),
      maxLength: typeof el.maxLength === 'number' ? el.maxLength : undefined,
      regex: str(el.regex),
      valueOn: str(el.valueOn) ?? 'true',
      valueOff: str(el.valueOff) ?? 'false',
      scope,
    };
    this.inputs.push(input);
    const current = effectiveInputValue(input, this.options.values);
    const name = input.label ?? input.placeholder ?? id;
    const hints: string[] = [`id: ${id}`];
    switch (type) {
      case 'Input.Text':
        hints.push(input.isMultiline ? 'văn bản nhiều dòng' : 'văn bản');
        if (input.maxLength) hints.push(`tối đa ${input.maxLength} ký tự`);
        break;
      case 'Input.Number':
        hints.push('số');
        if (input.min !== undefined) hints.push(`từ ${input.min}`);
        if (input.max !== undefined) hints.push(`đến ${input.max}`);
        break;
      case 'Input.Date':
        hints.push('ngày dd/mm/yyyy');
        if (input.min) hints.push(`từ ${formatIsoDate(input.min)}`);
        if (input.max) hints.push(`đến ${formatIsoDate(input.max)}`);
        break;
      case 'Input.Time':
        hints.push('giờ HH:mm');
        break;
      case 'Input.ChoiceSet':
        hints.push(input.isMultiSelect ? 'chọn nhiều, cách nhau bằng dấu phẩy' : 'chọn một');
        break;
      case 'Input.Toggle':
        hints.push('bật/tắt');
        break;
    }
    const shown = describeInputValue(input, current);
    this.out(indent, `✎ [ô ${input.number}] ${name}${input.isRequired ? ' (bắt buộc)' : ''} (${hints.join(', ')}) = ${shown}`);
    if (input.label && input.placeholder && type !== 'Input.Toggle') this.out(`${indent}    `, `gợi ý: ${input.placeholder}`);
    if (type === 'Input.Toggle' && str(el.title) && str(el.title) !== input.label) this.out(`${indent}    `, str(el.title)!);
    if (choices.length) {
      this.out(`${indent}    `, `lựa chọn: ${choices.map((c, i) => `${i + 1}) ${c.title}`).join('  ')}`);
    }
  }

  private actionList(actions: unknown[], indent: string, scope: number, scopes: number[]): void {
    for (const action of actions) if (isObject(action)) this.action(action, indent, scope, scopes);
  }

  private action(action: Json, indent: string, _scope: number, scopes: number[], fallbackTitle?: string): void {
    const type = str(action.type) ?? '';
    if (action.isVisible === false) return;
    const title = str(action.title) ?? fallbackTitle ?? str(action.verb) ?? 'Nút';
    const base = {
      number: this.actions.length + 1,
      type,
      title,
      actionId: str(action.id),
      associatedInputs: (str(action.associatedInputs) === 'none' ? 'none' : 'auto') as 'auto' | 'none',
      scopes,
      isEnabled: action.isEnabled !== false,
      activityId: this.options.activityId,
      attachmentIndex: this.attachmentIndex,
    };
    const disabled = base.isEnabled ? '' : ' (không dùng được)';
    switch (type) {
      case 'Action.Execute':
        this.actions.push({ ...base, kind: 'execute', verb: str(action.verb), data: action.data });
        this.out(indent, `▶ [${base.number}] ${title}${disabled}`);
        break;
      case 'Action.Submit':
        this.actions.push({ ...base, kind: 'submit', data: action.data });
        this.out(indent, `▶ [${base.number}] ${title}${disabled}`);
        break;
      case 'Action.OpenUrl':
        this.actions.push({ ...base, kind: 'openUrl', url: str(action.url) });
        this.out(indent, `▶ [${base.number}] ${title} → ${str(action.url) ?? ''}`);
        break;
      case 'Action.ShowCard': {
        this.actions.push({ ...base, kind: 'showCard' });
        this.out(indent, `▶ [${base.number}] ${title} ▾`);
        if (isObject(action.card)) this.adaptiveCard(action.card, `${indent}    │ `, scopes);
        break;
      }
      case 'Action.ToggleVisibility':
        break;
      default:
        if (isObject(action.fallback)) this.action(action.fallback, indent, _scope, scopes, fallbackTitle);
    }
  }

  // ---- Bot Framework card actions (suggested actions, file consent) ------------------------------------

  cardActions(buttons: unknown[], indent: string): void {
    for (const button of buttons) {
      if (!isObject(button)) continue;
      const type = str(button.type) ?? 'imBack';
      const title = str(button.title) ?? str(button.text) ?? str(button.value) ?? 'Nút';
      const number = this.actions.length + 1;
      const isUrl = ['openUrl', 'signin', 'downloadFile', 'playAudio', 'playVideo', 'showImage'].includes(type);
      this.actions.push({
        number,
        kind: isUrl ? 'openUrl' : 'cardAction',
        type,
        title,
        value: button.value,
        text: str(button.text),
        displayText: str(button.displayText),
        url: isUrl ? str(button.value) : undefined,
        associatedInputs: 'none',
        scopes: [],
        isEnabled: true,
        activityId: this.options.activityId,
        attachmentIndex: this.attachmentIndex,
      });
      this.out(indent, `▶ [${number}] ${title}${isUrl && str(button.value) ? ` → ${str(button.value)}` : ''}`);
    }
  }
}

const FRAME_TOP = '┌─ Thẻ ─────────────────────────────';
const FRAME_BOTTOM = '└───────────────────────────────────';

/** Lines of a card inside the same frame the chat uses for cards in messages. */
export function frameCard(lines: string[], title = 'Thẻ'): string[] {
  const top = title === 'Thẻ' ? FRAME_TOP : `┌─ ${title} ${'─'.repeat(Math.max(3, 32 - title.length))}`;
  return [top, ...lines.map((l) => `│ ${l}`.trimEnd()), FRAME_BOTTOM];
}

function formatIsoDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

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

/** Markdown as a chat client shows it: hard breaks as line breaks, backslash escapes resolved. */
function unescapeMarkdown(text: string): string {
  return text
    .replace(/ {2}\n/g, '\n')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\u00a0/g, ' ');
}

function dataUrlSize(url: string): number {
  const comma = url.indexOf(',');
  const payload = comma >= 0 ? url.slice(comma + 1) : '';
  return url.slice(0, comma).includes(';base64') ? Math.floor((payload.length * 3) / 4) : payload.length;
}

// ---- input values ---------------------------------------------------------------------------------------

export type ParsedValue = { ok: true; value: string } | { ok: false; error: string };

function inputName(input: CardInput): string {
  return input.label ?? input.placeholder ?? input.id;
}

function isoDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

const TRUE_WORDS = new Set(['co', 'bat', 'yes', 'y', 'true', '1', 'on', 'x', 'dong y']);
const FALSE_WORDS = new Set(['khong', 'tat', 'no', 'n', 'false', '0', 'off']);

/**
 * Turn what the user typed for an input into the string value an Adaptive Card renderer sends, or a
 * Vietnamese explanation of why it is not acceptable. An empty string clears the input.
 */
export function parseInputValue(input: CardInput, raw: string): ParsedValue {
  const text = raw.trim();
  const name = inputName(input);
  if (text === '' && input.type !== 'Input.Toggle') return { ok: true, value: '' };
  switch (input.type) {
    case 'Input.Text': {
      const value = raw.replace(/\\n/g, '\n').trim();
      if (input.maxLength && value.length > input.maxLength) {
        return { ok: false, error: `«${name}» dài tối đa ${input.maxLength} ký tự (đang có ${value.length}).` };
      }
      if (input.regex) {
        let pattern: RegExp | undefined;
        try {
          pattern = new RegExp(input.regex);
        } catch {
          pattern = undefined;
        }
        if (pattern && !pattern.test(value)) {
          return { ok: false, error: input.errorMessage ?? `«${name}» không đúng định dạng yêu cầu.` };
        }
      }
      return { ok: true, value };
    }
    case 'Input.Number': {
      const normalised = text.replace(/\s/g, '').replace(/^(-?\d+),(\d+)$/, '$1.$2');
      const n = Number(normalised);
      if (!/^-?\d+(\.\d+)?$/.test(normalised) || !Number.isFinite(n)) {
        return { ok: false, error: `«${name}» phải là một số (ví dụ 12 hoặc 3,5).` };
      }
      if (input.min !== undefined && n < Number(input.min)) return { ok: false, error: `«${name}» phải từ ${input.min} trở lên.` };
      if (input.max !== undefined && n > Number(input.max)) return { ok: false, error: `«${name}» không được lớn hơn ${input.max}.` };
      return { ok: true, value: String(n) };
    }
    case 'Input.Date': {
      let value: string | undefined;
      let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
      if (m) value = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
      if (m) value = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
      if (!value) return { ok: false, error: `«${name}» phải là một ngày có thật, dạng dd/mm/yyyy (ví dụ 30/11/2025).` };
      if (input.min && value < input.min) return { ok: false, error: `«${name}» phải từ ngày ${formatIsoDate(input.min)} trở đi.` };
      if (input.max && value > input.max) return { ok: false, error: `«${name}» không được sau ngày ${formatIsoDate(input.max)}.` };
      return { ok: true, value };
    }
    case 'Input.Time': {
      const m = /^(\d{1,2})\s*(?::|h|giờ)\s*(\d{0,2})\s*(?:phút|p)?$/i.exec(text);
      const hours = m ? Number(m[1]) : NaN;
      const minutes = m && m[2] ? Number(m[2]) : 0;
      if (!m || hours > 23 || minutes > 59) return { ok: false, error: `«${name}» phải là giờ dạng HH:mm (ví dụ 14:30).` };
      const value = `${pad2(hours)}:${pad2(minutes)}`;
      if (input.min && value < input.min) return { ok: false, error: `«${name}» phải từ ${input.min} trở đi.` };
      if (input.max && value > input.max) return { ok: false, error: `«${name}» không được sau ${input.max}.` };
      return { ok: true, value };
    }
    case 'Input.ChoiceSet': {
      const wanted = input.isMultiSelect
        ? text
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean)
        : [text];
      const values: string[] = [];
      for (const want of wanted) {
        const choice = findChoice(input, want);
        if (choice) values.push(choice.value);
        else if (input.allowsCustomChoice || input.choices.length === 0) values.push(want);
        else {
          return {
            ok: false,
            error: `«${want}» không có trong lựa chọn của «${name}». Chọn một trong: ${input.choices
              .map((c, i) => `${i + 1}) ${c.title}`)
              .join(', ')}.`,
          };
        }
      }
      return { ok: true, value: [...new Set(values)].join(',') };
    }
    case 'Input.Toggle': {
      const key = foldKey(text);
      if (text === input.valueOn || TRUE_WORDS.has(key)) return { ok: true, value: input.valueOn };
      if (text === input.valueOff || FALSE_WORDS.has(key) || key === '') return { ok: true, value: input.valueOff };
      return { ok: false, error: `«${name}» chỉ nhận «bật» hoặc «tắt» (có/không).` };
    }
  }
}

function findChoice(input: CardInput, wanted: string): Choice | undefined {
  const exact = input.choices.find((c) => c.value === wanted);
  if (exact) return exact;
  if (/^\d+$/.test(wanted)) {
    const byNumber = input.choices[Number(wanted) - 1];
    if (byNumber) return byNumber;
  }
  const key = foldKey(wanted);
  return input.choices.find((c) => foldKey(c.title) === key || foldKey(c.value) === key);
}

/**
 * Inputs an action gathers (its card and the cards above it), their values as an Adaptive Card renderer
 * sends them (only inputs that have a value, toggles always), and the required ones still empty.
 */
export function gatherInputs(
  action: CardActionModel,
  inputs: CardInput[],
  values: ReadonlyMap<string, string>,
): { values: Record<string, string>; missing: CardInput[] } {
  const gathered: Record<string, string> = {};
  const missing: CardInput[] = [];
  if (action.associatedInputs === 'none') return { values: gathered, missing };
  for (const input of inputs) {
    if (!action.scopes.includes(input.scope)) continue;
    const value = effectiveInputValue(input, values);
    if (value === undefined) {
      if (input.isRequired) missing.push(input);
      continue;
    }
    gathered[input.id] = value;
  }
  return { values: gathered, missing };
}

/** The action a user means: its number, or its title (case and diacritics ignored; a unique prefix is enough). */
export function findAction(actions: CardActionModel[], query: string): CardActionModel | undefined {
  const wanted = query.trim().replace(/^\[|\]$/g, '');
  if (/^\d+$/.test(wanted)) return actions.find((a) => a.number === Number(wanted));
  const key = foldKey(wanted);
  const exact = actions.filter((a) => foldKey(a.title) === key);
  if (exact.length >= 1) return exact[0];
  const partial = actions.filter((a) => foldKey(a.title).startsWith(key));
  if (partial.length === 1) return partial[0];
  const contains = actions.filter((a) => foldKey(a.title).includes(key));
  return contains.length === 1 ? contains[0] : undefined;
}

/** An input by id or by its number on the card. */
export function findInput(inputs: CardInput[], query: string): CardInput | undefined {
  const wanted = query.trim();
  const byId = inputs.find((i) => i.id === wanted);
  if (byId) return byId;
  if (/^\d+$/.test(wanted)) return inputs.find((i) => i.number === Number(wanted));
  const key = foldKey(wanted);
  return inputs.find((i) => foldKey(i.id) === key || (i.label !== undefined && foldKey(i.label) === key));
}
