// Dissemination campaigns in chat: a unit head or Home Affairs composes one (card, or "PHÁT ĐỘNG PHỔ BIẾN
// …" typed), officials confirm "Đã đọc" and answer the check (buttons, or "ĐÃ ĐỌC" / "ĐÁP ÁN" typed),
// and those allowed follow progress per unit ("TIẾN ĐỘ PHỔ BIẾN").
import type { Officer } from '../../entities/officer.entity.js';
import { formatQuestion, validateDraft, type CampaignDraftInput } from '../../services/campaigns/campaign-input.js';
import { campaignTemplates } from '../../services/campaigns/campaign-templates.js';
import { formatDateVN } from '../../services/calendar/local-date.js';
import { loadCuratedPack } from '../../services/knowledge/curated-pack.js';
import { campaigns as t } from '../../services/platform/messages/index.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import { CAMPAIGN_VERBS as V, composeCard, progressCard } from './campaign-card.js';
import { registerCampaignNotices } from './campaign-notices.js';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

export function registerCampaignFeature(bot: BotApplication, container: Container): void {
  const { dataSource: ds, workflow } = container;
  const { service, progress } = container.campaigns;
  const templates = campaignTemplates(loadCuratedPack());
  const c = bot.commands;

  const mayStart = async (turn: CoreTurn): Promise<string | undefined> => {
    const target = await service.resolveTarget(turn.officer);
    return 'problem' in target ? target.problem : undefined;
  };

  /** The units a sender may choose: the one they head and those below it (Home Affairs: the province, then all). */
  const unitChoices = async (officer: Officer): Promise<{ code: string; name: string }[]> => {
    const target = await service.resolveTarget(officer);
    if ('problem' in target) return [];
    const rows = (await ds.query(
      target.unitId === null
        ? `SELECT code, name FROM unit WHERE active ORDER BY code LIMIT 200`
        : `WITH RECURSIVE down AS (SELECT id, 0 AS depth FROM unit WHERE id = $1
             UNION SELECT u.id, down.depth + 1 FROM unit u JOIN down ON u.parent_id = down.id)
           SELECT u.code, u.name FROM down JOIN unit u ON u.id = down.id WHERE u.active ORDER BY down.depth, u.code LIMIT 200`,
      target.unitId === null ? [] : [target.unitId],
    )) as { code: string; name: string }[];
    return rows;
  };

  const compose = async (turn: CoreTurn, data: Record<string, unknown>, notice?: string): Promise<NeutralCard | string> => {
    const target = await service.resolveTarget(turn.officer);
    if ('problem' in target) return target.problem;
    const chosen = templates[Number(str(data.template) || (data.proposeQuiz ? 1 : 0)) - 1];
    return composeCard({
      scopeName: target.name,
      templates,
      units: await unitChoices(turn.officer),
      province: target.unitId === null,
      reminderDays: workflow.campaigns.reminderWorkingDays,
      fill: {
        text: str(data.text) || chosen?.text,
        unit: str(data.unit) || undefined,
        docTitle: str(data.docTitle) || chosen?.document?.title,
        docUrl: str(data.docUrl),
        ...(data.proposeQuiz && chosen ? { questions: chosen.quiz } : {}),
      },
      ...(notice ? { notice } : {}),
    });
  };

  c.register(V.compose, async (turn, data) => compose(turn, data), mayStart);

  c.register(
    V.start,
    async (turn, data) => {
      const input: CampaignDraftInput = {
        text: data.text,
        docTitle: data.docTitle,
        docUrl: data.docUrl,
        questions: [data.q1, data.q2, data.q3],
        reminderWorkingDays: data.reminder,
      };
      if (str(data.template)) {
        const template = templates[Number(str(data.template)) - 1];
        if (!template) return t.templateUnknown(templates.length);
        // A template fills what the sender left empty: the text, the questions, the document.
        if (!str(input.text)) input.text = template.text;
        if (!input.questions!.some((q) => str(q))) input.questions = template.quiz.map(formatQuestion);
        if (!str(input.docTitle) && !str(input.docUrl)) input.docTitle = template.document?.title;
      }
      const checked = validateDraft(input, workflow.campaigns.reminderWorkingDays);
      if ('problem' in checked) return data.freeText ? checked.problem : compose(turn, data, checked.problem);
      const started = await service.start(turn.officer, checked.draft, str(data.unit) || undefined);
      if (!started.ok) return data.freeText ? started.problem : compose(turn, data, started.problem);
      const code = started.campaign.code;
      return {
        title: t.started(code, started.recipients, started.unreachable),
        body: [t.startedNext(code)],
        actions: [{ title: t.actionProgress, verb: V.progress, data: { code }, command: `TIẾN ĐỘ PHỔ BIẾN ${code}` }],
      };
    },
    mayStart,
  );

  c.register(
    V.read,
    async (turn, data) => {
      const r = await service.recordRead(turn.officer, {
        code: str(data.code) || undefined,
        campaignId: str(data.campaignId) || undefined,
      });
      if (!r.ok) return r.problem;
      return r.fresh ? t.readRecorded(r.campaign.code) : t.readAlready(r.campaign.code);
    },
    'own',
  );

  c.register(
    V.answer,
    async (turn, data) => {
      const ref = { code: str(data.code) || undefined, campaignId: str(data.campaignId) || undefined };
      // A card sends the chosen option of each question (a1…a3); a typed reply the letters.
      const fromCard = ['a1', 'a2', 'a3'].filter((k) => k in data);
      const answers = fromCard.length ? fromCard.map((k) => (str(data[k]) === '' ? -1 : Number(str(data[k])))) : str(data.answers);
      const r = await service.recordAnswers(turn.officer, ref, answers);
      if (!r.ok) return r.problem;
      const quiz = r.campaign.quiz ?? [];
      const key = quiz.map((q, i) => t.correctAnswerLine(i + 1, 'ABCDE'[q.correct]!, q.options[q.correct]!)).join('\n');
      const head = r.fresh ? t.answersRecorded(r.correct ?? 0, quiz.length) : t.answersAlready(r.correct ?? 0, quiz.length);
      return { title: head, sections: [{ heading: t.correctAnswersHeading, text: key }] };
    },
    'own',
  );

  c.register(
    V.progress,
    async (turn, data) => {
      const code = str(data.code);
      if (code) {
        const campaign = await service.byCode(code);
        if (!campaign) return t.campaignUnknown(code);
        if (!(await progress.maySee(turn.officer, campaign))) return t.progressNotAllowed;
        return progressCard(await progress.progress(campaign));
      }
      const list = await progress.visible(turn.officer);
      if (!list.length) return t.progressNone;
      const latest = progressCard(await progress.progress(list[0]!));
      if (list.length === 1) return latest;
      const lines = await Promise.all(
        list.slice(0, 10).map(async (x) => {
          const p = await progress.progress(x);
          return t.progressListLine(x.code, formatDateVN(x.sentOn), p.scopeName || t.labelProvince, p.totals.read, p.totals.recipients);
        }),
      );
      return { ...latest, sections: [...(latest.sections ?? []), { heading: t.progressListTitle, text: lines.join('\n') }] };
    },
    'own',
  );

  c.registerText({
    keywords: ['PHÁT ĐỘNG PHỔ BIẾN', 'TẠO ĐỢT PHỔ BIẾN'],
    verb: V.start,
    parse: (rest) => {
      const r = rest.trim();
      if (!r) return undefined;
      const m = r.match(/^m[aẫ]u\s+(\d{1,2})$/iu);
      return m ? { template: m[1], freeText: true } : { text: r, freeText: true };
    },
  });
  c.registerText({
    keywords: ['PHÁT ĐỘNG PHỔ BIẾN', 'TẠO ĐỢT PHỔ BIẾN'],
    verb: V.compose,
    parse: (rest) => (rest.trim() ? undefined : {}),
  });
  c.registerText({
    keywords: ['ĐÃ ĐỌC'],
    verb: V.read,
    parse: (rest) => {
      const r = rest.trim();
      if (!r) return {};
      return /^pb-\d{4}-\d{1,6}$/i.test(r) ? { code: r } : undefined;
    },
  });
  c.registerText({
    keywords: ['ĐÁP ÁN'],
    verb: V.answer,
    parse: (rest) => {
      const m = rest.trim().match(/^(?:(pb-\d{4}-\d{1,6})\s*)?((?:[a-e][\s,;.]*){1,5})$/i);
      if (!m) return undefined;
      return m[1] ? { code: m[1], answers: m[2] } : { answers: m[2], freeText: true };
    },
  });
  c.registerText({
    keywords: ['TIẾN ĐỘ PHỔ BIẾN'],
    verb: V.progress,
    parse: (rest) => {
      const r = rest.trim();
      if (!r) return {};
      return /^pb-\d{4}-\d{1,6}$/i.test(r) ? { code: r } : undefined;
    },
  });

  registerCampaignNotices(container);
}
