// The yearly report (due before 30/11) in chat: a unit head sees the figures, writes the narrative parts,
// gets the .docx and its annex, and submits; Home Affairs sees the province and who has submitted.
import type { Officer } from '../../entities/officer.entity.js';
import { todayVN, yearOf } from '../../services/calendar/local-date.js';
import { AFTER_DECISION_NOTICES as N } from '../../services/implementation/after-decision-common.js';
import { enqueueNotification } from '../../services/notifications/notifier.js';
import { annualReport as t } from '../../services/platform/messages/index.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import { computeAnnualFigures } from '../../services/reports/annual-report-figures.js';
import { loadUnitTree } from '../../services/reports/annual-report-scope.js';
import { getNarrative, setNarrative, type NarrativePart } from '../../services/reports/annual-report-narrative.js';
import { resolveScope } from '../../services/reports/annual-report-scope.js';
import { markSubmitted, submissionStatus } from '../../services/reports/annual-report-submissions.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import { registerReportNotices } from './report-notices.js';
import { reportCard, REPORT_VERBS } from './report-card.js';

export function registerAnnualReportFeature(bot: BotApplication, container: Container): void {
  const { dataSource: ds, workflow, identity, routing, notifier, links } = container;
  const c = bot.commands;

  /** What this officer may report on: the province (Home Affairs leadership) or their own unit (its head). */
  const reportRoleOf = async (officer: Officer, wantUnit: boolean): Promise<{ unitId: string; province: boolean } | null> => {
    if ((officer.role === 'head' || officer.role === 'deputy') && !wantUnit && (await identity.inHomeAffairs(officer)))
      return { unitId: officer.unitId, province: true };
    const tree = await loadUnitTree(ds, workflow);
    const reporting = tree.reportingUnitOf.get(officer.unitId);
    if (!reporting || tree.units.get(reporting)?.isProvincialCommittee) return null;
    const head = await routing.headOf(reporting);
    return head?.officer.id === officer.id ? { unitId: reporting, province: false } : null;
  };
  const yearIn = (d: Record<string, unknown>) => {
    const y = Number(d.year ?? yearOf(todayVN()));
    return Number.isInteger(y) && y >= 2023 && y <= 2100 ? y : null;
  };
  const reportView = async (
    turn: CoreTurn,
    data: Record<string, unknown>,
    extra: { notice?: string; links?: boolean } = {},
  ): Promise<NeutralCard | string> => {
    const year = yearIn(data);
    if (year === null) return t.invalidYear;
    const role = await reportRoleOf(turn.officer, data.scope === 'unit');
    if (!role) return t.reportNotAllowed;
    const { tree, scope } = await resolveScope(ds, role.province ? {} : { unitId: role.unitId }, workflow);
    const figures = await computeAnnualFigures(ds, tree, scope, year);
    const narrative = await getNarrative(ds, role.unitId, year);
    const submissions = role.province ? await submissionStatus(ds, year, workflow) : undefined;
    return reportCard({
      figures,
      narrative,
      dueDate: workflow.annualReport.dueDate,
      ...(submissions ? { submissions } : {}),
      ...(extra.notice ? { notice: extra.notice } : {}),
      ...(extra.links
        ? {
            links: {
              docx: links.report(role.unitId, year, 'docx', role.province),
              xlsx: links.report(role.unitId, year, 'xlsx', role.province),
            },
          }
        : {}),
    });
  };
  c.register(REPORT_VERBS.show, async (turn, data) => reportView(turn, data), 'own');
  c.register(REPORT_VERBS.generate, async (turn, data) => reportView(turn, data, { links: true }), 'own');
  c.register(
    REPORT_VERBS.narrative,
    async (turn, data) => {
      const year = yearIn(data);
      if (year === null) return t.invalidYear;
      const role = await reportRoleOf(turn.officer, data.scope === 'unit');
      if (!role) return t.reportNotAllowed;
      const parts = (['dissemination', 'training', 'recommendations'] as NarrativePart[]).filter((k) => typeof data[k] === 'string');
      if (!parts.length) return reportView(turn, data, { notice: t.narrativeNothing });
      for (const k of parts) await setNarrative(ds, role.unitId, year, k, String(data[k]), turn.officer.id);
      return reportView(turn, data, { notice: t.narrativeSaved });
    },
    'own',
  );
  c.register(
    REPORT_VERBS.submit,
    async (turn, data) => {
      const year = yearIn(data);
      if (year === null) return t.invalidYear;
      const role = await reportRoleOf(turn.officer, true);
      if (!role || role.province) return t.reportNotAllowed;
      const fresh = await markSubmitted(ds, role.unitId, year, turn.officer.id);
      if (fresh) {
        const head = await routing.homeAffairsHead();
        if (head && head.officer.id !== turn.officer.id) {
          const id = await enqueueNotification(ds, {
            officerId: head.officer.id,
            kind: N.annualSubmitted,
            data: { unitId: role.unitId, year },
            dedupeKey: `report.submitted:${year}:${role.unitId}`,
          });
          if (id) await notifier.deliver([id]);
        }
      }
      const narrative = await getNarrative(ds, role.unitId, year);
      return reportView(
        turn,
        { ...data, scope: 'unit' },
        {
          notice: fresh
            ? t.submitted(year)
            : t.alreadySubmitted(
                year,
                narrative.submittedAt ? narrative.submittedAt.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '',
              ),
        },
      );
    },
    'own',
  );
  c.register(
    REPORT_VERBS.tracking,
    async (turn, data) => {
      const year = yearIn(data);
      if (year === null) return t.invalidYear;
      const role = await reportRoleOf(turn.officer, false);
      if (!role?.province) return t.reportNotAllowed;
      const status = await submissionStatus(ds, year, workflow);
      return {
        title: t.provinceTitle(year),
        body: [t.trackingSummary(status.filter((s) => s.submittedAt).length, status.length)],
        sections: [
          {
            heading: t.factSubmissions,
            text: status
              .map((s) =>
                t.trackingLine(
                  s.unit.name,
                  s.submittedAt ? s.submittedAt.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : null,
                ),
              )
              .join('\n'),
          },
        ],
      };
    },
    'own',
  );
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

  registerReportNotices(container);
}
