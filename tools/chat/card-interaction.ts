// What a person does with a rendered card: a typed value checked and turned into what a renderer sends
// (/set), a value described back, the inputs an action gathers, an input or a button found by number or name.
import { foldKey } from '../../services/text/vietnamese.js';
import type { CardActionModel, CardInput, Choice } from './card-model.js';
import { formatIsoDate, pad2 } from './card-text-format.js';

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
