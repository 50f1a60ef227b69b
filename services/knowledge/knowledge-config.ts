// Settings of the knowledge base and of the optional generative answers, from environment variables.
// Kept apart from bot/config.ts so the knowledge service can be used (CLI, evaluation) on its own.
import { z } from 'zod/v4';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const schema = z
  .object({
    LLM_BASE_URL: optionalString.pipe(z.url('phải là một URL, ví dụ https://api.openai.com/v1').optional()),
    LLM_API_KEY: optionalString,
    LLM_MODEL: optionalString,
    /** Azure OpenAI: api-version query parameter, e.g. 2024-10-21. */
    LLM_API_VERSION: optionalString,
    LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(120000).default(15000),
    /** How often (seconds) a running process checks whether the knowledge base changed. */
    KB_REFRESH_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
    /** Minimum share (0..1) of the question's informative words a provision must contain to be answered. */
    KB_MIN_COVERAGE: z.coerce.number().min(0).max(1).default(0.5),
  })
  .superRefine((env, ctx) => {
    const set = [env.LLM_BASE_URL, env.LLM_MODEL].filter(Boolean).length;
    if (set === 1) {
      for (const name of ['LLM_BASE_URL', 'LLM_MODEL'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'bắt buộc khi đã đặt LLM_BASE_URL hoặc LLM_MODEL' });
      }
    }
  });

export interface LlmConfig {
  baseUrl: string;
  apiKey?: string;
  model: string;
  apiVersion?: string;
  timeoutMs: number;
}

export interface KnowledgeConfig {
  llm?: LlmConfig;
  refreshSeconds: number;
  minCoverage: number;
}

export class KnowledgeConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình cơ sở tri thức không hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'KnowledgeConfigError';
  }
}

export function loadKnowledgeConfig(source: NodeJS.ProcessEnv = process.env): KnowledgeConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    // Name the variable, never its value (the key is a secret).
    throw new KnowledgeConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(môi trường)'}: ${i.message}`));
  }
  const env = parsed.data;
  return {
    llm:
      env.LLM_BASE_URL && env.LLM_MODEL
        ? {
            baseUrl: env.LLM_BASE_URL,
            apiKey: env.LLM_API_KEY,
            model: env.LLM_MODEL,
            apiVersion: env.LLM_API_VERSION,
            timeoutMs: env.LLM_TIMEOUT_MS,
          }
        : undefined,
    refreshSeconds: env.KB_REFRESH_SECONDS,
    minCoverage: env.KB_MIN_COVERAGE,
  };
}
