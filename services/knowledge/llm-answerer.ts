// Optional generative answers through an OpenAI-compatible chat-completions endpoint (OpenAI, Azure
// OpenAI, or an on-premise server). The model writes only from the provisions we retrieved, and every
// reference in its answer is checked against them; anything else makes the caller fall back to quoting.
import type OpenAI from 'openai';
import { createLlmClient } from './llm-client.js';
import { logger } from '../platform/logger.js';
import { foldDiacritics } from '../text/vietnamese.js';
import type { LlmConfig } from './knowledge-config.js';

export interface LlmProvision {
  citation: string;
  document: string;
  /** Document-relative paths ("dieu:8/khoan:1"). */
  paths: string[];
  text: string;
}

const SYSTEM_PROMPT = [
  'Bạn là Trợ lý Đổi mới của tỉnh Lào Cai, giải đáp cho cán bộ về Nghị định 73/2023/NĐ-CP, Quy định 32-QĐ/TU và công văn triển khai của tỉnh.',
  'Chỉ trả lời dựa trên các quy định được cung cấp trong tin nhắn. Không dùng kiến thức bên ngoài, không suy đoán, không bịa số điều, khoản.',
  'Mỗi ý phải ghi căn cứ bằng đúng chuỗi trích dẫn trong ngoặc vuông, ví dụ [khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP].',
  'Nếu các quy định được cung cấp không trả lời được câu hỏi, chỉ viết: KHÔNG ĐỦ CĂN CỨ.',
  'Trả lời bằng tiếng Việt có dấu, ngắn gọn (tối đa 120 từ), giọng trang trọng.',
].join('\n');

export const INSUFFICIENT = 'KHÔNG ĐỦ CĂN CỨ';

interface Reference {
  /** Folded document code mentioned with it, if any. */
  code?: string;
  path: string;
}

/** References to provisions and documents written in a generated answer. */
export function extractReferences(answer: string): { refs: Reference[]; codes: string[] } {
  const text = answer.normalize('NFC');
  const refs: Reference[] = [];
  const chain = /(?:điểm\s+([a-zđ])\s*,?\s*)?(?:khoản\s+(\d{1,2})\s*,?\s*)?điều\s+(\d{1,3}[a-z]?)/giu;
  let m: RegExpExecArray | null;
  while ((m = chain.exec(text))) {
    const parts = [`dieu:${m[3].toLowerCase()}`];
    if (m[2]) parts.push(`khoan:${m[2]}`);
    if (m[1]) parts.push(`diem:${m[1].toLowerCase()}`);
    refs.push({ path: parts.join('/') });
  }
  const section = /(?:điểm\s+([a-zđ])\s+)?mục\s+(\d{1,2})\b/giu;
  while ((m = section.exec(text))) {
    refs.push({ path: m[1] ? `muc:${m[2]}/diem:${m[1].toLowerCase()}` : `muc:${m[2]}` });
  }
  const codes = [...text.matchAll(/\b\d{1,4}\/\d{4}\/[\p{Lu}Đ]{1,5}-[\p{Lu}Đ]{1,5}\b|\b\d{1,4}-[\p{Lu}Đ]{1,4}\/[\p{Lu}Đ]{1,4}\b/gu)].map(
    (x) => foldDiacritics(x[0]).toUpperCase(),
  );
  return { refs, codes };
}

/**
 * True when the answer cites at least one provision and every provision and document it names is among
 * (or inside, or containing) the retrieved ones.
 */
export function citationsAreGrounded(answer: string, provisions: LlmProvision[]): boolean {
  const { refs, codes } = extractReferences(answer);
  if (!refs.length) return false;
  const known = provisions.flatMap((p) => p.paths);
  for (const r of refs) {
    if (!known.some((k) => k === r.path || k.startsWith(`${r.path}/`) || r.path.startsWith(`${k}/`))) return false;
  }
  const haystack = foldDiacritics(provisions.map((p) => `${p.citation} ${p.document}`).join(' ')).toUpperCase();
  for (const c of codes) if (!haystack.includes(c)) return false;
  return true;
}

export class LlmAnswerer {
  private client: OpenAI;

  constructor(private readonly config: LlmConfig) {
    this.client = createLlmClient(config);
  }

  /** The model's answer when it is grounded; null when it is not, says it cannot answer, or the call fails. */
  async compose(question: string, provisions: LlmProvision[]): Promise<string | null> {
    const context = provisions.map((p, i) => `(${i + 1}) [${p.citation}]\n${p.text}`).join('\n\n');
    try {
      const completion = await this.client.chat.completions.create({
        model: this.config.model,
        temperature: 0.1,
        max_tokens: 600,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: `Các quy định được cung cấp:\n\n${context}\n\nCâu hỏi: ${question}` },
        ],
      });
      const text = completion.choices[0]?.message?.content?.trim();
      if (!text || text.includes(INSUFFICIENT)) return null;
      if (!citationsAreGrounded(text, provisions)) {
        logger.warn({ event: 'kb.llm.ungrounded' }, 'generated answer cites provisions that were not retrieved; quoting instead');
        return null;
      }
      return text;
    } catch (err) {
      logger.warn({ event: 'kb.llm.error', err: err instanceof Error ? err.name : 'unknown' }, 'generative answer failed; quoting instead');
      return null;
    }
  }
}
