// The yearly report's dissemination figures (the province's letter, point 1.a): the campaigns sent in the
// year through the assistant, per reporting unit of each recipient: how many officials they went to, how
// many confirmed "Đã đọc", answered the check, and answered all of it right. One aggregate query.
import type { DataSource, EntityManager } from 'typeorm';
import type { DocumentBlock } from '../documents/decree30-document.js';
import { campaigns as t } from '../platform/messages/index.js';
import { memberUnitIds, scopeFilter, yearBounds, type ReportScope, type UnitTree } from './annual-report-scope.js';

export interface CampaignFigures {
  /** Campaigns that reached at least one official of the unit. */
  campaigns: number;
  recipients: number;
  read: number;
  answered: number;
  /** Answered every question right. */
  correct: number;
}

export interface AnnualCampaignFigures {
  perUnit: Map<string, CampaignFigures>;
  total: CampaignFigures;
}

const empty = (): CampaignFigures => ({ campaigns: 0, recipients: 0, read: 0, answered: 0, correct: 0 });

export async function computeCampaignFigures(
  source: DataSource | EntityManager,
  tree: UnitTree,
  scope: ReportScope,
  year: number,
): Promise<AnnualCampaignFigures> {
  const units = memberUnitIds(tree, scope);
  const filter = scopeFilter(tree, scope, units);
  const { firstDay, lastDay } = yearBounds(year);
  const perUnit = new Map<string, CampaignFigures>(scope.reportingUnits.map((u) => [u.id, empty()]));
  const total = empty();
  if (!units.length) return { perUnit, total };
  const rows = (await source.query(
    `SELECT r.unit_id, r.campaign_id, count(*)::int AS recipients,
            count(*) FILTER (WHERE r.read_at IS NOT NULL)::int AS read,
            count(*) FILTER (WHERE r.answered_at IS NOT NULL)::int AS answered,
            count(*) FILTER (WHERE r.correct IS NOT NULL AND r.correct = jsonb_array_length(c.quiz))::int AS correct
       FROM campaign_recipient r JOIN campaign c ON c.id = r.campaign_id
      WHERE c.sent_on BETWEEN $1 AND $2 AND ($3::uuid[] IS NULL OR r.unit_id = ANY($3))
      GROUP BY r.unit_id, r.campaign_id`,
    [firstDay, lastDay, filter],
  )) as { unit_id: string; campaign_id: string; recipients: number; read: number; answered: number; correct: number }[];
  const seen = new Map<string, Set<string>>();
  const all = new Set<string>();
  for (const r of rows) {
    const reporting = tree.reportingUnitOf.get(r.unit_id);
    const f = reporting ? perUnit.get(reporting) : undefined;
    if (!f) continue;
    let campaigns = seen.get(reporting!);
    if (!campaigns) seen.set(reporting!, (campaigns = new Set()));
    campaigns.add(r.campaign_id);
    all.add(r.campaign_id);
    for (const target of [f, total]) {
      target.recipients += r.recipients;
      target.read += r.read;
      target.answered += r.answered;
      target.correct += r.correct;
    }
  }
  for (const [unit, set] of seen) perUnit.get(unit)!.campaigns = set.size;
  total.campaigns = all.size;
  return { perUnit, total };
}

/** The paragraph (and, for several units, the table) under "Tuyên truyền, phổ biến" in the .docx. */
export function campaignBlocks(figures: AnnualCampaignFigures, scope: ReportScope): DocumentBlock[] {
  const f = figures.total;
  if (!f.campaigns) return [{ type: 'paragraph', italic: true, text: t.reportNone }];
  const blocks: DocumentBlock[] = [
    {
      type: 'paragraph',
      italic: true,
      text: `${t.reportHeading}: ${t.reportLine(f.campaigns, f.recipients, f.read, f.answered, f.correct)}`,
    },
  ];
  const rows = scope.reportingUnits
    .map((u) => [u.name, figures.perUnit.get(u.id)!] as const)
    .filter(([, x]) => x.recipients > 0)
    .map(([name, x], i) => [String(i + 1), name, String(x.recipients), String(x.read), String(x.answered), String(x.correct)]);
  if (rows.length > 1)
    blocks.push({
      type: 'table',
      columns: ['TT', 'Cơ quan, đơn vị', 'Lượt nhận', 'Đã đọc', 'Đã trả lời', 'Đúng cả 3 câu'],
      widths: [1, 6, 2, 2, 2, 2],
      rows,
    });
  return blocks;
}

/** Columns of the annex's totals sheet, per reporting unit. */
export const CAMPAIGN_COLUMNS: { header: string; width: number; get: (f: CampaignFigures) => number }[] = [
  { header: 'Phổ biến: lượt nhận', width: 12 },
  { header: 'Phổ biến: đã đọc', width: 12 },
  { header: 'Phổ biến: đúng cả 3 câu', width: 14 },
].map((c, i) => ({ ...c, get: (f: CampaignFigures) => [f.recipients, f.read, f.correct][i]! }));
