// "viết giúp" at a wizard step (optional, off unless LLM_BASE_URL and LLM_MODEL are set, the answerer's
// OpenAI-compatible settings): the model drafts the current part from the title and the parts already
// written. Only plan text is sent, never the officer's name, unit or contacts (the plan keys tied to
// people, "implementers" and "resourcesPeople", are left out, and the directory's names, e-mails and phones
// written in the other parts are replaced, as for the plan import: plan-text-scrub.ts). The caller runs the draft through the
// step's own validation before offering it, and the officer decides whether to keep it.
import type OpenAI from 'openai';
import { createLlmClient } from '../knowledge/llm-client.js';
import type { ProposalPlan } from '../../entities/proposal.entity.js';
import type { LlmConfig } from '../knowledge/knowledge-config.js';
import { logger } from '../platform/logger.js';
import { scrubPersonalData } from '../plan-import/plan-text-scrub.js';
import { TEXT_RULES } from '../proposals/plan-validation.js';

const SYSTEM_PROMPT = [
  'Bạn giúp cán bộ tỉnh Lào Cai viết kế hoạch đề xuất đổi mới, sáng tạo theo khoản 2 Điều 7 Nghị định 73/2023/NĐ-CP.',
  'Chỉ viết nội dung của một mục được yêu cầu, dựa trên tên đề xuất và các mục đã có; không bịa số liệu, văn bản hay tên người.',
  'Viết bằng tiếng Việt có dấu, văn phong hành chính, ngắn gọn (tối đa 120 từ), không tiêu đề, không gạch đầu dòng.',
].join('\n');

/** Plan parts that may name people: never sent. */
const NOT_SENT = new Set<keyof ProposalPlan>(['implementers', 'resourcesPeople']);

/** The plan as the model sees it: the title, the field's label and the text parts already written. */
export function planContext(plan: ProposalPlan, fieldLabel: string | undefined, except: string): string {
  const lines = [`Tên đề xuất: ${plan.title ?? ''}`, ...(fieldLabel ? [`Lĩnh vực: ${fieldLabel}`] : [])];
  for (const rule of TEXT_RULES) {
    const value = plan[rule.key];
    if (rule.key === 'title' || rule.key === except || NOT_SENT.has(rule.key) || typeof value !== 'string' || !value.trim()) continue;
    lines.push(`${rule.label}: ${value.trim()}`);
  }
  return lines.join('\n');
}

export class PlanWriter {
  private readonly client: OpenAI;

  constructor(private readonly config: LlmConfig) {
    this.client = createLlmClient(config);
  }

  /** A draft of one part, or null when the service fails or answers nothing; `known`: the names etc. to take out. */
  async draft(
    plan: ProposalPlan,
    fieldLabel: string | undefined,
    step: { key: string; label: string },
    known: readonly string[],
  ): Promise<string | null> {
    const { key, label } = step;
    try {
      const completion = await this.client.chat.completions.create({
        model: this.config.model,
        temperature: 0.3,
        max_tokens: 500,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: `${scrubPersonalData(planContext(plan, fieldLabel, key), known)}\n\nHãy viết mục «${label}».` },
        ],
      });
      return completion.choices[0]?.message?.content?.trim() || null;
    } catch (err) {
      logger.warn({ event: 'plan.writer.error', err: err instanceof Error ? err.name : 'unknown' }, 'draft of a plan part failed');
      return null;
    }
  }
}
