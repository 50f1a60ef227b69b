// The terminal chat's command line: `npm run chat -- --as <email> [options]` read into TerminalChatOptions.
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isEmail } from './activity-factory.js';
import { chatTexts as t } from './chat-texts.js';

export interface TerminalChatOptions {
  email: string;
  botUrl: string;
  aadObjectId?: string;
  name?: string;
  channelId: string;
  tenantId: string;
  conversationId?: string;
  resume: boolean;
  greeting: boolean;
  quietMs: number;
  timeoutSeconds: number;
  saveDir: string;
  json: boolean;
  /** Where `--resume` ids are kept (default ~/.tro-ly-doi-moi-chat.json). */
  stateFile: string;
  /** Where botUrl came from: said in the banner and in the "cannot reach" message. */
  urlSource?: 'url' | 'port' | 'default';
  /** Show in full the messages the bot sends to other people (by default one labelled line). */
  all?: boolean;
}

/** The bot's address from PORT (as `npm start` reads it), else the default port. */
function defaultBotUrl(): { url: string; source: 'port' | 'default' } {
  const fromEnv = process.env.PORT && /^\d+$/.test(process.env.PORT) ? process.env.PORT : undefined;
  return { url: `http://127.0.0.1:${fromEnv ?? '3978'}/api/messages`, source: fromEnv ? 'port' : 'default' };
}

export function parseChatArguments(argv: string[]): TerminalChatOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      as: { type: 'string' },
      url: { type: 'string' },
      aad: { type: 'string' },
      name: { type: 'string' },
      channel: { type: 'string' },
      tenant: { type: 'string' },
      conversation: { type: 'string' },
      resume: { type: 'boolean', default: false },
      'no-greeting': { type: 'boolean', default: false },
      'quiet-ms': { type: 'string' },
      timeout: { type: 'string' },
      'save-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) return 'help';
  if (!values.as) throw new Error(t.missingEmail);
  if (!isEmail(values.as)) throw new Error(t.badEmail(values.as));
  const fallback = defaultBotUrl();
  const botUrl = values.url ?? fallback.url;
  try {
    const parsed = new URL(botUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new Error(t.badUrl(botUrl));
  }
  const quietMs = values['quiet-ms'] === undefined ? 300 : Number(values['quiet-ms']);
  if (!Number.isInteger(quietMs) || quietMs < 0 || quietMs > 60_000)
    throw new Error(t.badOption('--quiet-ms phải là số nguyên từ 0 đến 60000'));
  const timeoutSeconds = values.timeout === undefined ? 120 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new Error(t.badOption('--timeout phải là số giây lớn hơn 0'));
  if (values.conversation !== undefined && values.conversation.trim() === '') throw new Error(t.badOption('--conversation trống'));
  return {
    email: values.as.trim().toLowerCase(),
    botUrl,
    aadObjectId: values.aad,
    name: values.name,
    channelId: values.channel ?? 'msteams',
    tenantId: values.tenant ?? 'demo-tenant',
    conversationId: values.conversation?.trim(),
    resume: values.resume ?? false,
    greeting: !values['no-greeting'],
    quietMs,
    timeoutSeconds,
    saveDir: values['save-dir'] ?? join(tmpdir(), 'tro-ly-doi-moi-chat'),
    json: values.json ?? false,
    stateFile: join(homedir(), '.tro-ly-doi-moi-chat.json'),
    urlSource: values.url ? 'url' : fallback.source,
    all: values.all ?? false,
  };
}
