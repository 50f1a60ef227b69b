// What a sender wrote, checked before anything is written: the text (not empty, short enough for a Zalo
// message), the document (a link or a pack text), the check of understanding (three questions, each with
// options and exactly one correct answer marked with *) and the reminder delay. Every problem is a
// catalogue message; a draft with a problem sends nothing.
import type { CampaignDocument, CampaignQuestion } from '../../entities/campaign.entity.js';
import { campaigns as t } from '../platform/messages/index.js';

/** Zalo caps a message at 2,000 characters; the title, sender and instructions take the rest. */
export const MAX_CAMPAIGN_TEXT = 1500;
export const QUIZ_QUESTIONS = 3;
export const OPTION_LETTERS = 'ABCDE';

export interface CampaignDraftInput {
  text?: unknown;
  docTitle?: unknown;
  docUrl?: unknown;
  /** Three question blocks (first line the question, then one option a line, * before the correct one). */
  questions?: unknown[];
  reminderWorkingDays?: unknown;
}

export interface CampaignDraft {
  text: string;
  document: CampaignDocument | null;
  quiz: CampaignQuestion[] | null;
  reminderWorkingDays: number;
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Parses one question block; returns the question or the problem. */
export function parseQuestion(block: string, index: number): CampaignQuestion | string {
  const lines = block
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const question = lines.shift() ?? '';
  if (!question) return t.quizEmptyQuestion(index);
  const options: string[] = [];
  const correct: number[] = [];
  for (const line of lines) {
    const marked = line.startsWith('*');
    // "*B. text", "B) text", "- text": the letter is ours to give.
    const option = line
      .replace(/^\*\s*/, '')
      .replace(/^[A-Ea-e][.)]\s+/, '')
      .replace(/^[-•]\s*/, '')
      .trim();
    if (!option) continue;
    if (marked) correct.push(options.length);
    options.push(option.slice(0, 300));
  }
  if (options.length < 2 || options.length > OPTION_LETTERS.length) return t.quizOptions(index);
  if (correct.length === 0) return t.quizNoCorrect(index);
  if (correct.length > 1) return t.quizManyCorrect(index);
  return { question: question.slice(0, 300), options, correct: correct[0]! };
}

/** A question as the sender writes it (what the card's inputs are filled with). */
export function formatQuestion(q: CampaignQuestion): string {
  return [q.question, ...q.options.map((o, i) => `${i === q.correct ? '*' : ''}${OPTION_LETTERS[i]}. ${o}`)].join('\n');
}

export function validateDraft(input: CampaignDraftInput, defaultReminder: number): { draft: CampaignDraft } | { problem: string } {
  const text = str(input.text);
  if (!text) return { problem: t.textEmpty };
  if (text.length > MAX_CAMPAIGN_TEXT) return { problem: t.textTooLong(text.length, MAX_CAMPAIGN_TEXT) };

  const docTitle = str(input.docTitle);
  const docUrl = str(input.docUrl);
  if (docTitle.length > 200 || docUrl.length > 1000) return { problem: t.docTooLong };
  if (docUrl && !/^https?:\/\/[^\s/]+\S*$/i.test(docUrl)) return { problem: t.docUrlInvalid };
  const document = docTitle || docUrl ? { title: docTitle || docUrl, ...(docUrl ? { url: docUrl } : {}) } : null;

  const blocks = (input.questions ?? []).map(str);
  let quiz: CampaignQuestion[] | null = null;
  if (blocks.some(Boolean)) {
    if (blocks.filter(Boolean).length !== QUIZ_QUESTIONS) return { problem: t.quizCount };
    quiz = [];
    for (const [i, block] of blocks.filter(Boolean).entries()) {
      const q = parseQuestion(block, i + 1);
      if (typeof q === 'string') return { problem: q };
      quiz.push(q);
    }
  }

  const raw = typeof input.reminderWorkingDays === 'number' ? input.reminderWorkingDays : str(input.reminderWorkingDays);
  const reminder = raw === '' ? defaultReminder : Number(raw);
  if (!Number.isInteger(reminder) || reminder < 0 || reminder > 60) return { problem: t.reminderInvalid };
  return { draft: { text, document, quiz, reminderWorkingDays: reminder } };
}

/** "B A C", "bac", "B,A,C" → option indexes; or the problem. */
export function parseAnswers(text: string, quiz: CampaignQuestion[]): number[] | string {
  const letters = text
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
    .split('');
  if (letters.length !== quiz.length) return t.answersIncomplete(quiz.length);
  const out: number[] = [];
  for (const [i, letter] of letters.entries()) {
    const index = OPTION_LETTERS.indexOf(letter);
    const options = quiz[i]!.options.length;
    if (index < 0 || index >= options) return t.answerOutOfRange(i + 1, OPTION_LETTERS.slice(0, options).split('').join(', '));
    out.push(index);
  }
  return out;
}
