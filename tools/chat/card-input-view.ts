// An input of an Adaptive Card as the terminal chat shows it: read into the model (number, type, choices,
// limits), then one line with its number, name, hints and value, and indented lines for a placeholder, a
// toggle's title and the numbered choices.
import { describeInputValue } from './card-interaction.js';
import type { CardInput, Choice, InputType, Json } from './card-model.js';
import { formatIsoDate } from './card-text-format.js';
import { arr, isObject, str } from './json-values.js';

export const INPUT_TYPES = new Set<string>(['Input.Text', 'Input.Number', 'Input.Date', 'Input.Time', 'Input.ChoiceSet', 'Input.Toggle']);

/** The input element read into the model; undefined without an id (a renderer would not send it). */
export function readInput(el: Json, type: InputType, number: number, scope: number): CardInput | undefined {
  const id = str(el.id);
  if (!id) return undefined;
  const choices: Choice[] = arr(el.choices)
    .filter(isObject)
    .map((c) => ({ title: str(c.title) ?? str(c.value) ?? '', value: str(c.value) ?? str(c.title) ?? '' }));
  const input: CardInput = {
    number,
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
  return input;
}

/** The lines an input is shown with (`nested`: indented under the first one); `current` is its value now. */
export function inputLines(input: CardInput, el: Json, current: string | undefined): Array<{ text: string; nested: boolean }> {
  const lines: Array<{ text: string; nested: boolean }> = [];
  const { id, type, choices } = input;
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
  lines.push({
    text: `✎ [ô ${input.number}] ${name}${input.isRequired ? ' (bắt buộc)' : ''} (${hints.join(', ')}) = ${shown}`,
    nested: false,
  });
  if (input.label && input.placeholder && type !== 'Input.Toggle') lines.push({ text: `gợi ý: ${input.placeholder}`, nested: true });
  if (type === 'Input.Toggle' && str(el.title) && str(el.title) !== input.label) lines.push({ text: str(el.title)!, nested: true });
  if (choices.length) {
    lines.push({ text: `lựa chọn: ${choices.map((c, i) => `${i + 1}) ${c.title}`).join('  ')}`, nested: true });
  }
  return lines;
}
