// Implementation after an approval: the head names a manager and assigns implementers and resources;
// implementers report progress, obstacles and completion; the head pauses, resumes or stops. Card verbs,
// typed commands and the "đang triển khai" list.
import { afterDecision as t, replies as r } from '../../services/platform/messages/index.js';
import { extractLinks } from '../../services/implementation/after-decision-common.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import { codeFirst, withCode } from '../core/typed-command-parsers.js';
import { actorOf, list, str, type FollowUpCards } from './follow-up-view.js';
import type { StartAssignChoice } from './assign-by-choice.js';
import { IMPLEMENTATION_VERBS } from './implementation-card.js';

export function registerImplementationActions(
  bot: BotApplication,
  container: Container,
  cards: FollowUpCards,
  startChoice: StartAssignChoice,
): void {
  const { implementation } = container;
  const c = bot.commands;
  c.register(
    IMPLEMENTATION_VERBS.refresh,
    async (turn, data) => {
      const id = await cards.resolve(data);
      const view = id ? await implementation.view(id) : null;
      if (!view) return { title: t.refusal.not_found };
      return cards.cardFor(view, turn.officer);
    },
    'proposal',
  );
  const assignFromCard = cards.act(async (turn, id, d) => {
    const manager = str(d, 'manager').trim();
    if (manager) {
      const named = await implementation.nameManager(actorOf(turn), id, manager);
      if (!named.ok) return named;
    }
    const people = [...list(str(d, 'implementers')), ...list(str(d, 'emails'))];
    return implementation.assign(actorOf(turn), id, {
      implementers: people,
      resources: { people: str(d, 'people'), funding: str(d, 'funding'), equipment: str(d, 'equipment') },
    });
  });
  c.register(
    IMPLEMENTATION_VERBS.assign,
    async (turn, d) => {
      // Typed (or a Zalo button) without anyone named: the numbered choice of the unit's people.
      const activity = turn.context.activity;
      const named = ['implementers', 'emails', 'manager'].some((k) => str(d, k).trim());
      if (!named && activity.type === 'message' && !activity.value) {
        const id = await cards.resolve(d);
        return id ? startChoice(turn, id) : { title: t.refusal.not_found };
      }
      return assignFromCard(turn, d);
    },
    'proposal',
  );
  c.register(
    IMPLEMENTATION_VERBS.manager,
    cards.act((turn, id, d) => implementation.nameManager(actorOf(turn), id, str(d, 'manager') || str(d, 'text'))),
    'proposal',
  );
  // A report's text and the links it carries (the card's text and files fields together).
  const withFiles = (d: Record<string, unknown>) => extractLinks(`${str(d, 'text')}\n${str(d, 'files')}`);
  const reportVerb = (verb: string, kind: 'progress' | 'obstacle') =>
    c.register(
      verb,
      cards.act((turn, id, d) => {
        const x = withFiles(d);
        return implementation.report(actorOf(turn), id, kind, x.text, x.files);
      }),
      'proposal',
    );
  reportVerb(IMPLEMENTATION_VERBS.progress, 'progress');
  reportVerb(IMPLEMENTATION_VERBS.obstacle, 'obstacle');
  c.register(
    IMPLEMENTATION_VERBS.complete,
    cards.act((turn, id, d) => {
      const x = withFiles(d);
      return implementation.reportCompletion(actorOf(turn), id, x.text, x.files);
    }),
    'proposal',
  );
  c.register(
    IMPLEMENTATION_VERBS.pause,
    cards.act((turn, id, d) => implementation.pause(actorOf(turn), id, str(d, 'reason') || str(d, 'text'))),
    'proposal',
  );
  c.register(
    IMPLEMENTATION_VERBS.resume,
    cards.act((turn, id, d) => implementation.resume(actorOf(turn), id, str(d, 'reason'))),
    'proposal',
  );
  c.register(
    IMPLEMENTATION_VERBS.stop,
    cards.act((turn, id, d) => implementation.stop(actorOf(turn), id, str(d, 'reason') || str(d, 'text'))),
    'proposal',
  );

  c.registerText({
    keywords: ['GIAO THỰC HIỆN'],
    verb: IMPLEMENTATION_VERBS.assign,
    parse: (r) => {
      const x = codeFirst(r);
      if (!x) return undefined;
      const [emails = '', people = '', funding = '', equipment = ''] = x.rest.split('|').map((s) => s.trim());
      return { code: x.code, emails, people, funding, equipment };
    },
  });
  c.registerText({ keywords: ['GIAO THEO DÕI'], verb: IMPLEMENTATION_VERBS.manager, parse: withCode('manager') });
  c.registerText({ keywords: ['BÁO CÁO TIẾN ĐỘ'], verb: 'impl.progress.typed', parse: (r) => (r.trim() ? withCode('text')(r) : {}) });
  c.register(
    'impl.progress.typed',
    async (turn, data) => {
      if (data.code) return (await c.get(IMPLEMENTATION_VERBS.progress)!(turn, data)) as NeutralCard;
      return followList(turn);
    },
    'proposal',
  );
  c.registerText({ keywords: ['VƯỚNG MẮC'], verb: IMPLEMENTATION_VERBS.obstacle, parse: withCode('text') });
  c.registerText({ keywords: ['BÁO CÁO HOÀN THÀNH'], verb: IMPLEMENTATION_VERBS.complete, parse: withCode('text') });
  c.registerText({ keywords: ['TẠM DỪNG'], verb: IMPLEMENTATION_VERBS.pause, parse: withCode('reason') });
  c.registerText({ keywords: ['TIẾP TỤC TRIỂN KHAI'], verb: IMPLEMENTATION_VERBS.resume, parse: withCode('reason') });
  c.registerText({ keywords: ['DỪNG THỰC HIỆN'], verb: IMPLEMENTATION_VERBS.stop, parse: withCode('reason') });

  // Each proposal with the action that applies now; a button where one tap does it (Zalo: its command).
  const followList = async (turn: CoreTurn): Promise<NeutralCard | string> => {
    const items = await implementation.followedBy(turn.officer.id);
    if (!items.length) return t.followEmpty;
    const leads = (role: string) => role === 'head' || role === 'manager';
    return {
      title: t.followTitle,
      body: items.map((x) => {
        const code = x.proposal.code ?? t.noCode;
        const now = r.followNow(code, x.proposal.status, x.role);
        return r.followLine(code, x.proposal.title ?? t.untitled, t.followRole[x.role] ?? x.role, t.statusLabel(x.proposal.status), now);
      }),
      actions: items.slice(0, 5).map((x) => {
        const code = x.proposal.code ?? '';
        const assign = leads(x.role) && ['approved', 'approved_by_override'].includes(x.proposal.status);
        const report = x.role === 'implementer' && x.proposal.status === 'implementing';
        return {
          title: assign ? r.assignButton(code) : code || t.noCode,
          verb: IMPLEMENTATION_VERBS.refresh,
          data: { proposalId: x.proposal.id },
          ...(assign ? { command: `GIAO THỰC HIỆN ${code}` } : report ? { command: `BÁO CÁO TIẾN ĐỘ ${code} <nội dung>` } : {}),
        };
      }),
    };
  };
  c.register('impl.list', async (turn) => followList(turn), 'own');
  c.registerText({
    keywords: ['THEO DÕI TRIỂN KHAI', 'ĐỀ XUẤT ĐANG TRIỂN KHAI'],
    verb: 'impl.list',
    parse: (r) => (r.trim() ? undefined : {}),
  });
}
