// The dashboard's campaign panel: the campaigns this person may follow (the sender, the heads of the
// target unit and above, Home Affairs: services/campaigns/campaign-audience.ts) with progress per unit.
import type restify from 'restify';
import { campaigns as t } from '../../services/platform/messages/campaigns.js';
import type { WebKit } from './web-kit.js';

export function registerCampaignRoutes(server: restify.Server, kit: WebKit): void {
  const { json, api, requireSession, container } = kit;
  const { progress } = container.campaigns;
  server.get(
    '/web/api/campaigns',
    api(async (req, res) => {
      const { officer } = await requireSession(req);
      const list = await progress.visible(officer, 10);
      const campaigns = [];
      for (const c of list) {
        const p = await progress.progress(c);
        campaigns.push({
          code: c.code,
          sentOn: c.sentOn,
          scope: p.scopeName || t.labelProvince,
          sender: p.senderName,
          quiz: Boolean(c.quiz?.length),
          totals: p.totals,
          pending: p.pending,
          units: p.units.map(({ unitCode, unitName, recipients, reached, read, answered, correct }) => ({
            unitCode,
            unitName,
            recipients,
            reached,
            read,
            answered,
            correct,
          })),
        });
      }
      json(res, 200, { campaigns, labels: t.web });
    }),
  );
}
