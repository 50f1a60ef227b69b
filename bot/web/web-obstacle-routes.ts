// The dashboard's obstacle reports, by field and status. Each officer sees only what they may read:
// Home Affairs every report, a head those sent to them, anyone their own (services/obstacles/).
import type restify from 'restify';
import { OBSTACLE_STATUSES, type ObstacleStatus } from '../../entities/obstacle-report.entity.js';
import { obstacles as t } from '../../services/platform/messages/obstacles.js';
import type { ObstacleListItem } from '../../services/obstacles/obstacle-service.js';
import { fieldLabel } from '../../services/workflow/workflow-config.js';
import type { WebKit } from './web-kit.js';

interface FieldGroup {
  field: string | null;
  label: string;
  counts: Record<ObstacleStatus, number>;
  items: ObstacleListItem[];
}

export function registerObstacleRoutes(server: restify.Server, kit: WebKit): void {
  const { container, json, api, requireSession } = kit;
  server.get(
    '/web/api/dashboard/obstacles',
    api(async (req, res) => {
      const { officer } = await requireSession(req);
      const items = await container.obstacles.listFor(officer);
      const groups = new Map<string, FieldGroup>();
      for (const item of items) {
        const key = item.field ?? '';
        let g = groups.get(key);
        if (!g) {
          const counts = Object.fromEntries(OBSTACLE_STATUSES.map((s) => [s, 0])) as Record<ObstacleStatus, number>;
          g = {
            field: item.field,
            label: item.field ? (fieldLabel(container.workflow, item.field) ?? item.field) : t.notGiven,
            counts,
            items: [],
          };
          groups.set(key, g);
        }
        g.counts[item.status]++;
        g.items.push(item);
      }
      json(res, 200, { total: items.length, byField: [...groups.values()], labels: { status: t.statusLabels } });
    }),
  );
}
