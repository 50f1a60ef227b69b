// Parsers shared by typed commands that act on a proposal: the first word after the keyword must be a
// proposal code, otherwise the text is not this command and goes on (intents, questions).
import { normaliseProposalCode } from '../../services/proposals/proposal-code.js';

export function codeFirst(rest: string): { code: string; rest: string } | undefined {
  const m = rest.trim().match(/^(\S+)\s*([\s\S]*)$/);
  if (!m || !normaliseProposalCode(m[1]!)) return undefined;
  return { code: m[1]!, rest: m[2]!.trim() };
}

/** "<mã> <text>" → { code, [key]: text }. */
export const withCode =
  (key: string) =>
  (rest: string): Record<string, unknown> | undefined => {
    const x = codeFirst(rest);
    return x ? { code: x.code, [key]: x.rest } : undefined;
  };
