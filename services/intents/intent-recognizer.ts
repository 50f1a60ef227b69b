// Free Vietnamese text → what the officer wants. Diacritics are optional and small typos are tolerated:
// phrases are compared on folded text, allowing one edit per five characters.
import { foldKey } from '../text/vietnamese.js';

export const INTENTS = [
  'new_proposal',
  'continue_draft',
  'my_proposals',
  'my_tasks',
  'help',
  'menu',
  'cancel',
  'greeting',
  'question',
] as const;
export type Intent = (typeof INTENTS)[number];

export interface IntentMatch {
  intent: Intent;
  /** 1 for an exact phrase, lower for a fuzzy one, 0 for the fallback "question". */
  score: number;
}

const PHRASES: Record<Exclude<Intent, 'question'>, string[]> = {
  new_proposal: [
    'tạo đề xuất',
    'đề xuất mới',
    'tạo đề xuất mới',
    'tôi có ý tưởng',
    'có ý tưởng',
    'ý tưởng mới',
    'viết đề xuất',
    'lập kế hoạch đề xuất',
    'tạo kế hoạch',
    'kế hoạch mới',
    'bắt đầu đề xuất',
    'tôi muốn đề xuất',
    'muốn đề xuất',
    'tôi đề xuất',
    'lập đề xuất',
    'lập đề xuất mới',
    'soạn đề xuất',
    'làm đề xuất',
    'new proposal',
  ],
  continue_draft: ['tiếp tục', 'tiếp tục nháp', 'tiếp tục đề xuất', 'làm tiếp', 'bản nháp', 'nháp của tôi', 'tiep tuc'],
  my_proposals: ['đề xuất của tôi', 'danh sách đề xuất', 'xem đề xuất', 'kế hoạch của tôi', 'đề xuất đã gửi'],
  my_tasks: ['việc chờ tôi', 'việc cần làm', 'chờ tôi duyệt', 'cần tôi quyết định', 'việc của tôi'],
  help: ['hướng dẫn', 'trợ giúp', 'giúp tôi', 'help', 'bot làm được gì', 'cách dùng'],
  menu: ['menu', 'danh mục', 'bắt đầu', 'start', 'trang chủ'],
  cancel: ['hủy', 'huỷ', 'hủy bỏ', 'thôi', 'dừng lại', 'cancel'],
  greeting: ['xin chào', 'chào', 'chào bot', 'hello', 'hi', 'alo'],
};

// Short commands must match exactly: "thôi" must not fuzzily match "tôi".
const EXACT_ONLY_BELOW = 6;

interface CompiledPhrase {
  intent: Exclude<Intent, 'question'>;
  folded: string;
  words: number;
}

const COMPILED: CompiledPhrase[] = Object.entries(PHRASES).flatMap(([intent, phrases]) =>
  phrases.map((p) => ({ intent: intent as Exclude<Intent, 'question'>, folded: foldKey(p), words: foldKey(p).split(' ').length })),
);

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * A whole short message that is (nearly) one of the phrases wins; a longer message is a question
 * unless it starts with a command phrase ("tôi có ý tưởng về số hóa hồ sơ" → new proposal).
 */
export function recognizeIntent(text: string): IntentMatch {
  const folded = foldKey(text)
    .replace(/[.!?,;:…]+$/g, '')
    .trim();
  if (!folded) return { intent: 'menu', score: 1 };
  let best: IntentMatch = { intent: 'question', score: 0 };
  const words = folded.split(' ');
  for (const phrase of COMPILED) {
    if (folded === phrase.folded) return { intent: phrase.intent, score: 1 };
    const prefix = words.slice(0, phrase.words).join(' ');
    // A phrase at the start of a longer message counts only for phrases that carry intent on their own.
    const prefixCounts = phrase.intent === 'new_proposal' && words.length > phrase.words;
    if (prefixCounts && prefix === phrase.folded) best = better(best, { intent: phrase.intent, score: 0.9 });
    if (phrase.folded.length < EXACT_ONLY_BELOW) continue;
    const limit = Math.floor(phrase.folded.length / 5);
    if (words.length === phrase.words) {
      const d = editDistance(folded, phrase.folded, limit);
      if (d <= limit) best = better(best, { intent: phrase.intent, score: 1 - d / (phrase.folded.length + 1) });
    } else if (prefixCounts) {
      const d = editDistance(prefix, phrase.folded, limit);
      if (d <= limit) best = better(best, { intent: phrase.intent, score: 0.85 - d / (phrase.folded.length + 1) });
    }
  }
  return best;
}

function better(a: IntentMatch, b: IntentMatch): IntentMatch {
  return b.score > a.score ? b : a;
}
