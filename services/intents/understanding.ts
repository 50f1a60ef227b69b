// The one understanding step: a text and the conversation's situation → what the person means. No I/O:
// typed commands are matched by the caller's command table (bot/core/command-registry.ts) and only
// judged here. Measured by `npm run eval:understanding` on test/fixtures/utterances.*.
import { foldKey } from '../text/vietnamese.js';
import { recognizeIntent, type Intent } from './intent-recognizer.js';
import { asksAboutStep, foldedWords, isGibberish, questionStrength, readsAsQuestion } from './question-signals.js';
import { consentOf, type Consent } from './consent.js';
import { smallTalkOf, type SmallTalk } from './small-talk.js';

export type Situation =
  | { kind: 'idle' }
  /** A decision or follow-up card was just shown: its buttons act, typed text is still read the same way. */
  | { kind: 'card' }
  /** The plan wizard waits for the answer to a step; stepWords name it ("kinh phi", "linh vuc"). */
  | { kind: 'wizard'; stepId: string; stepWords?: string[] }
  | { kind: 'review' }
  | { kind: 'confirm' }
  /** A plan read from a document waits for "đồng ý", "sửa <mục>", "hủy" or lines completing its missing parts. */
  | { kind: 'import' };

export type WizardControl = 'save' | 'cancel' | 'back' | 'skip' | 'keep' | 'review';

export type Understanding =
  | { kind: 'command'; verb: string; data: Record<string, unknown> }
  | { kind: 'control'; word: WizardControl }
  | { kind: 'answer' }
  | { kind: 'question' }
  | { kind: 'step_question' }
  /** At a wizard step: content or a question? Asked back with two buttons, nothing stored yet. */
  | { kind: 'ambiguous' }
  | { kind: 'smalltalk'; talk: SmallTalk }
  /** "đồng ý", "không duyệt" with nothing asked: an answer to a decision waiting for the person, if any. */
  | { kind: 'consent'; consent: Consent }
  | { kind: 'help' }
  | { kind: 'intent'; intent: Exclude<Intent, 'question' | 'help' | 'greeting'> }
  | { kind: 'not_understood' };

/** A typed command as the command table matched it: the verb, its parsed data and the text after the keyword. */
export interface TypedCommand {
  verb: string;
  data: Record<string, unknown>;
  rest: string;
}
export type CommandMatcher = (text: string) => TypedCommand | undefined;

const CONTROL_WORDS: [WizardControl, string[]][] = [
  // "thôi" stops without losing anything: the draft is kept, as with "lưu nháp".
  ['save', ['luu nhap', 'thoat', 'luu', 'luu lai', 'tam dung', 'dung', 'thoat ra', 'thoi', 'thoi de sau', 'de sau', 'lam sau']],
  ['cancel', ['huy', 'huy bo', 'huy de xuat', 'huy nhap']],
  ['back', ['quay lai']],
  ['skip', ['bo qua']],
  ['keep', ['giu nguyen']],
  ['review', ['xem lai']],
];
const CONTROL = new Map(CONTROL_WORDS.flatMap(([word, phrases]) => phrases.map((p) => [p, word] as const)));

/** "lưu nháp", "quay lại", "bỏ qua" …: a whole message that steers the wizard. */
export function wizardControlOf(text: string): WizardControl | undefined {
  return CONTROL.get(
    foldKey(text)
      .replace(/[.!?]+$/, '')
      .trim(),
  );
}

/** A proposal code, a list number or a year: what makes a typed command act on something. */
const TARGET = /^(?:(?:đx|dx)[-\s]?\d{4}[-\s]?\d{1,6}|\d{1,6}|[\p{L}]{0,3}[-\s]?\d[\w-]*)$/iu;

/**
 * A typed command counts only in its exact form: one that acts on a proposal needs its code ("CHUYỂN
 * ĐX-2026-0007"), one without arguments must stand alone ("HÀNG ĐỢI"). "Chuyên viên … ?" is not CHUYỂN.
 */
export function acceptsCommand(command: TypedCommand): boolean {
  const { data, rest } = command;
  // A command that opens a dialog with the rest as its first answer ("báo vướng mắc: …"): its keyword is
  // long and specific enough to count with text after it. So does free text after a keyword no question
  // starts with ("PHÁT ĐỘNG PHỔ BIẾN …"), checked by its own parser.
  if (data.freeText === true) return true;
  if ('code' in data) return typeof data.code === 'string' && TARGET.test(data.code.trim());
  if ('index' in data || 'year' in data) return true;
  // A search carries its words ("tìm sáng kiến chữ ký số").
  if ('query' in data) return true;
  return rest.trim() === '';
}

const HELP_WORDS = new Set([
  'huong',
  'dan',
  'tro',
  'giup',
  'help',
  'su',
  'dung',
  'cach',
  'lenh',
  'cac',
  'danh',
  'sach',
  'xem',
  'toi',
  'bot',
  'lam',
  'duoc',
  'gi',
  'commands',
  'guide',
]);
const HELP_CORE = ['huong dan', 'tro giup', 'help', 'cach dung', 'danh sach lenh', 'cac lenh', 'giup toi', 'lam duoc gi'];

/** "hướng dẫn sử dụng", "các lệnh", "bot làm được gì": asks what the bot can do, not a policy question. */
function isHelp(text: string): boolean {
  const words = foldedWords(text);
  if (!words.length || words.length > 6) return false;
  const joined = ` ${words.join(' ')} `;
  return HELP_CORE.some((c) => joined.includes(` ${c} `)) && words.every((w) => HELP_WORDS.has(w));
}

type MenuIntent = 'menu' | 'my_tasks' | 'my_proposals';
const MENU_INTENTS = new Set<Intent>(['menu', 'my_tasks', 'my_proposals']);

const BARE_REPLIES = new Set([
  'co',
  'khong',
  'khong co',
  'ko',
  'k',
  'dung',
  'dung roi',
  'sai',
  'chua',
  'roi',
  'co a',
  'khong a',
  'yes',
  'no',
]);

/** Intents whose phrases, said whole, beat everything except a proposal code. */
function wholeIntent(text: string): Understanding | undefined {
  const { intent, score } = recognizeIntent(text);
  if (intent === 'question' || intent === 'greeting') return undefined;
  if (intent === 'help') return { kind: 'help' };
  // new_proposal may start a longer message ("tôi có ý tưởng về …"), but never a question.
  if (intent === 'new_proposal' && score < 1 && readsAsQuestion(text)) return undefined;
  return { kind: 'intent', intent };
}

/**
 * A typed command as people type it on a phone: "ko tán thành …" is KHÔNG TÁN THÀNH, "DX 2026 0005" is
 * ĐX-2026-0005. Only the keyword's negation and the code are rewritten; the comment stays as typed.
 */
export function commandForm(text: string): string {
  return text
    .replace(/^(ko|k|kh|khg|kg|hok)\s+/i, 'không ')
    .replace(
      /(^|\s)(?:đx|dx)[\s-]*(\d{4})[\s-]*(\d{1,6})(?=\s|$|[,.;:])/giu,
      (_m, pre: string, y: string, n: string) => `${pre}ĐX-${y}-${n}`,
    );
}

export function understand(text: string, situation: Situation, commands?: CommandMatcher): Understanding {
  const trimmed = text.trim();
  if (!trimmed) return situation.kind === 'idle' || situation.kind === 'card' ? { kind: 'intent', intent: 'menu' } : { kind: 'answer' };
  const typed = commands?.(trimmed);
  const retyped = commandForm(trimmed) !== trimmed ? commands?.(commandForm(trimmed)) : undefined;
  const command = [typed, retyped].find((c): c is TypedCommand => !!c && acceptsCommand(c));
  // A proposal code, a list number or a search's words: a command even in the middle of the wizard.
  const hasCode = !!command && ('code' in command.data || 'index' in command.data || 'query' in command.data);
  // A command the review card itself offers ("nêu tên tôi"): its data says so.
  const atReview = !!command && command.data.atReview === true;

  if (situation.kind === 'import') return importReading(trimmed, command, hasCode);
  if (situation.kind === 'wizard' || situation.kind === 'review' || situation.kind === 'confirm') {
    // What the dialog itself reads first: its control words and, at a confirmation, every short reply.
    if (situation.kind === 'confirm') return hasCode ? toCommand(command!) : isHelp(trimmed) ? { kind: 'help' } : { kind: 'answer' };
    const control = wizardControlOf(trimmed);
    if (control) return { kind: 'control', word: control };
    // "ghi: …" is the way to say "this is the content" when it reads as a question.
    if (/^ghi\s*:/.test(foldKey(trimmed))) return { kind: 'answer' };
    if (hasCode) return toCommand(command!);
    if (isHelp(trimmed)) return { kind: 'help' };
    // A menu word typed whole ("đề xuất của tôi", "việc chờ tôi", "theo dõi triển khai") is a command,
    // never the step's answer.
    const intent = recognizeIntent(trimmed);
    if (intent.score === 1 && MENU_INTENTS.has(intent.intent)) return { kind: 'intent', intent: intent.intent as MenuIntent };
    if (command) return toCommand(command);
    const talk = smallTalkOf(trimmed);
    if (talk && situation.kind === 'wizard' && talk !== 'ack') return { kind: 'smalltalk', talk };
    if (situation.kind === 'review') {
      if (atReview) return toCommand(command!);
      // "gửi đề xuất", "sửa kinh phí" are the review's own answers.
      if (/^(gui|nop|xac nhan|dong y|sua|chinh sua)\b/.test(foldKey(trimmed)) && !readsAsQuestion(trimmed)) return { kind: 'answer' };
      return readsAsQuestion(trimmed) ? { kind: 'question' } : talk ? { kind: 'smalltalk', talk } : { kind: 'answer' };
    }
    if (asksAboutStep(trimmed, situation.stepWords)) return { kind: 'step_question' };
    // "hỏi: …" is the way to say "this is a question" when it reads as content.
    if (/^hoi\s*:/.test(foldKey(trimmed))) return { kind: 'question' };
    const strength = questionStrength(trimmed);
    if (strength === 'strong') return { kind: 'question' };
    if (strength === 'weak') return { kind: 'ambiguous' };
    return { kind: 'answer' };
  }

  if (command) return toCommand(command);
  const consent = consentOf(trimmed);
  if (consent) return { kind: 'consent', consent };
  // Only dots or symbols: nothing to act on (the empty message alone opens the menu).
  if (!foldedWords(trimmed).length) return { kind: 'not_understood' };
  const talk = smallTalkOf(trimmed);
  if (talk) return { kind: 'smalltalk', talk };
  if (isHelp(trimmed)) return { kind: 'help' };
  // A bare yes or no with nothing asked: there is nothing to search the regulations for.
  if (BARE_REPLIES.has(foldedWords(trimmed).join(' '))) return { kind: 'not_understood' };
  const intent = wholeIntent(trimmed);
  if (intent) return intent;
  if (readsAsQuestion(trimmed)) return { kind: 'question' };
  if (isGibberish(trimmed)) return { kind: 'not_understood' };
  return { kind: 'question' };
}

/** The import's own words: "đồng ý", "lưu", "sửa kinh phí", "hủy", "xem lại" … (read by dialogs/plan-import-dialog.ts). */
const IMPORT_WORDS = /^(dong y|xac nhan|luu|ok|co|dung|yes|gui|nop|huy|bo|bo qua|khong|khong luu|thoi|xem lai|sua|chinh sua)(\s|$|[.,!])/;

/**
 * While a plan read from a document waits: its own words and the lines completing it are its answers; a
 * question, a menu word, help or a command with a code is answered apart and the plan keeps waiting.
 */
function importReading(text: string, command: TypedCommand | undefined, hasCode: boolean): Understanding {
  if (hasCode) return toCommand(command!);
  if (isHelp(text)) return { kind: 'help' };
  const folded = foldKey(text);
  if (/^ghi\s*:/.test(folded)) return { kind: 'answer' };
  if (/^hoi\s*:/.test(folded)) return { kind: 'question' };
  if (IMPORT_WORDS.test(folded) && !readsAsQuestion(text)) return { kind: 'answer' };
  const intent = recognizeIntent(text);
  if (intent.score === 1 && MENU_INTENTS.has(intent.intent)) return { kind: 'intent', intent: intent.intent as MenuIntent };
  if (command) return toCommand(command);
  // Several lines (one a missing part) or "Kinh phí: 150 triệu": the plan's own parts.
  if (/\n/.test(text.trim()) || /^[^:?\n]{2,60}:\s*\S/.test(text))
    return readsAsQuestion(text) ? { kind: 'ambiguous' } : { kind: 'answer' };
  const strength = questionStrength(text);
  if (strength === 'strong') return { kind: 'question' };
  if (strength === 'weak') return { kind: 'ambiguous' };
  const talk = smallTalkOf(text);
  if (talk && talk !== 'ack') return { kind: 'smalltalk', talk };
  return { kind: 'answer' };
}

function toCommand(command: TypedCommand): Understanding {
  return { kind: 'command', verb: command.verb, data: command.data };
}

/** The label the labelled set uses: "command:decision.forward", "smalltalk:thanks", "question" … */
export function labelOf(u: Understanding): string {
  switch (u.kind) {
    case 'command':
      return `command:${u.verb}`;
    case 'control':
      return `control:${u.word}`;
    case 'smalltalk':
      return `smalltalk:${u.talk}`;
    case 'consent':
      return `consent:${u.consent.answer}`;
    case 'intent':
      return `intent:${u.intent}`;
    default:
      return u.kind;
  }
}
