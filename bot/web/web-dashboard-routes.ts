// The dashboard: figures of the unit or the province, the CSV and XLSX exports.
import type restify from 'restify';
import { dashboardWorkbook, proposalsCsv } from '../../services/dashboard/dashboard-export.js';
import { DECISION_STATUS_LABELS } from '../../services/platform/messages/decisions.js';
import { web as t } from '../../services/platform/messages/web.js';
import { securityHeaders } from './web-security.js';
import { HttpError, type WebKit } from './web-kit.js';

export function registerDashboardRoutes(server: restify.Server, kit: WebKit): void {
  const { config, dashboards, json, api, requireSession } = kit;
  const dashboardScope = async (req: restify.Request) => {
    const { officer } = await requireSession(req);
    const scope = await dashboards.scopeFor(officer);
    if (scope.kind === 'none') throw new HttpError(403, { error: 'forbidden', message: t.dashboardForbidden });
    return scope;
  };
  const yearOf = (req: restify.Request) => {
    const y = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('year'));
    return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : undefined;
  };

  server.get(
    '/web/api/dashboard',
    api(async (req, res) => {
      const scope = await dashboardScope(req);
      const dashboard = await dashboards.build(scope, yearOf(req));
      json(res, 200, {
        ...dashboard,
        scopeText:
          scope.kind === 'province' ? t.dashboard.scopeProvince : t.dashboard.scopeUnits(scope.kind === 'units' ? scope.rootNames : []),
        labels: { status: DECISION_STATUS_LABELS, stage: t.dashboard.stageLabels, notAvailable: t.dashboard.notAvailable },
      });
    }),
  );

  server.get(
    '/web/api/dashboard/proposals.csv',
    api(async (req, res) => {
      const scope = await dashboardScope(req);
      const dashboard = await dashboards.build(scope);
      const body = Buffer.from(proposalsCsv(await dashboards.proposalRows(scope), dashboard.today), 'utf8');
      securityHeaders(res, config.secureCookies);
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="de-xuat-${dashboard.today}.csv"`,
        'cache-control': 'no-store',
        'content-length': body.length,
      });
      res.end(body);
    }),
  );

  server.get(
    '/web/api/dashboard/dashboard.xlsx',
    api(async (req, res) => {
      const scope = await dashboardScope(req);
      const dashboard = await dashboards.build(scope, yearOf(req));
      const body = await dashboardWorkbook(dashboard, await dashboards.proposalRows(scope));
      securityHeaders(res, config.secureCookies);
      res.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="bang-theo-doi-${dashboard.today}.xlsx"`,
        'cache-control': 'no-store',
        'content-length': body.length,
      });
      res.end(body);
    }),
  );
}
