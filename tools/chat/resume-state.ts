// `--resume`: the terminal chat's last conversation id per email, kept in a small JSON file (mode 600).
import { readFile, writeFile } from 'node:fs/promises';
import { isObject } from './json-values.js';

interface ResumeState {
  conversations: Record<string, { conversationId: string; url: string; updatedAt: string }>;
}

async function readResumeState(file: string): Promise<ResumeState> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (isObject(parsed) && isObject(parsed.conversations)) return parsed as unknown as ResumeState;
  } catch {
    // No file yet, or unreadable: start afresh.
  }
  return { conversations: {} };
}

/** The conversation this email last chatted in, if any. */
export async function resumedConversationId(file: string, email: string): Promise<string | undefined> {
  const state = await readResumeState(file);
  return state.conversations[email]?.conversationId;
}

/** Keep this email's conversation for the next `--resume` (throws when the file cannot be written). */
export async function rememberConversation(file: string, email: string, conversationId: string, url: string): Promise<void> {
  const state = await readResumeState(file);
  state.conversations[email] = { conversationId, url, updatedAt: new Date().toISOString() };
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}
