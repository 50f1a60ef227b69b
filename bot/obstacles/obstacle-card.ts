// The card of one obstacle report: what was reported and what Home Affairs did. Home Affairs gets the
// actions (answer, group, resolved, forwarded as a policy proposal) with a text input on card channels
// and the same typed commands on text channels; the author and the head read it only.
import type { ObstacleReport } from '../../entities/obstacle-report.entity.js';
import { obstacles as t } from '../../services/platform/messages/obstacles.js';
import { obstacleCode } from '../../services/obstacles/obstacle-service.js';
import { actionsWith, type CardAction, type NeutralCard } from '../../services/platform/reply.js';
import { renderAdaptiveCard } from '../cards/render-adaptive-card.js';
import { MENU_VERBS } from '../cards/menu-card.js';

export const OBSTACLE_VERBS = {
  start: MENU_VERBS.obstacle,
  view: 'obstacle.view',
  list: 'obstacle.list',
  answer: 'obstacle.answer',
  group: 'obstacle.group',
  resolve: 'obstacle.resolve',
  forward: 'obstacle.forward',
} as const;

export interface ObstacleCardInput {
  report: ObstacleReport;
  names: { author: string; unit: string; group: string | null };
  fieldLabel: string | null;
  homeAffairs: boolean;
  status?: string;
}

export function obstacleCard(o: ObstacleCardInput): NeutralCard {
  const r = o.report;
  const code = obstacleCode(r);
  const open = r.status === 'open' || r.status === 'answered';
  const actions: CardAction[] = [];
  if (o.homeAffairs && open) {
    const a = actionsWith({ code });
    actions.push(
      a(t.actionAnswer, OBSTACLE_VERBS.answer, `TRẢ LỜI VƯỚNG MẮC ${code} <nội dung>`, 'positive'),
      a(t.actionGroup, OBSTACLE_VERBS.group, `GỘP VƯỚNG MẮC ${code} <mã vướng mắc tương tự>`),
      a(t.actionResolve, OBSTACLE_VERBS.resolve, `GIẢI QUYẾT VƯỚNG MẮC ${code} <ghi chú>`),
      a(t.actionForward, OBSTACLE_VERBS.forward, `CHUYỂN KIẾN NGHỊ ${code} <ghi chú>`),
    );
  }
  const neutral: NeutralCard = {
    title: t.cardTitle(code),
    // What just happened, first (a refreshed card on Teams; the only line on a text channel).
    ...(o.status ? { body: [o.status] } : {}),
    facts: [
      { label: t.factAuthor, value: o.names.author },
      { label: t.factUnit, value: o.names.unit },
      { label: t.factField, value: o.fieldLabel ?? t.notGiven },
      { label: t.factProvision, value: r.provision ?? t.notGiven },
      { label: t.factStatus, value: t.statusLabels[r.status] ?? r.status },
      ...(o.names.group ? [{ label: t.factGroup, value: o.names.group }] : []),
    ],
    sections: [{ heading: t.sectionText, text: r.text }, ...(r.answer ? [{ heading: t.sectionAnswer, text: r.answer }] : [])],
    actions,
    ...(o.status ? { status: o.status } : {}),
  };
  if (!actions.length) return neutral;
  const card = renderAdaptiveCard(neutral);
  (card.body as Record<string, unknown>[]).push(
    { type: 'Input.Text', id: 'text', label: t.sectionAnswer, isMultiline: true },
    { type: 'Input.Text', id: 'into', label: t.factGroup },
  );
  return { ...neutral, adaptiveCard: card };
}
