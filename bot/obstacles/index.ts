// Obstacle reports at any time: "báo vướng mắc" (typed, or the menu button on every channel) opens the
// short dialog; Home Affairs answers, groups, resolves or forwards from the report's card or by typed
// commands; notices to Home Affairs, the chosen head and the author. Rules in services/obstacles/.
import { lookup } from '../../services/platform/messages/lookup.js';
import type { TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import { OBSTACLE_REPORT_DIALOG, ObstacleReportDialog } from '../../dialogs/obstacle-report-dialog.js';
import { Officer } from '../../entities/officer.entity.js';
import { obstacles as t } from '../../services/platform/messages/obstacles.js';
import {
  OBSTACLE_NOTICES,
  OBSTACLE_TEXT_MAX,
  obstacleCode,
  parseObstacleCode,
  type ObstacleAction,
  type ObstacleRefusal,
} from '../../services/obstacles/obstacle-service.js';
import { fieldLabel } from '../../services/workflow/workflow-config.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CommandResult } from '../core/command-registry.js';
import { toActivity, type CoreTurn } from '../core/core-turn.js';
import { OBSTACLE_VERBS as V, obstacleCard } from './obstacle-card.js';

const REFUSALS: Record<ObstacleRefusal, string> = {
  text_required: t.textRequired,
  text_too_long: t.textTooLong(OBSTACLE_TEXT_MAX),
  no_home_affairs: t.noHomeAffairs,
  not_found: t.notFound,
  not_home_affairs: t.homeAffairsOnly,
  answer_required: t.answerRequired,
  group_target: t.groupTargetMissing,
  group_self: t.groupSelf,
  closed: '',
};

const channelOf = (context: TurnContext) => String(context.activity.channelId ?? '').slice(0, 16);
const str = (d: Record<string, unknown>, k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');

export function registerObstacleFeature(bot: BotApplication, container: Container): void {
  const { obstacles, workflow, dataSource } = container;
  const c = bot.commands;
  const labelOf = (code: string | null) => (code ? (fieldLabel(workflow, code) ?? code) : null);

  bot.dialogs.add(
    new ObstacleReportDialog({
      send: async (context, text) => void (await context.sendActivity(text)),
      fields: () => workflow.fields.map((f) => ({ code: f.code, label: f.label })),
      headName: async (officerId) => {
        const officer = await dataSource.getRepository(Officer).findOneBy({ id: officerId });
        return officer ? ((await obstacles.headFor(officer))?.fullName ?? null) : null;
      },
      submit: async (context, officerId, report) => {
        const officer = await dataSource.getRepository(Officer).findOneByOrFail({ id: officerId });
        const result = await obstacles.report(officer, report, channelOf(context));
        await context.sendActivity(result.ok ? t.submitted(obstacleCode(result.report), result.headName ?? null) : REFUSALS[result.reason]);
      },
    }),
  );

  const start = async (turn: CoreTurn, d: Record<string, unknown>): Promise<CommandResult> => {
    const dc = await bot.dialogs.createContext(turn.context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(OBSTACLE_REPORT_DIALOG, { officerId: turn.officer.id, text: str(d, 'text') });
    return turn.context.activity.type === ActivityTypes.Invoke ? { title: t.menuButton } : undefined;
  };
  c.register(V.start, start, 'own');
  c.registerText({
    keywords: ['BÁO VƯỚNG MẮC', 'BÁO VƯỚNG MẮC:', 'GỬI VƯỚNG MẮC', 'PHẢN ÁNH VƯỚNG MẮC'],
    verb: V.start,
    parse: (r) => {
      // "báo vướng mắc: <nội dung>" starts with the text already given.
      const text = r.replace(/^[\s:–-]+/, '').trim();
      return text ? { freeText: true, text } : {};
    },
  });

  const cardFor = async (turn: CoreTurn, code: string, status?: string): Promise<NeutralCard> => {
    const report = await obstacles.readable(turn.officer, code);
    if (!report) return { title: t.notFound };
    return obstacleCard({
      report,
      names: await obstacles.namesOf(report),
      fieldLabel: labelOf(report.field),
      homeAffairs: await obstacles.isHomeAffairs(turn.officer.id),
      ...(status ? { status } : {}),
    });
  };
  // Reading checks who asks (author, chosen head, Home Affairs) inside: a stranger gets "not found".
  c.register(V.view, async (turn, d) => cardFor(turn, str(d, 'code')), 'own');
  c.registerText({ keywords: ['XEM VƯỚNG MẮC'], verb: V.view, parse: (r) => (r.trim() ? { code: r.trim().split(/\s+/)[0] } : undefined) });

  c.register(
    V.list,
    async (turn) => {
      const items = await obstacles.listFor(turn.officer, true);
      if (!items.length) return t.listEmpty;
      return {
        title: t.listTitle,
        body: items.map((x) => t.listLine(x.code, labelOf(x.field) ?? t.notGiven, x.author, t.statusLabels[x.status] ?? x.status)),
        actions: items
          .slice(0, 5)
          .map((x) => ({ title: x.code, verb: V.view, data: { code: x.code }, command: `XEM VƯỚNG MẮC ${x.code}` })),
      };
    },
    'own',
  );
  c.registerText({
    keywords: ['DANH SÁCH VƯỚNG MẮC'],
    verb: V.list,
    parse: (r) => (r.trim() ? undefined : {}),
  });

  const homeAffairsOnly = async (turn: CoreTurn) => ((await obstacles.isHomeAffairs(turn.officer.id)) ? undefined : t.homeAffairsOnly);
  const act = (action: ObstacleAction) => async (turn: CoreTurn, d: Record<string, unknown>) => {
    const code = str(d, 'code');
    const result = await obstacles.act(turn.officer, code, action, str(d, 'text'), channelOf(turn.context), str(d, 'into'));
    if (!result.ok) return { title: result.reason === 'closed' ? t.alreadyClosed(code) : REFUSALS[result.reason] };
    const into = action === 'grouped' ? `VM-${parseObstacleCode(str(d, 'into')) ?? ''}` : '';
    return cardFor(turn, obstacleCode(result.report), t.done[action](obstacleCode(result.report), into));
  };
  c.register(V.answer, act('answered'), homeAffairsOnly);
  c.register(V.group, act('grouped'), homeAffairsOnly);
  c.register(V.resolve, act('resolved'), homeAffairsOnly);
  c.register(V.forward, act('forwarded'), homeAffairsOnly);
  const codeThen = (key: string) => (rest: string) => {
    const m = /^(\S+)\s*([\s\S]*)$/.exec(rest.trim());
    return m && /^vm[-\s]?\d+$/i.test(m[1]!) ? { code: m[1]!, [key]: m[2]!.trim() } : undefined;
  };
  c.registerText({ keywords: ['TRẢ LỜI VƯỚNG MẮC'], verb: V.answer, parse: codeThen('text') });
  c.registerText({ keywords: ['GỘP VƯỚNG MẮC'], verb: V.group, parse: codeThen('into') });
  c.registerText({ keywords: ['GIẢI QUYẾT VƯỚNG MẮC'], verb: V.resolve, parse: codeThen('text') });
  c.registerText({ keywords: ['CHUYỂN KIẾN NGHỊ'], verb: V.forward, parse: codeThen('text') });

  container.notifier.registerRenderer([OBSTACLE_NOTICES.received, OBSTACLE_NOTICES.update], async (row, officer, channelId) => {
    const data = (row.payload ?? {}) as Record<string, unknown>;
    const report = await obstacles.byId(String(data.obstacleId));
    if (!report) return null;
    const code = obstacleCode(report);
    if (row.kind === OBSTACLE_NOTICES.update) {
      const action = String(data.action);
      const text = action === 'grouped' ? String(data.into ?? '') : (report.answer ?? '');
      return toActivity(channelId, lookup(t.authorNotice, action)?.(code, text) ?? t.cardTitle(code)) as Record<string, unknown>;
    }
    const names = await obstacles.namesOf(report);
    const field = labelOf(report.field) ?? t.notGiven;
    const card = obstacleCard({ report, names, fieldLabel: labelOf(report.field), homeAffairs: await obstacles.isHomeAffairs(officer.id) });
    return toActivity(channelId, { text: t.newNotice(code, names.author, names.unit, field), card }) as Record<string, unknown>;
  });
}
