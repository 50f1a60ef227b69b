// After the decision, on the one brain: the follow-up card verbs (assignment, progress, obstacles,
// pause/resume/stop, completion), the evaluation vote and recognition, the yearly report in chat, the
// typed commands, the rendering of proactive notifications, and the download routes for the evaluation
// conclusion and the yearly report (signed, expiring links).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { In } from 'typeorm';
import os from 'node:os';
import path from 'node:path';
import type restify from 'restify';
import type { BotApplication } from './app.js';
import type { AppServices } from './core/app-services.js';
import type { CoreTurn } from './core/core-turn.js';
import { toActivity } from './core/core-turn.js';
import { DOCX_CONTENT_TYPE, type BotReply, type NeutralCard } from '../services/platform/reply.js';
import { implementationCard, IMPLEMENTATION_VERBS, type FollowRole } from './cards/implementation-card.js';
import { EVALUATION_VERBS, OUTCOME_CHOICES } from './cards/evaluation-card.js';
import { reportCard, REPORT_VERBS } from './cards/report-card.js';
import { afterDecision as t } from '../services/platform/messages/index.js';
import { logger } from '../services/platform/logger.js';
import { publicBaseUrl, rememberServerAddress, sendFile, sendFileFailure, sendLinkRefused } from './files/signed-file-route.js';
import { decisionFeatureOf } from './decision-feature.js';
import { createFileToken, verifyFileToken } from './files/file-links.js';
import { BotNotifier, type OutboxRenderer, type ProactiveAdapter } from '../services/notifications/bot-notifier.js';
import { enqueueNotification, type Notifier } from '../services/notifications/notifier.js';
import type { NotificationOutbox } from '../entities/notification-outbox.entity.js';
import type { Officer } from '../entities/officer.entity.js';
import { Officer as OfficerEntity } from '../entities/officer.entity.js';
import { EvaluationVote } from '../entities/evaluation-vote.entity.js';
import { ImplementationReport } from '../entities/implementation-report.entity.js';
import { ImplementationCheckIn } from '../entities/implementation-check-in.entity.js';
import { Unit } from '../entities/unit.entity.js';
import { ImplementationService, type ImplementationView } from '../services/implementation/implementation-service.js';
import { EvaluationService } from '../services/evaluation/evaluation-service.js';
import { renderEvaluationFile } from '../services/evaluation/evaluation-document.js';
import { AFTER_DECISION_NOTICES as N, extractLinks, type AfterDecisionResult } from '../services/implementation/after-decision-common.js';
import { normaliseProposalCode } from '../services/decisions/decision-service.js';
import { RoutingService } from '../services/routing/routing-service.js';
import { getWorkflowConfig } from '../services/workflow/workflow-config.js';
import { todayVN, yearOf } from '../services/calendar/local-date.js';
import { computeAnnualFigures, loadUnitTree } from '../services/reports/annual-report-figures.js';
import {
  AnnualReportError,
  generateAnnualReport,
  getNarrative,
  markSubmitted,
  resolveScope,
  setNarrative,
  submissionStatus,
  type NarrativePart,
} from '../services/reports/annual-report-service.js';

export interface AfterDecisionFeature {
  implementation: ImplementationService;
  evaluation: EvaluationService;
  notifier: Notifier;
}

const features = new WeakMap<AppServices, AfterDecisionFeature>();
export function afterDecisionFeatureOf(services: AppServices): AfterDecisionFeature | undefined {
  return features.get(services);
}

const KINDS = new Set<string>(Object.values(N));
const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One notifier for the whole bot: when the decision feature's BotNotifier exists, this feature registers
 * the renderer of its kinds there (so its retry job renders them too); otherwise a notifier of our own.
 */
function sharedNotifier(bot: BotApplication, services: AppServices, render: OutboxRenderer): Notifier {
  const decision = decisionFeatureOf(services);
  const adapter = (bot.app as unknown as { adapter: ProactiveAdapter }).adapter;
  const notifier =
    decision && decision.notifier instanceof BotNotifier
      ? decision.notifier
      : new BotNotifier(services.dataSource, adapter, { appId: services.config.MICROSOFT_APP_ID ?? '', tenantId: services.config.MICROSOFT_APP_TENANT_ID ?? undefined });
  notifier.registerRenderer([...KINDS], render);
  return notifier;
}

// ---- download links ----------------------------------------------------------------------------------

const PROVINCE = 1;
const KIND_DOCX = 1;
const KIND_XLSX = 2;

const baseUrl = publicBaseUrl;

/** The evaluation conclusion of a proposal: a signed token with revision 0 (plan links start at 1). */
export function evaluationFileUrl(services: AppServices, proposalId: string): string {
  return `${baseUrl(services)}/files/evaluation/${createFileToken('evaluation', proposalId, 0)}`;
}

/** The yearly report of a unit (or the province, issued by Home Affairs): year, file kind and scope in the revision. */
export function reportFileUrl(services: AppServices, issuerUnitId: string, year: number, kind: 'docx' | 'xlsx', province: boolean): string {
  const revision = year * 100 + (kind === 'docx' ? KIND_DOCX : KIND_XLSX) * 10 + (province ? PROVINCE : 0);
  return `${baseUrl(services)}/files/report/${createFileToken('report', issuerUnitId, revision)}`;
}

export function registerAfterDecisionFileRoutes(server: restify.Server, services: AppServices): void {
  rememberServerAddress(server, services);
  const notFound = sendLinkRefused;
  const send = (res: restify.Response, name: string, contentType: string, content: Buffer) => sendFile(res, { name, contentType, content });
  server.get('/files/evaluation/:token', async (req, res) => {
    const claims = verifyFileToken('evaluation', String(req.params.token ?? ''));
    if (!claims || claims.revision !== 0) return notFound(res);
    try {
      const file = await renderEvaluationFile(services.dataSource, claims.proposalId);
      if (!file) return notFound(res);
      send(res, file.name, DOCX_CONTENT_TYPE, file.content);
    } catch (err) {
      sendFileFailure(res, err, 'evaluation conclusion');
    }
  });
  server.get('/files/report/:token', async (req, res) => {
    const claims = verifyFileToken('report', String(req.params.token ?? ''));
    const year = claims ? Math.floor(claims.revision / 100) : 0;
    const kind = claims ? Math.floor((claims.revision % 100) / 10) : 0;
    if (!claims || year < 2023 || year > 2100 || (kind !== KIND_DOCX && kind !== KIND_XLSX)) return notFound(res);
    const province = claims.revision % 10 === PROVINCE;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bao-cao-nam-'));
    try {
      const r = await generateAnnualReport(services.dataSource, { year, ...(province ? {} : { unitId: claims.proposalId }), outDir: dir });
      const file = kind === KIND_DOCX ? r.docxPath : r.xlsxPath;
      send(res, path.basename(file), kind === KIND_DOCX ? DOCX_CONTENT_TYPE : XLSX_CONTENT_TYPE, await readFile(file));
    } catch (err) {
      if (err instanceof AnnualReportError) return notFound(res);
      sendFileFailure(res, err, 'yearly report');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

/** For the route registry (bot/routes.ts). */
export const afterDecisionFileRoute = (server: restify.Server, context: { services: AppServices }): void => registerAfterDecisionFileRoutes(server, context.services);

// ---- the feature -------------------------------------------------------------------------------------

export function registerAfterDecisionFeature(bot: BotApplication, services: AppServices): AfterDecisionFeature {
  const ds = services.dataSource;
  let implementation!: ImplementationService;
  let evaluation!: EvaluationService;
  const render: OutboxRenderer = async (row, officer, channelId) => {
    const reply = await renderNotice(row, officer);
    return reply ? (toActivity(channelId, reply) as Record<string, unknown>) : null;
  };
  const notifier = sharedNotifier(bot, services, render);
  implementation = new ImplementationService(ds, notifier);
  evaluation = new EvaluationService(ds, notifier);
  const feature = { implementation, evaluation, notifier };
  features.set(services, feature);

  const config = () => getWorkflowConfig();
  const actorOf = (turn: CoreTurn) => ({ officerId: turn.officer.id, channel: turn.channelId });
  const str = (d: Record<string, unknown>, k: string) => (typeof d[k] === 'string' ? (d[k] as string) : Array.isArray(d[k]) ? (d[k] as unknown[]).join(',') : '');
  const list = (text: string) => text.split(/[,;\s]+/).map((x) => x.trim()).filter(Boolean);

  const resolve = async (data: Record<string, unknown>): Promise<string | null> => {
    if (typeof data.proposalId === 'string') return data.proposalId;
    if (typeof data.code === 'string') return decisionFeatureOf(services)?.service.findProposalId(data.code) ?? findByCode(data.code);
    return null;
  };
  const findByCode = async (code: string): Promise<string | null> => {
    const c = normaliseProposalCode(code);
    if (!c) return null;
    const rows = (await ds.query(`SELECT id FROM proposal WHERE code = $1`, [c])) as { id: string }[];
    return rows[0]?.id ?? null;
  };

  /** The card of a proposal for this officer. */
  const cardFor = async (view: ImplementationView, officer: Officer, notice?: string): Promise<NeutralCard> => {
    const current = view.evaluation;
    const ballots = current ? await ds.manager.find(EvaluationVote, { where: { evaluationId: current.id }, order: { id: 'ASC' } }) : [];
    const voters: Officer[] = ballots.length ? await ds.manager.findBy(OfficerEntity, { id: In(ballots.map((b) => b.voterId)) }) : [];
    const byId = new Map(voters.map((o) => [o.id, o]));
    const role = roleOf(view, officer.id, ballots);
    const status = view.proposal.status;
    const canAssign = role === 'head' && (status === 'approved' || status === 'approved_by_override');
    return implementationCard(view, {
      role,
      officerId: officer.id,
      ...(notice ? { notice } : {}),
      ...(canAssign ? { candidates: await implementation.candidates(view.proposal.id) } : {}),
      ballots: ballots.map((b) => Object.assign(b, { voter: byId.get(b.voterId) ?? null })),
      recognitionOptions: config().recognitionOptions,
      checkInIntervalWorkingDays: config().implementation.checkInIntervalWorkingDays,
      partyConsultationReminder: config().decision.partyCommitteeConsultation.beforeEvaluation && (config().decision.partyCommitteeConsultation.remindDecider || config().decision.partyCommitteeConsultation.required),
      ...(current?.state === 'passed' ? { conclusionUrl: evaluationFileUrl(services, view.proposal.id) } : {}),
    });
  };

  const noticeOf = (result: AfterDecisionResult, code: string): string => {
    if (!result.ok) {
      const base = t.refusal[result.reason] ?? t.refusal.wrong_state!;
      return result.detail && result.reason === 'unknown_officer' ? `${base} (${result.detail})` : base;
    }
    const d = result.data ?? {};
    switch (result.action) {
      case 'manager_named':
        return t.done.manager_named!(code, String(d.managerName ?? '') as never);
      case 'assigned':
        return t.done.assigned!(code, ((d.implementers as string[]) ?? []).join(', ') as never);
      case 'obstacle_reported':
        return t.done.obstacle_reported!(code, !!d.homeAffairs as never);
      case 'completion_reported':
        return t.done.completion_reported!(code, t.due(String(d.due ?? '')) as never);
      default:
        return t.done[result.action]?.(code) ?? '';
    }
  };

  const act =
    (run: (turn: CoreTurn, proposalId: string, data: Record<string, unknown>) => Promise<AfterDecisionResult>) =>
    async (turn: CoreTurn, data: Record<string, unknown>): Promise<NeutralCard> => {
      const proposalId = await resolve(data);
      if (!proposalId) return { title: t.refusal.not_found! };
      const result = await run(turn, proposalId, data);
      const view = await implementation.view(proposalId);
      if (!view) return { title: t.refusal.not_found! };
      const notice = noticeOf(result, view.proposal.code ?? '');
      if (!result.ok && (result.reason === 'not_allowed' || result.reason === 'not_voter' || result.reason === 'not_found')) return { title: notice };
      return cardFor(view, turn.officer, notice);
    };

  const c = bot.commands;
  c.register(IMPLEMENTATION_VERBS.refresh, async (turn, data) => {
    const id = await resolve(data);
    const view = id ? await implementation.view(id) : null;
    if (!view) return { title: t.refusal.not_found! };
    return cardFor(view, turn.officer);
  });
  c.register(
    IMPLEMENTATION_VERBS.assign,
    act(async (turn, id, d) => {
      const manager = str(d, 'manager').trim();
      if (manager) {
        const named = await implementation.nameManager(actorOf(turn), id, manager);
        if (!named.ok) return named;
      }
      const people = [...list(str(d, 'implementers')), ...list(str(d, 'emails'))];
      return implementation.assign(actorOf(turn), id, { implementers: people, resources: { people: str(d, 'people'), funding: str(d, 'funding'), equipment: str(d, 'equipment') } });
    }),
  );
  c.register(IMPLEMENTATION_VERBS.manager, act((turn, id, d) => implementation.nameManager(actorOf(turn), id, str(d, 'manager') || str(d, 'text'))));
  const withFiles = (d: Record<string, unknown>) => {
    const parsed = extractLinks(`${str(d, 'text')}\n${str(d, 'files')}`);
    return parsed;
  };
  c.register(IMPLEMENTATION_VERBS.progress, act((turn, id, d) => {
    const x = withFiles(d);
    return implementation.report(actorOf(turn), id, 'progress', x.text, x.files);
  }));
  c.register(IMPLEMENTATION_VERBS.obstacle, act((turn, id, d) => {
    const x = withFiles(d);
    return implementation.report(actorOf(turn), id, 'obstacle', x.text, x.files);
  }));
  c.register(IMPLEMENTATION_VERBS.complete, act((turn, id, d) => {
    const x = withFiles(d);
    return implementation.reportCompletion(actorOf(turn), id, x.text, x.files);
  }));
  c.register(IMPLEMENTATION_VERBS.pause, act((turn, id, d) => implementation.pause(actorOf(turn), id, str(d, 'reason') || str(d, 'text'))));
  c.register(IMPLEMENTATION_VERBS.resume, act((turn, id, d) => implementation.resume(actorOf(turn), id, str(d, 'reason'))));
  c.register(IMPLEMENTATION_VERBS.stop, act((turn, id, d) => implementation.stop(actorOf(turn), id, str(d, 'reason') || str(d, 'text'))));
  c.register(
    EVALUATION_VERBS.open,
    act((turn, id, d) =>
      evaluation.open(actorOf(turn), id, {
        outcome: str(d, 'outcome'),
        results: str(d, 'results'),
        objectiveCauses: str(d, 'objectiveCauses'),
        subjectiveCauses: str(d, 'subjectiveCauses'),
        damage: str(d, 'damage'),
      }),
    ),
  );
  c.register(EVALUATION_VERBS.voteFor, act((turn, id, d) => evaluation.castVote(actorOf(turn), id, 'for', str(d, 'comment'))));
  c.register(EVALUATION_VERBS.voteAgainst, act((turn, id, d) => evaluation.castVote(actorOf(turn), id, 'against', str(d, 'comment'))));
  c.register(EVALUATION_VERBS.close, act((turn, id) => evaluation.closeVote(actorOf(turn), id)));
  c.register(
    EVALUATION_VERBS.meeting,
    act((turn, id, d) => {
      const inFavour = Number(d.inFavour);
      const against = Number(d.against);
      return evaluation.recordMeeting(actorOf(turn), id, { inFavour, against, headInFavour: d.headVote !== 'against', participants: str(d, 'participants'), minutes: str(d, 'minutes') });
    }),
  );
  c.register(EVALUATION_VERBS.recognize, act((turn, id, d) => evaluation.recordRecognition(actorOf(turn), id, list(str(d, 'recognitions')), str(d, 'note'))));

  // Typed commands: the first word after the keyword must be a proposal code, otherwise the text goes on
  // to the other features (intents, questions).
  const codeFirst = (rest: string): { code: string; rest: string } | undefined => {
    const m = rest.trim().match(/^(\S+)\s*([\s\S]*)$/);
    if (!m || !normaliseProposalCode(m[1]!)) return undefined;
    return { code: m[1]!, rest: m[2]!.trim() };
  };
  const withCode = (key: string) => (r: string) => {
    const x = codeFirst(r);
    return x ? { code: x.code, [key]: x.rest } : undefined;
  };
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
  c.register('impl.progress.typed', async (turn, data) => {
    if (data.code) return (await c.get(IMPLEMENTATION_VERBS.progress)!(turn, data)) as NeutralCard;
    return followList(turn);
  });
  c.registerText({ keywords: ['VƯỚNG MẮC'], verb: IMPLEMENTATION_VERBS.obstacle, parse: withCode('text') });
  c.registerText({ keywords: ['BÁO CÁO HOÀN THÀNH'], verb: IMPLEMENTATION_VERBS.complete, parse: withCode('text') });
  c.registerText({ keywords: ['TẠM DỪNG'], verb: IMPLEMENTATION_VERBS.pause, parse: withCode('reason') });
  c.registerText({ keywords: ['TIẾP TỤC TRIỂN KHAI'], verb: IMPLEMENTATION_VERBS.resume, parse: withCode('reason') });
  c.registerText({ keywords: ['DỪNG THỰC HIỆN'], verb: IMPLEMENTATION_VERBS.stop, parse: withCode('reason') });
  c.registerText({
    keywords: ['ĐÁNH GIÁ'],
    verb: EVALUATION_VERBS.open,
    parse: (r) => {
      const x = codeFirst(r);
      if (!x) return undefined;
      const m = x.rest.match(/^([123])\s+([\s\S]*)$/);
      if (!m) return { code: x.code, outcome: '', results: x.rest };
      const [results = '', objectiveCauses = '', subjectiveCauses = '', damage = ''] = m[2]!.split('|').map((s) => s.trim());
      const outcome = OUTCOME_CHOICES.find((o) => o.number === m[1])!.value;
      return { code: x.code, outcome, results, objectiveCauses, subjectiveCauses, damage };
    },
  });
  c.registerText({ keywords: ['TÁN THÀNH ĐÁNH GIÁ'], verb: EVALUATION_VERBS.voteFor, parse: withCode('comment') });
  c.registerText({ keywords: ['KHÔNG TÁN THÀNH ĐÁNH GIÁ'], verb: EVALUATION_VERBS.voteAgainst, parse: withCode('comment') });
  c.registerText({ keywords: ['KẾT THÚC ĐÁNH GIÁ'], verb: EVALUATION_VERBS.close, parse: withCode('comment') });
  c.registerText({
    keywords: ['KẾT QUẢ HỌP ĐÁNH GIÁ'],
    verb: EVALUATION_VERBS.meeting,
    parse: (r) => {
      const x = codeFirst(r);
      if (!x) return undefined;
      const m = x.rest.match(/^(\d+)\s+(\d+)\s+(\S+)\s+([\s\S]+)$/);
      if (!m) return { code: x.code, participants: '' };
      return { code: x.code, inFavour: Number(m[1]), against: Number(m[2]), headVote: /^(co|có|tan|tán|for|x)/i.test(m[3]!) ? 'for' : 'against', participants: m[4]!.trim() };
    },
  });
  c.registerText({
    keywords: ['KHEN', 'GHI NHẬN KHEN THƯỞNG'],
    verb: EVALUATION_VERBS.recognize,
    parse: (r) => {
      const x = codeFirst(r);
      if (!x) return undefined;
      const [choices = '', note = ''] = x.rest.split('|').map((s) => s.trim());
      return { code: x.code, recognitions: choices, note };
    },
  });

  const followList = async (turn: CoreTurn): Promise<NeutralCard | string> => {
    const items = await implementation.followedBy(turn.officer.id);
    if (!items.length) return t.followEmpty;
    return {
      title: t.followTitle,
      body: [t.progressHow, ...items.map((x) => t.followLine(x.proposal.code ?? t.noCode, x.proposal.title ?? t.untitled, t.followRole[x.role] ?? x.role, t.statusLabel(x.proposal.status)))],
      actions: items.slice(0, 5).map((x) => ({ title: x.proposal.code ?? t.noCode, verb: IMPLEMENTATION_VERBS.refresh, data: { proposalId: x.proposal.id }, command: `BÁO CÁO TIẾN ĐỘ ${x.proposal.code ?? ''}` })),
    };
  };
  c.register('impl.list', async (turn) => followList(turn));
  c.registerText({ keywords: ['THEO DÕI TRIỂN KHAI', 'ĐỀ XUẤT ĐANG TRIỂN KHAI'], verb: 'impl.list', parse: (r) => (r.trim() ? undefined : {}) });

  // ---- yearly report in chat ----------------------------------------------------------------------

  /** What this officer may report on: the province (Home Affairs leadership) or their own unit (its head). */
  const reportRoleOf = async (officer: Officer, wantUnit: boolean): Promise<{ unitId: string; province: boolean } | null> => {
    const unit = await ds.manager.findOne(Unit, { where: { id: officer.unitId } });
    if (unit?.isHomeAffairs && (officer.role === 'head' || officer.role === 'deputy') && !wantUnit) return { unitId: unit.id, province: true };
    const tree = await loadUnitTree(ds, config());
    const reporting = tree.reportingUnitOf.get(officer.unitId);
    if (!reporting || tree.units.get(reporting)?.isProvincialCommittee) return null;
    const head = await new RoutingService(ds, config()).headOf(reporting);
    return head?.officer.id === officer.id ? { unitId: reporting, province: false } : null;
  };
  const yearIn = (d: Record<string, unknown>) => {
    const y = Number(d.year ?? yearOf(todayVN()));
    return Number.isInteger(y) && y >= 2023 && y <= 2100 ? y : null;
  };
  const reportView = async (turn: CoreTurn, data: Record<string, unknown>, extra: { notice?: string; links?: boolean } = {}): Promise<NeutralCard | string> => {
    const year = yearIn(data);
    if (year === null) return t.invalidYear;
    const role = await reportRoleOf(turn.officer, data.scope === 'unit');
    if (!role) return t.reportNotAllowed;
    const { tree, scope } = await resolveScope(ds, role.province ? {} : { unitId: role.unitId }, config());
    const figures = await computeAnnualFigures(ds, tree, scope, year);
    const narrative = await getNarrative(ds, role.unitId, year);
    const submissions = role.province ? await submissionStatus(ds, year, config()) : undefined;
    return reportCard({
      figures,
      narrative,
      dueDate: config().annualReport.dueDate,
      ...(submissions ? { submissions } : {}),
      ...(extra.notice ? { notice: extra.notice } : {}),
      ...(extra.links
        ? { links: { docx: reportFileUrl(services, role.unitId, year, 'docx', role.province), xlsx: reportFileUrl(services, role.unitId, year, 'xlsx', role.province) } }
        : {}),
    });
  };
  c.register(REPORT_VERBS.show, async (turn, data) => reportView(turn, data));
  c.register(REPORT_VERBS.generate, async (turn, data) => reportView(turn, data, { links: true }));
  c.register(REPORT_VERBS.narrative, async (turn, data) => {
    const year = yearIn(data);
    if (year === null) return t.invalidYear;
    const role = await reportRoleOf(turn.officer, data.scope === 'unit');
    if (!role) return t.reportNotAllowed;
    const parts = (['dissemination', 'training', 'recommendations'] as NarrativePart[]).filter((k) => typeof data[k] === 'string');
    if (!parts.length) return reportView(turn, data, { notice: t.narrativeNothing });
    for (const k of parts) await setNarrative(ds, role.unitId, year, k, String(data[k]), turn.officer.id);
    return reportView(turn, data, { notice: t.narrativeSaved });
  });
  c.register(REPORT_VERBS.submit, async (turn, data) => {
    const year = yearIn(data);
    if (year === null) return t.invalidYear;
    const role = await reportRoleOf(turn.officer, true);
    if (!role || role.province) return t.reportNotAllowed;
    const fresh = await markSubmitted(ds, role.unitId, year, turn.officer.id);
    if (fresh) {
      const ha = await ds.manager.findOne(Unit, { where: { isHomeAffairs: true, active: true } });
      const head = ha ? await new RoutingService(ds, config()).headOf(ha.id) : null;
      if (head && head.officer.id !== turn.officer.id) {
        const id = await enqueueNotification(ds, { officerId: head.officer.id, kind: N.annualSubmitted, data: { unitId: role.unitId, year }, dedupeKey: `report.submitted:${year}:${role.unitId}` });
        if (id) await notifier.deliver([id]);
      }
    }
    const narrative = await getNarrative(ds, role.unitId, year);
    return reportView(turn, { ...data, scope: 'unit' }, { notice: fresh ? t.submitted(year) : t.alreadySubmitted(year, narrative.submittedAt ? narrative.submittedAt.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '') });
  });
  c.register(REPORT_VERBS.tracking, async (turn, data) => {
    const year = yearIn(data);
    if (year === null) return t.invalidYear;
    const role = await reportRoleOf(turn.officer, false);
    if (!role?.province) return t.reportNotAllowed;
    const status = await submissionStatus(ds, year, config());
    return {
      title: t.provinceTitle(year),
      body: [t.trackingSummary(status.filter((s) => s.submittedAt).length, status.length)],
      sections: [{ heading: t.factSubmissions, text: status.map((s) => t.trackingLine(s.unit.name, s.submittedAt ? s.submittedAt.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : null)).join('\n') }],
    };
  });
  const yearOnly = (r: string) => {
    const s = r.trim();
    if (!s) return {};
    const m = s.match(/^(\d{4})$/);
    return m ? { year: Number(m[1]) } : undefined;
  };
  c.registerText({ keywords: ['BÁO CÁO NĂM'], verb: REPORT_VERBS.show, parse: yearOnly });
  c.registerText({ keywords: ['TẠO BÁO CÁO NĂM'], verb: REPORT_VERBS.generate, parse: yearOnly });
  c.registerText({ keywords: ['NỘP BÁO CÁO NĂM'], verb: REPORT_VERBS.submit, parse: yearOnly });
  c.registerText({ keywords: ['TÌNH HÌNH BÁO CÁO NĂM'], verb: REPORT_VERBS.tracking, parse: yearOnly });
  const narrativeCommand = (part: NarrativePart) => (r: string) => {
    const m = r.trim().match(/^(\d{4})\s+([\s\S]+)$/);
    return m ? { year: Number(m[1]), [part]: m[2]!.trim() } : undefined;
  };
  c.registerText({ keywords: ['TUYÊN TRUYỀN'], verb: REPORT_VERBS.narrative, parse: narrativeCommand('dissemination') });
  c.registerText({ keywords: ['ĐÀO TẠO'], verb: REPORT_VERBS.narrative, parse: narrativeCommand('training') });
  c.registerText({ keywords: ['KIẾN NGHỊ'], verb: REPORT_VERBS.narrative, parse: narrativeCommand('recommendations') });

  // ---- notifications --------------------------------------------------------------------------------

  async function renderNotice(row: NotificationOutbox, officer: Officer): Promise<BotReply | string | null> {
    const data = (row.payload ?? {}) as Record<string, unknown>;
    switch (row.kind) {
      case N.annualUnitReminder:
        return t.unitReminderNotice(Number(data.year), String(data.due ?? '').split('-').reverse().join('/'));
      case N.annualHomeAffairsReminder:
        return t.homeAffairsReminderNotice(Number(data.year), (data.missing as string[]) ?? [], Number(data.all ?? 0));
      case N.annualSubmitted: {
        const unit = await ds.manager.findOne(Unit, { where: { id: String(data.unitId) } });
        return t.submittedNotice(unit?.name ?? '', Number(data.year));
      }
    }
    if (!row.proposalId) return null;
    const view = await implementation.view(row.proposalId);
    if (!view) return null;
    const code = view.proposal.code ?? t.noCode;
    const title = view.proposal.title ?? t.untitled;
    const card = async (text?: string): Promise<BotReply> => ({ ...(text ? { text } : {}), card: await cardFor(view, officer) });
    const status = view.proposal.status;
    switch (row.kind) {
      case N.assignCard:
        return status === 'approved' || status === 'approved_by_override' ? card(t.assignNotice(code)) : null;
      case N.managerNamed:
        return t.managerNotice(code, view.head?.fullName ?? '');
      case N.assigned:
        return data.proposer ? t.assignedProposerNotice(code, view.implementers.map((x) => x.officer.fullName).join(', ')) : card(t.assignedNotice(code, title));
      case N.checkIn: {
        if (status !== 'implementing') return null;
        const ci = await ds.manager.findOne(ImplementationCheckIn, { where: { id: String(data.checkInId) } });
        if (!ci || ci.state !== 'pending') return null;
        return card(t.checkInNotice(code, ci.kind, ci.description, ci.dueDate));
      }
      case N.progress:
      case N.obstacle: {
        const r = await ds.manager.findOne(ImplementationReport, { where: { id: String(data.reportId) } });
        if (!r) return null;
        const author = await ds.manager.findOne(OfficerEntity, { where: { id: r.authorId } });
        return row.kind === N.obstacle ? t.obstacleNotice(code, author?.fullName ?? '', view.proposerUnit?.name ?? '', r.text) : t.progressNotice(code, author?.fullName ?? '', r.text);
      }
      case N.paused:
        return t.pausedNotice(code, String(data.reason ?? ''));
      case N.resumed:
        return t.resumedNotice(code);
      case N.stopped:
        return t.stoppedNotice(code, String(data.reason ?? ''));
      case N.completionReminder:
        return status === 'implementing' ? card(t.completionReminderNotice(code, String(data.end), String(data.due))) : null;
      case N.completionOverdue:
        return status === 'implementing' ? t.completionOverdueNotice(code, String(data.due)) : null;
      case N.completionReported:
        return ['completion_reported', 'evaluating'].includes(status) ? card(t.completionReportedNotice(code, String(data.due ?? view.proposal.dueDate ?? ''))) : null;
      case N.evaluationReminder:
        return ['completion_reported', 'evaluating'].includes(status) ? card(t.evaluationReminderNotice(code, String(data.due), Number(data.left ?? 0))) : null;
      case N.evaluationEscalation:
        return ['completion_reported', 'evaluating'].includes(status) ? t.evaluationEscalationNotice(code, view.head ? `${view.head.fullName} – ${view.head.positionTitle}` : '', String(data.due)) : null;
      case N.evaluationVote:
        return view.evaluation?.state === 'vote_open' ? card() : null;
      case N.evaluationNotPassed:
        return card(t.notPassedNotice(code));
      case N.recognitionCard:
        return status === 'evaluated' ? card(t.recognitionNotice(code)) : null;
      case N.proposerOutcome:
        return proposerOutcome(view, String(data.stage ?? ''));
      case N.implementerOutcome:
        return view.evaluation ? t.implementerOutcomeNotice(code, t.outcomeShort[view.evaluation.outcome] ?? '') : null;
      default:
        logger.warn({ kind: row.kind }, 'unknown after-decision notification kind');
        return null;
    }
  }

  function proposerOutcome(view: ImplementationView, stage: string): BotReply | null {
    const e = view.evaluation;
    if (!e || e.state !== 'passed') return null;
    const code = view.proposal.code ?? t.noCode;
    let text: string;
    if (e.outcome === 'completed') {
      text = stage === 'recognized' && e.recognitions?.length ? t.proposerRecognized(code, e.recognitions.map((r) => r.label).join('; ')) : t.proposerCompleted(code);
    } else {
      text = e.outcome === 'not_completed_pure_motive' ? t.proposerPureMotive(code) : t.proposerWithDamage(code);
    }
    const sections = e.outcome === 'completed' ? [] : [{ heading: t.causesNamed, text: `${t.objectiveHeading}: ${e.objectiveCauses}\n${t.subjectiveHeading}: ${e.subjectiveCauses}${e.damage ? `\n${t.damageHeading}: ${e.damage}` : ''}` }];
    return {
      card: {
        title: t.evaluationTitle(code),
        subtitle: view.proposal.title ?? t.untitled,
        body: [text, t.conclusionLink(evaluationFileUrl(services, view.proposal.id))],
        facts: [
          { label: t.factOutcome, value: t.outcomeShort[e.outcome] ?? e.outcome },
          { label: 'Căn cứ bảo vệ', value: t.provision(e.provision) },
          ...(e.tally ? [{ label: t.factTally, value: t.tally(e.tally.inFavour, e.tally.against, e.tally.voters) }] : []),
        ],
        sections,
      },
    };
  }

  return feature;
}

function roleOf(view: ImplementationView, officerId: string, ballots: EvaluationVote[]): FollowRole {
  const status = view.proposal.status;
  const implementationStage = ['approved', 'approved_by_override', 'implementing', 'paused'].includes(status);
  if (view.head?.id === officerId) return 'head';
  if (implementationStage && view.manager?.id === officerId) return 'head';
  if (view.evaluation?.state === 'vote_open' && ballots.some((b) => b.voterId === officerId)) return 'voter';
  if (view.implementers.some((x) => x.officer.id === officerId)) return 'implementer';
  return 'viewer';
}

