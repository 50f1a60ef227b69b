// The yearly report card: the figures computed from the database, the unit's narrative parts with inputs
// to write them, and the actions to generate (.docx + .xlsx links) and submit; for the Department of Home
// Affairs, the province's figures and which units have submitted.
import type { AnnualFigures } from '../../services/reports/annual-report-figures.js';
import type { Narrative } from '../../services/reports/annual-report-narrative.js';
import type { SubmissionStatus } from '../../services/reports/annual-report-submissions.js';
import { formatDateVN, toLocalDate } from '../../services/calendar/local-date.js';
import { actionsWith, type CardAction, type NeutralCard } from '../../services/platform/reply.js';
import { annualReport as t, campaigns as ct } from '../../services/platform/messages/index.js';
import { renderAdaptiveCard } from '../cards/render-adaptive-card.js';

export const REPORT_VERBS = {
  show: 'report.show',
  narrative: 'report.narrative',
  generate: 'report.generate',
  submit: 'report.submit',
  tracking: 'report.tracking',
} as const;

export interface ReportCardInput {
  figures: AnnualFigures;
  narrative: Narrative;
  dueDate: string;
  submissions?: SubmissionStatus[];
  notice?: string;
  links?: { docx: string; xlsx: string; rows?: number };
}

export function reportCard(x: ReportCardInput): NeutralCard {
  const f = x.figures;
  const province = f.scope.kind === 'province';
  const year = f.year;
  const data = { year, scope: f.scope.kind };
  const body: string[] = [];
  if (x.notice) body.push(x.notice);
  body.push(t.reportIntro(x.dueDate));
  if (x.links) body.push(t.generated(x.links.docx, x.links.xlsx, x.links.rows ?? f.total.plans.received));
  const p = f.total.plans;
  const facts = [
    { label: t.factReceived, value: String(p.received) },
    { label: t.factApproved, value: String(p.approved) },
    { label: t.factRejected, value: String(p.rejected) },
    { label: t.factInProgress, value: String(p.inProgress) },
    { label: t.factCompleted, value: String(p.completed) },
  ];
  const c = f.campaigns.total;
  facts.push({ label: ct.factReportCampaigns, value: ct.reportFact(c.campaigns, c.recipients, c.read, c.correct) });
  if (!province)
    facts.push({
      label: t.factSubmitted,
      value: x.narrative.submittedAt ? formatDateVN(toLocalDate(x.narrative.submittedAt)) : t.notSubmitted,
    });
  const sections = [
    { heading: t.disseminationHeading, text: x.narrative.dissemination ?? t.notWritten },
    { heading: t.trainingHeading, text: x.narrative.training ?? t.notWritten },
    { heading: t.recommendationsHeading, text: x.narrative.recommendations ?? t.notWritten },
  ];
  if (province && x.submissions) {
    const done = x.submissions.filter((s) => s.submittedAt).length;
    facts.push({ label: t.factSubmissions, value: t.trackingSummary(done, x.submissions.length) });
    const missing = x.submissions.filter((s) => !s.submittedAt).map((s) => s.unit.name);
    if (missing.length) sections.push({ heading: t.missingHeading, text: missing.join('\n') });
  }
  const a = actionsWith(data);
  const actions: CardAction[] = [
    a(
      t.actionSaveNarrative,
      REPORT_VERBS.narrative,
      `TUYÊN TRUYỀN ${year} <nội dung> • ĐÀO TẠO ${year} <nội dung> • KIẾN NGHỊ ${year} <nội dung>`,
    ),
    a(t.actionGenerate, REPORT_VERBS.generate, `TẠO BÁO CÁO NĂM ${year}`, 'positive'),
    province
      ? a(t.actionTracking, REPORT_VERBS.tracking, `TÌNH HÌNH BÁO CÁO NĂM ${year}`)
      : a(t.actionSubmit, REPORT_VERBS.submit, `NỘP BÁO CÁO NĂM ${year}`),
  ];
  const neutral: NeutralCard = {
    title: province ? t.provinceTitle(year) : t.reportTitle(f.scope.issuer.name, year),
    body,
    facts,
    sections,
    actions,
  };
  const card = renderAdaptiveCard(neutral);
  (card.body as Record<string, unknown>[]).push(
    { type: 'Input.Text', id: 'dissemination', label: t.disseminationHeading, isMultiline: true, value: x.narrative.dissemination ?? '' },
    { type: 'Input.Text', id: 'training', label: t.trainingHeading, isMultiline: true, value: x.narrative.training ?? '' },
    {
      type: 'Input.Text',
      id: 'recommendations',
      label: t.recommendationsHeading,
      isMultiline: true,
      value: x.narrative.recommendations ?? '',
    },
  );
  return { ...neutral, adaptiveCard: card };
}
