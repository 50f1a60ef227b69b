// One OpenAI-compatible client for every generative use (answers, "viết giúp"), built from the one
// LlmConfig: Azure OpenAI needs its api-version and api-key header, and no use retries (the caller
// falls back to quoting, or to the officer's own text, at once).
import OpenAI from 'openai';
import type { LlmConfig } from './knowledge-config.js';

export function createLlmClient(config: LlmConfig): OpenAI {
  return new OpenAI({
    baseURL: config.baseUrl,
    apiKey: config.apiKey ?? 'not-needed',
    timeout: config.timeoutMs,
    maxRetries: 0,
    ...(config.apiVersion
      ? { defaultQuery: { 'api-version': config.apiVersion }, defaultHeaders: config.apiKey ? { 'api-key': config.apiKey } : {} }
      : {}),
  });
}
