// The decision's typed commands, for channels without cards (Zalo) and for those who prefer typing:
// "<KEYWORD> <mã> [rest]", each mapped to the card verb of decision-actions.ts.
import type { BotApplication } from '../app.js';
import { DECISION_VERBS } from './decision-card.js';

/** "<mã> [rest]" → the proposal code and the rest (a comment); needRest keeps an empty comment. */
function codeAndRest(rest: string, needRest = false): Record<string, unknown> | undefined {
  const m = rest.trim().match(/^(\S+)\s*([\s\S]*)$/);
  if (!m) return undefined;
  if (needRest && !m[2]!.trim()) return { code: m[1], comment: '' };
  return { code: m[1], comment: m[2]!.trim() };
}

export function registerDecisionTypedCommands(bot: BotApplication): void {
  const c = bot.commands;
  c.registerText({ keywords: ['XIN Ý KIẾN CẤP ỦY'], verb: DECISION_VERBS.partyStart, parse: (r) => codeAndRest(r) });
  c.registerText({ keywords: ['Ý KIẾN CẤP ỦY'], verb: DECISION_VERBS.partyRecord, parse: (r) => codeAndRest(r, true) });
  c.registerText({ keywords: ['DUYỆT', 'PHÊ DUYỆT'], verb: DECISION_VERBS.approve, parse: (r) => codeAndRest(r) });
  c.registerText({ keywords: ['CHUYỂN'], verb: DECISION_VERBS.forward, parse: (r) => codeAndRest(r) });
  c.registerText({ keywords: ['HỘI ĐỒNG'], verb: DECISION_VERBS.council, parse: (r) => codeAndRest(r) });
  c.registerText({ keywords: ['TRẢ LẠI', 'BỔ SUNG'], verb: DECISION_VERBS.returnForChanges, parse: (r) => codeAndRest(r, true) });
  c.registerText({ keywords: ['BIỂU QUYẾT', 'MỞ BIỂU QUYẾT'], verb: DECISION_VERBS.openVote, parse: (r) => codeAndRest(r) });
  c.registerText({ keywords: ['TÁN THÀNH'], verb: DECISION_VERBS.voteFor, parse: (r) => codeAndRest(r) });
  c.registerText({ keywords: ['KHÔNG TÁN THÀNH'], verb: DECISION_VERBS.voteAgainst, parse: (r) => codeAndRest(r, true) });
  c.registerText({ keywords: ['KẾT THÚC BIỂU QUYẾT'], verb: DECISION_VERBS.closeVote, parse: (r) => codeAndRest(r) });
  c.registerText({ keywords: ['VẪN TRIỂN KHAI'], verb: DECISION_VERBS.override, parse: (r) => codeAndRest(r, true) });
  c.registerText({ keywords: ['KHÔNG TRIỂN KHAI'], verb: DECISION_VERBS.notProceed, parse: (r) => codeAndRest(r) });
  c.registerText({
    keywords: ['KẾT QUẢ HỌP'],
    verb: DECISION_VERBS.meeting,
    parse: (r) => {
      const m = r.trim().match(/^(\S+)\s+(\d+)\s+(\d+)\s+(\S+)\s+([\s\S]+)$/);
      if (!m) return { code: r.trim().split(/\s+/)[0] ?? '', participants: '' };
      const yes = /^(co|có|tan|tán|for|x)/i.test(m[4]!);
      return { code: m[1], inFavour: Number(m[2]), against: Number(m[3]), headVote: yes ? 'for' : 'against', participants: m[5]!.trim() };
    },
  });
}
