// The yearly report's part on obstacle reports (section V, "Khó khăn, vướng mắc và kiến nghị"): how many
// officials of the scope reported difficulties in applying the decree in the year, by field and status,
// and the reports Home Affairs forwarded as policy proposals. Reports of officials in the scope's units.
import type { DataSource } from 'typeorm';
import type { DocumentBlock } from '../documents/decree30-document.js';
import { obstacles as t } from '../platform/messages/obstacles.js';
import { fieldLabel, type WorkflowConfig } from '../workflow/workflow-config.js';
import { memberUnitIds, scopeFilter, yearBounds, type ReportScope, type UnitTree } from '../reports/annual-report-scope.js';

const FORWARDED_LIST_LIMIT = 30;

export async function obstacleReportBlocks(
  ds: DataSource,
  tree: UnitTree,
  scope: ReportScope,
  year: number,
  config: WorkflowConfig,
): Promise<DocumentBlock[]> {
  const units = memberUnitIds(tree, scope);
  const filter = scopeFilter(tree, scope, units);
  const { start, end } = yearBounds(year);
  const rows = (await ds.query(
    `SELECT field, status, count(*)::int AS n FROM obstacle_report
      WHERE created_at >= $1 AND created_at < $2 AND ($3::uuid[] IS NULL OR unit_id = ANY($3))
      GROUP BY field, status ORDER BY field NULLS LAST`,
    [start, end, filter],
  )) as { field: string | null; status: string; n: number }[];
  const total = rows.reduce((a, r) => a + r.n, 0);
  const heading: DocumentBlock = { type: 'heading', level: 2, text: t.report.heading(total.toLocaleString('vi-VN')) };
  if (!total) return [heading, { type: 'paragraph', text: t.report.none }];
  const label = (f: string | null) => (f ? (fieldLabel(config, f) ?? f) : t.notGiven);
  const byField = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const key = label(r.field);
    byField.set(key, { ...(byField.get(key) ?? {}), [r.status]: r.n });
  }
  const forwarded = (await ds.query(
    `SELECT seq::text AS seq, field, provision, left(text, 400) AS text FROM obstacle_report
      WHERE status = 'forwarded' AND created_at >= $1 AND created_at < $2 AND ($3::uuid[] IS NULL OR unit_id = ANY($3))
      ORDER BY seq LIMIT ${FORWARDED_LIST_LIMIT}`,
    [start, end, filter],
  )) as { seq: string; field: string | null; provision: string | null; text: string }[];
  const blocks: DocumentBlock[] = [
    heading,
    {
      type: 'table',
      caption: t.report.byField,
      columns: t.report.columns,
      widths: [5, 2, 2, 2, 2],
      rows: [...byField].map(([f, c]) => [f, ...['open', 'answered', 'resolved', 'forwarded'].map((s) => String(c[s] ?? 0))]),
    },
  ];
  if (forwarded.length) {
    blocks.push(
      { type: 'paragraph', text: `${t.report.forwardedHeading}:` },
      {
        type: 'bullets',
        items: forwarded.map((r) =>
          t.report.forwardedLine(`VM-${r.seq}`, label(r.field), r.provision ?? '', r.text.replace(/\s+/g, ' ').trim()),
        ),
      },
    );
  }
  return blocks;
}
