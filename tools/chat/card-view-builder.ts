// Builds the text lines and the input/button model of what the bot sent: Adaptive Card elements (text,
// facts, images, containers, columns, tables), inputs (card-input-view.ts), actions, and Bot Framework
// buttons (suggested actions, file consent). One instance renders one activity.
import { effectiveInputValue } from './card-interaction.js';
import { INPUT_TYPES, inputLines, readInput } from './card-input-view.js';
import type { CardActionModel, CardInput, InputType, Json, RenderOptions } from './card-model.js';
import { expandTextFunctions } from './card-text-format.js';
import { arr, isObject, str } from './json-values.js';

/** Builds the lines and the input/action model; one instance renders one activity. */
export class ViewBuilder {
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
    const input = readInput(el, type, this.inputs.length + 1, scope);
    if (!input) return;
    this.inputs.push(input);
    const current = effectiveInputValue(input, this.options.values);
    for (const line of inputLines(input, el, current)) this.out(line.nested ? `${indent}    ` : indent, line.text);
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
