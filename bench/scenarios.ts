// What each virtual officer says during the turn bench: `setup` once per conversation before the clock
// starts, then `loop` again and again while measured. Pluggable: add a scenario here and pick it with
// `npm run bench -- --scenario <name>`.
import { benchAadObjectId } from './bot-process.js';

export interface Scenario {
  name: string;
  description: string;
  /** Sent once per conversation, in order, before measuring (not timed). */
  setup: string[];
  /** The measured turns: each connection sends these in order, round and round. */
  loop: string[];
  /** Needs the proposal wizard ("tạo đề xuất" starts it). */
  requiresWizard: boolean;
  /** A text the bot must have sent to conversation 0 after the setup (checks the scenario really runs). */
  expectAfterSetup?: RegExp;
}

export const SCENARIOS: Record<string, Scenario> = {
  help: {
    name: 'help',
    description: 'each turn asks for the guide ("hướng dẫn"): identity, turn state, intent, one reply',
    setup: ['hướng dẫn'],
    loop: ['hướng dẫn'],
    requiresWizard: false,
    expectAfterSetup: /Trợ lý Đổi mới giúp anh\/chị/,
  },
  wizard: {
    name: 'wizard',
    description:
      'each conversation has started a draft ("tạo đề xuất"); each turn answers a wizard step: the title (saved to the draft), then "quay lại" back to the title step',
    setup: ['tạo đề xuất'],
    loop: ['Số hóa hồ sơ cấp giấy phép xây dựng tại Bộ phận một cửa cấp xã', 'quay lại'],
    requiresWizard: true,
    expectAfterSetup: /tên ngắn gọn cho đề xuất/,
  },
};

export interface VirtualOfficer {
  conversationId: string;
  userId: string;
  aadObjectId: string;
}

/** Conversation n of a run: its own conversation id and its own officer (bench officer n). */
export function virtualOfficer(runId: string, n: number): VirtualOfficer {
  return { conversationId: `a:bench-${runId}-${n}`, userId: `29:bench-${n}`, aadObjectId: benchAadObjectId(n) };
}

let activitySeq = 0;

/** A Teams personal-chat message activity from officer `who`, as Teams posts it to /api/messages. */
export function benchMessage(who: VirtualOfficer, text: string, serviceUrl: string): Record<string, unknown> {
  const now = new Date();
  return {
    type: 'message',
    id: `b${++activitySeq}`,
    timestamp: now.toISOString(),
    localTimestamp: now.toISOString(),
    localTimezone: 'Asia/Ho_Chi_Minh',
    channelId: 'msteams',
    serviceUrl,
    from: { id: who.userId, name: 'Cán bộ thử tải', aadObjectId: who.aadObjectId },
    recipient: { id: '28:tro-ly-doi-moi', name: 'Trợ lý Đổi mới' },
    conversation: { id: who.conversationId, conversationType: 'personal', tenantId: 'demo-tenant' },
    channelData: { tenant: { id: 'demo-tenant' } },
    locale: 'vi-VN',
    text,
    textFormat: 'plain',
  };
}
