// Optional (off unless LLM_BASE_URL and LLM_MODEL are set, the answerer's OpenAI-compatible settings): the
// parts of a plan the headings did not give, asked of a model from the document's text. What is sent: the
// document's text only, scrubbed of e-mails, phones and the directory's names (plan-text-scrub.ts), at most
// MAX_SENT characters, and the list of parts wanted, never the parts that name people. What comes back is a
// JSON object; anything else (prose, broken JSON, other keys, non-text values) is dropped, and the caller
// runs each value through the wizard's own step rule before offering it as a draft for the officer to check.
import type OpenAI from 'openai';
import { z } from 'zod/v4';
import type { LlmConfig } from '../knowledge/knowledge-config.js';
import { createLlmClient } from '../knowledge/llm-client.js';
import { logger } from '../platform/logger.js';
import type { ImportedFields, ImportKey } from './plan-text-mapper.js';

/** Plan parts that name people, and Art. 5's self-check (the officer's own statement): never asked. */
export const NOT_EXTRACTED = new Set<ImportKey>(['implementers', 'resourcesPeople', 'c1', 'c2', 'c3', 'c4']);
/** The document's text sent, at most (a plan is a few pages; an annex is not needed). */
const MAX_SENT = 24_000;
const MAX_VALUE = 4_000;

const SYSTEM_PROMPT = [
  'Bạn đọc bản kế hoạch đề xuất đổi mới, sáng tạo của một cán bộ tỉnh Lào Cai (khoản 2 Điều 7 Nghị định 73/2023/NĐ-CP).',
  'Nhiệm vụ: tìm trong văn bản nội dung cho các mục được liệt kê. Chỉ dùng những gì văn bản viết; không suy diễn, không bịa số liệu, ngày tháng, văn bản hay tên người.',
  'Mục nào văn bản không nói đến thì bỏ qua, không đưa khóa đó vào kết quả.',
  'Ngày ghi dạng dd/mm/yyyy. Kinh phí ghi số tiền như văn bản (ví dụ "150 triệu đồng"), hoặc "không" nếu văn bản nói không đề nghị kinh phí. Các mốc: mỗi dòng "dd/mm/yyyy: công việc".',
  'Chỉ trả lời một đối tượng JSON, khóa là mã mục, giá trị là chuỗi tiếng Việt; không viết gì khác.',
].join('\n');

type ExtractionOutcome =
  | { ok: true; fields: ImportedFields }
  /** failed: no answer (timeout, refused, network); invalid: an answer that is not the JSON asked for. */
  | { ok: false; problem: 'failed' | 'invalid' };

/** One part's value as the model may give it: text, or a plain number (an amount); anything else is no value. */
const partValue = z
  .union([z.string(), z.number().finite().transform(String)])
  .transform((v) => v.trim().slice(0, MAX_VALUE))
  .optional()
  .catch(undefined);

/** The JSON text of a model's answer: bare, in a ```json fence, or the one object amid prose. */
function jsonOf(content: string): unknown {
  const bare = content
    .trim()
    .replace(/^```(?:json)?\s*|\s*```$/g, '')
    .trim();
  for (const candidate of [bare, bare.slice(bare.indexOf('{'), bare.lastIndexOf('}') + 1)]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // the next candidate
    }
  }
  return undefined;
}

/** The JSON object in a model's answer (zod: an object, the asked keys with text values only, extra keys ignored). */
export function parseExtraction(content: string, asked: readonly ImportKey[]): ImportedFields | undefined {
  const keys = asked.filter((k) => !NOT_EXTRACTED.has(k));
  const schema = z.object(Object.fromEntries(keys.map((k) => [k, partValue])));
  const parsed = schema.safeParse(jsonOf(content));
  if (!parsed.success) return undefined;
  const out: ImportedFields = {};
  for (const key of keys) {
    const value = (parsed.data as Record<string, string | undefined>)[key];
    if (value) out[key] = value;
  }
  return out;
}

export class PlanExtractor {
  private readonly client: OpenAI;

  constructor(private readonly config: LlmConfig) {
    this.client = createLlmClient(config);
  }

  /** `text` is already scrubbed; `wanted`: each part's key and label. */
  async extract(text: string, wanted: readonly { key: ImportKey; label: string }[]): Promise<ExtractionOutcome> {
    const asked = wanted.filter((w) => !NOT_EXTRACTED.has(w.key));
    if (!asked.length) return { ok: true, fields: {} };
    let content: string;
    try {
      const completion = await this.client.chat.completions.create({
        model: this.config.model,
        temperature: 0,
        max_tokens: 2000,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          {
            role: 'user',
            content: `Các mục cần tìm (mã: tên mục):\n${asked.map((w) => `${w.key}: ${w.label}`).join('\n')}\n\nVăn bản:\n"""\n${text.slice(0, MAX_SENT)}\n"""`,
          },
        ],
      });
      content = completion.choices[0]?.message?.content ?? '';
    } catch (err) {
      logger.warn({ event: 'plan.extract.error', err: err instanceof Error ? err.name : 'unknown' }, 'plan extraction failed');
      return { ok: false, problem: 'failed' };
    }
    const fields = parseExtraction(
      content,
      asked.map((w) => w.key),
    );
    if (!fields) {
      logger.warn({ event: 'plan.extract.invalid', chars: content.length }, 'plan extraction answered no JSON object');
      return { ok: false, problem: 'invalid' };
    }
    return { ok: true, fields };
  }
}
