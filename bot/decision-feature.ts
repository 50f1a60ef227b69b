// Routing and decisions on the one brain: subscribes to 'submitted', registers the card verbs, the typed
// commands, the "việc chờ tôi" intent, and renders proactive notifications (a return carries "Sửa đề xuất").
import type { BotApplication } from './app.js';
import type { AppServices } from './core/app-services.js';
import type { CoreTurn } from './core/core-turn.js';
import { toActivity } from './core/core-turn.js';
import type { BotReply, NeutralCard } from '../services/platform/reply.js';
import { decisionCard, DECISION_VERBS, type CardRole } from './cards/decision-card.js';
import { decisions as t } from '../services/platform/messages/index.js';
import { logger } from '../services/platform/logger.js';
import { DecisionService, DECISION_NOTICES, type ActionResult, type DecisionView } from '../services/decisions/decision-service.js';
import { BotNotifier, type ProactiveAdapter } from '../services/notifications/bot-notifier.js';
import { undeliveredNotifications, type Notifier } from '../services/notifications/notifier.js';
import type { NotificationOutbox } from '../entities/notification-outbox.entity.js';
import type { Officer } from '../entities/officer.entity.js';
import { ChannelAccount } from '../entities/channel-account.entity.js';
import { Officer as OfficerEntity } from '../entities/officer.entity.js';
import { Proposal } from '../entities/proposal.entity.js';
import { Unit } from '../entities/unit.entity.js';
import { In } from 'typeorm';
import { RoutingService } from '../services/routing/routing-service.js';
import { getWorkflowConfig } from '../services/workflow/workflow-config.js';
import { formatDateVN } from '../services/calendar/local-date.js';
import { decisionFileUrl } from './decision-files.js';
import { PLAN_VERBS } from './cards/plan-review-card.js';
import { wizard } from '../services/platform/messages/wizard.js';

export interface DecisionFeature {
  service: DecisionService;
  notifier: Notifier;
}

/** Features register synchronously; the service is reachable afterwards for jobs and the CLI. */
const features = new WeakMap<AppServices, DecisionFeature>();

export function decisionFeatureOf(services: AppServices): DecisionFeature | undefined {
  return features.get(services);
}

export function registerDecisionFeature(bot: BotApplication, services: AppServices): DecisionFeature {
  const adapter = (bot.app as unknown as { adapter: ProactiveAdapter }).adapter;
  const ds = services.dataSource;
  let service!: DecisionService;
  const renderer = new NotificationRenderer(() => service, ds);
  const notifier = new BotNotifier(ds, adapter, {
    appId: services.config.MICROSOFT_APP_ID ?? '',
    tenantId: services.config.MICROSOFT_APP_TENANT_ID ?? undefined,
    render: (row, officer, channelId) => renderer.render(row, officer, channelId),
  });
  service = new DecisionService(ds, notifier);
  const feature = { service, notifier };
  features.set(services, feature);

  services.events.on('submitted', async (event) => {
    await service.routeSubmitted(event.proposalId, event.actorId);
  });

  const resolve = async (data: Record<string, unknown>): Promise<string | null> => {
    if (typeof data.proposalId === 'string') return data.proposalId;
    if (typeof data.code === 'string') return service.findProposalId(data.code);
    return null;
  };
  const actorOf = (turn: CoreTurn) => ({ officerId: turn.officer.id, channel: turn.channelId });
  const text = (data: Record<string, unknown>, key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');

  const act =
    (run: (turn: CoreTurn, proposalId: string, data: Record<string, unknown>) => Promise<ActionResult>) =>
    async (turn: CoreTurn, data: Record<string, unknown>): Promise<NeutralCard> => {
      const proposalId = await resolve(data);
      // A card, not a string: teams-ai answers a string from Action.Execute by editing the message.
      if (!proposalId) return { title: t.refusal.not_found! };
      const result = await run(turn, proposalId, data);
      const view = await service.view(proposalId);
      if (!view) return { title: t.refusal.not_found! };
      const code = view.proposal.code ?? '';
      let notice = result.ok ? (t.done[result.action]?.(code) ?? '') : (t.refusal[result.reason] ?? t.refusal.wrong_state!);
      if (result.ok && result.action === 'overridden' && view.decision) {
        notice = `${notice}\n${t.overrideDocument(decisionFileUrl(services, proposalId, view.decision.revision))}`;
      }
      if (!result.ok && (result.reason === 'not_decider' || result.reason === 'not_voter' || result.reason === 'not_found')) return { title: notice };
      return forInvoke(await cardFor(view, turn.officer, notice));
    };

  const cardFor = async (view: DecisionView, officer: Officer, notice?: string): Promise<NeutralCard> => {
    const role = roleIn(view, officer.id);
    return decisionCard(view, {
      role,
      ...(notice ? { notice } : {}),
      refreshUserIds: await teamsIdsOf(ds, actorsOf(view)),
      singleVoter: await isSingleVoter(view),
      partyPending: await service.partyConsultationPending(view.proposal.id),
      deadlineWorkingDays: getWorkflowConfig().decision.deadlineWorkingDays,
    });
  };
  renderer.cardFor = cardFor;
  renderer.fileUrl = (proposalId, revision) => decisionFileUrl(services, proposalId, revision);

  const isSingleVoter = async (view: DecisionView) => {
    if (!view.decision || view.decision.stage !== 'decision') return false;
    const voters = await new RoutingService(ds).voters(view.decision.unitId, view.decision.deciderId, view.proposal.proposerId);
    return voters.length === 1;
  };

  const c = bot.commands;
  c.register(DECISION_VERBS.refresh, async (turn, data) => {
    const id = await resolve(data);
    const view = id ? await service.view(id) : null;
    if (!view) return { title: t.refusal.not_found! };
    return forInvoke(await cardFor(view, turn.officer));
  });
  c.register(DECISION_VERBS.forward, act((turn, id, d) => service.forward(actorOf(turn), id, { comment: text(d, 'comment') })));
  c.register(DECISION_VERBS.council, act((turn, id, d) => service.forward(actorOf(turn), id, { comment: text(d, 'comment'), proposeCouncil: true })));
  c.register(DECISION_VERBS.returnForChanges, act((turn, id, d) => service.returnForChanges(actorOf(turn), id, text(d, 'comment'))));
  c.register(DECISION_VERBS.approve, act((turn, id) => service.approve(actorOf(turn), id)));
  c.register(DECISION_VERBS.openVote, act((turn, id) => service.openVote(actorOf(turn), id)));
  c.register(DECISION_VERBS.voteFor, act((turn, id, d) => service.castVote(actorOf(turn), id, 'for', text(d, 'comment'))));
  c.register(
    DECISION_VERBS.voteAgainst,
    act(async (turn, id, d) => (text(d, 'comment').trim() ? service.castVote(actorOf(turn), id, 'against', text(d, 'comment')) : { ok: false, reason: 'comment_required', proposalId: id })),
  );
  c.register(DECISION_VERBS.closeVote, act((turn, id) => service.closeVote(actorOf(turn), id)));
  c.register(
    DECISION_VERBS.meeting,
    act((turn, id, d) => {
      const participants = text(d, 'participants').trim();
      const inFavour = Number(d.inFavour);
      const against = Number(d.against);
      if (!participants || !Number.isInteger(inFavour) || !Number.isInteger(against)) return Promise.resolve({ ok: false, reason: 'invalid_counts', proposalId: id } as ActionResult);
      return service.recordMeeting(actorOf(turn), id, { inFavour, against, headInFavour: d.headVote !== 'against', participants, minutes: text(d, 'minutes') });
    }),
  );
  c.register(DECISION_VERBS.override, act((turn, id, d) => service.proceedAnyway(actorOf(turn), id, text(d, 'reasons') || text(d, 'comment'))));
  c.register(DECISION_VERBS.partyStart, act((turn, id) => service.startPartyConsultation(actorOf(turn), id)));
  c.register(DECISION_VERBS.partyRecord, act((turn, id, d) => service.recordPartyConsultation(actorOf(turn), id, text(d, 'comment'))));
  c.registerText({ keywords: ['XIN Ý KIẾN CẤP ỦY'], verb: DECISION_VERBS.partyStart, parse: (r) => codeAndRest(r) });
  c.registerText({ keywords: ['Ý KIẾN CẤP ỦY'], verb: DECISION_VERBS.partyRecord, parse: (r) => codeAndRest(r, true) });
  c.register(DECISION_VERBS.notProceed, act((turn, id, d) => service.notProceed(actorOf(turn), id, text(d, 'comment'))));

  // Typed commands: "<KEYWORD> <mã> [rest]".
  const codeAndRest = (rest: string, needRest = false): Record<string, unknown> | undefined => {
    const m = rest.trim().match(/^(\S+)\s*([\s\S]*)$/);
    if (!m) return undefined;
    if (needRest && !m[2]!.trim()) return { code: m[1], comment: '' };
    return { code: m[1], comment: m[2]!.trim() };
  };
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

  // The Department of Home Affairs: plans that could not be routed, and messages not delivered.
  const isHomeAffairs = async (officer: Officer) =>
    !!(await ds.getRepository(Unit).findOne({ where: { id: officer.unitId, isHomeAffairs: true } }));
  c.register('decision.queue', async (turn) => {
    if (!(await isHomeAffairs(turn.officer))) return { title: t.queueOnlyHomeAffairs };
    const queue = await service.routingQueue();
    const failed = await undeliveredNotifications(ds, 30);
    if (!queue.length && !failed.length) return { title: t.queueTitle, body: [t.queueEmpty] };
    const people = failed.length ? await ds.getRepository(OfficerEntity).find({ where: { id: In([...new Set(failed.map((f) => f.officerId))]) } }) : [];
    const names = new Map(people.map((o) => [o.id, o.fullName]));
    const codes = new Map<string, string>();
    for (const f of failed) {
      if (f.proposalId && !codes.has(f.proposalId)) codes.set(f.proposalId, (await ds.getRepository(Proposal).findOneBy({ id: f.proposalId }))?.code ?? '');
    }
    return {
      title: t.queueTitle,
      sections: [
        ...(queue.length ? [{ heading: t.queueRoutingHeading, text: queue.map((q) => `${q.code ?? t.noCode} – ${q.title ?? t.untitled}`).join('\n') }] : []),
        ...(failed.length
          ? [{ heading: t.queueOutboxHeading, text: failed.map((f) => t.queueOutboxLine(names.get(f.officerId) ?? '', codes.get(f.proposalId ?? '') ?? '', f.attempts, f.lastError ?? '')).join('\n') }]
          : []),
      ],
      actions: queue.slice(0, 5).map((q) => ({ title: `CHUYỂN LẠI ${q.code}`, verb: 'decision.reroute', data: { proposalId: q.id }, command: `CHUYỂN LẠI ${q.code}` })),
    };
  });
  c.register('decision.reroute', async (turn, data) => {
    if (!(await isHomeAffairs(turn.officer))) return { title: t.queueOnlyHomeAffairs };
    const id = await resolve(data);
    const p = id ? await ds.getRepository(Proposal).findOneBy({ id }) : null;
    if (!p || !id) return { title: t.refusal.not_found! };
    const r = await service.reroute(id, actorOf(turn));
    return { title: r.ok ? t.rerouted(p.code ?? '') : t.rerouteFailed(p.code ?? '') };
  });
  c.registerText({ keywords: ['HÀNG ĐỢI'], verb: 'decision.queue', parse: () => ({}) });
  c.registerText({ keywords: ['CHUYỂN LẠI'], verb: 'decision.reroute', parse: (r) => codeAndRest(r) });

  bot.intents.register('my_tasks', async (turn) => {
    const tasks = await service.tasksFor(turn.officer.id);
    if (!tasks.length) return turn.send(t.tasksEmpty);
    await turn.send({
      card: {
        title: t.tasksTitle,
        body: tasks.map((x) => t.taskLine(x.proposal.code ?? t.noCode, x.proposal.title ?? t.untitled, t.taskRole[x.role] ?? x.role, t.due(x.dueDate))),
        actions: tasks.slice(0, 5).map((x) => ({ title: x.proposal.code ?? t.noCode, verb: DECISION_VERBS.refresh, data: { proposalId: x.proposal.id } })),
      },
    });
  });
  bot.intents.registerWaiting(async (turn) => (await service.tasksFor(turn.officer.id)).map((x) => t.taskLine(x.proposal.code ?? t.noCode, x.proposal.title ?? t.untitled, t.taskRole[x.role] ?? x.role, t.due(x.dueDate))));
  // "đề xuất của tôi" is registered once, by bot/my-proposals-feature.ts (one list with the right actions).

  return feature;
}

/**
 * The card answered to an Action.Execute, without `refresh`: teams-ai turns a returned card that has one
 * into "replace for everyone" (an update of the message), which would show one person's actions to all.
 * The message itself keeps its refresh, so each listed user still gets their own view.
 */
function forInvoke(card: NeutralCard): NeutralCard {
  if (!card.adaptiveCard) return card;
  const { refresh: _refresh, ...rest } = card.adaptiveCard;
  void _refresh;
  return { ...card, adaptiveCard: rest };
}

function roleIn(view: DecisionView, officerId: string): CardRole {
  if (!view.decision) return 'viewer';
  if (view.decision.deciderId === officerId) return 'decider';
  if (view.votes.some((v) => v.voter.id === officerId)) return 'voter';
  return 'viewer';
}

function actorsOf(view: DecisionView): string[] {
  if (!view.decision) return [];
  return [view.decision.deciderId, ...view.votes.map((v) => v.voter.id)];
}

async function teamsIdsOf(ds: AppServices['dataSource'], officerIds: string[]): Promise<string[]> {
  if (!officerIds.length) return [];
  const accounts = await ds
    .getRepository(ChannelAccount)
    .createQueryBuilder('a')
    .where(`a.channel = 'msteams' AND a.officer_id IN (:...ids)`, { ids: [...new Set(officerIds)] })
    .getMany();
  return accounts.map((a) => a.externalUserId).filter((id) => id.startsWith('29:'));
}

/** Renders outbox rows at delivery time, so a card shows the current state. */
class NotificationRenderer {
  cardFor?: (view: DecisionView, officer: Officer, notice?: string) => Promise<NeutralCard>;
  fileUrl: (proposalId: string, revision: number) => string = () => '';

  constructor(
    private readonly service: () => DecisionService,
    private readonly ds: AppServices['dataSource'],
  ) {
    void this.ds;
  }

  async render(row: NotificationOutbox, officer: Officer, channelId: string): Promise<Record<string, unknown> | null> {
    const reply = await this.reply(row, officer);
    if (!reply) return null;
    return toActivity(channelId, reply) as Record<string, unknown>;
  }

  private async reply(row: NotificationOutbox, officer: Officer): Promise<BotReply | string | null> {
    if (!row.proposalId) return null;
    const data = row.payload as Record<string, unknown>;
    const view = await this.service().view(row.proposalId, typeof data.decisionId === 'string' ? data.decisionId : undefined);
    if (!view) return null;
    const code = view.proposal.code ?? t.noCode;
    const card = () => this.cardFor!(view, officer);
    switch (row.kind) {
      case DECISION_NOTICES.deciderCard:
      case DECISION_NOTICES.voteCard:
      case DECISION_NOTICES.voteClosed:
        return { card: await card() };
      case DECISION_NOTICES.proposerRouted: {
        const d = view.decision;
        if (!d || !view.decider) return null;
        return d.stage === 'intake'
          ? t.routedIntake(code, view.decider.fullName, t.due(d.dueDate))
          : t.routed(code, view.decider.fullName, view.decider.positionTitle, t.due(d.dueDate));
      }
      case DECISION_NOTICES.proposerRoutingFailed:
        return t.routingFailed(code, String(data.reason ?? ''));
      case DECISION_NOTICES.homeAffairsQueue:
        return t.queueNotice(code, String(data.reason ?? ''), typeof data.unitName === 'string' ? data.unitName : null);
      case DECISION_NOTICES.proposerOutcome: {
        const outcome = String(data.outcome ?? view.decision?.outcome ?? '');
        const head =
          outcome === 'approved'
            ? t.outcomeApproved(code)
            : outcome === 'approved_by_override'
              ? t.outcomeOverride(code)
              : outcome === 'rejected'
                ? t.outcomeRejected(code)
                : t.outcomeReturned(code);
        const comments = [
          ...(view.decision?.comment ? [view.decision.comment] : []),
          ...view.votes.filter((v) => v.comment).map((v) => t.voterLine(v.voter.fullName, t.voteChoice(v.choice), v.comment)),
        ];
        const tally = view.decision?.tally;
        return {
          card: {
            title: head,
            ...(outcome === 'approved_by_override' && view.decision ? { body: [t.overrideDocument(this.fileUrl(view.proposal.id, view.decision.revision))] } : {}),
            facts: [
              { label: t.factStatus, value: t.statusLabel(view.proposal.status) },
              ...(tally ? [{ label: t.factTally, value: t.tally(tally.inFavour, tally.against, tally.voters) }] : []),
            ],
            sections: comments.length ? [{ heading: t.commentsHeading, text: comments.join('\n') }] : [],
            // Returned for changes: the proposer reopens the plan from here (or types "SỬA <mã>").
            ...(outcome === 'returned' && view.proposal.code
              ? { actions: [{ title: wizard.reopenAction, verb: PLAN_VERBS.reopen, data: { proposalId: view.proposal.id }, command: `SỬA ${view.proposal.code}`, style: 'positive' as const }] }
              : {}),
          },
        };
      }
      case DECISION_NOTICES.reminder:
        return { text: t.reminder(code, t.due(view.decision?.dueDate), Number(data.offset ?? 0)), card: await card() };
      case DECISION_NOTICES.escalation:
        return t.escalation(code, view.decider ? `${view.decider.fullName} – ${view.decider.positionTitle}` : '', t.due(view.decision?.dueDate));
      default:
        logger.warn({ kind: row.kind }, 'unknown notification kind');
        return null;
    }
  }
}
