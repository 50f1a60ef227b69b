// The library of innovations on the web: /library (the page) and /web/api/library (search with filters:
// words, field, unit, year, outcome). A session is required: the library is for the directory's members.
// "Áp dụng tại đơn vị tôi" goes through /web/api/invoke (verb library.apply), like any card action.
import type restify from 'restify';
import type { LibraryFilters } from '../../services/library/library-search.js';
import { decisions, library as t } from '../../services/platform/messages/index.js';
import { fieldLabel } from '../../services/workflow/workflow-config.js';
import { LIBRARY_VERBS } from '../library/library-card.js';
import { HttpError, type WebKit } from './web-kit.js';

/** The filters of a request; a malformed one is refused (400), never ignored silently. */
function filtersOf(req: restify.Request): LibraryFilters {
  const params = new URL(req.url ?? '/', 'http://x').searchParams;
  const text = (name: string, max: number) => {
    const v = (params.get(name) ?? '').trim();
    if (v.length > max) throw new HttpError(400, { error: name, message: t.searchHelp });
    return v || undefined;
  };
  const year = text('year', 4);
  if (year && !/^\d{4}$/.test(year)) throw new HttpError(400, { error: 'year', message: t.searchHelp });
  const unit = text('unit', 36);
  if (unit && !/^[0-9a-f-]{36}$/i.test(unit)) throw new HttpError(400, { error: 'unit', message: t.searchHelp });
  const outcome = text('outcome', 40);
  if (outcome && !Object.hasOwn(t.outcomes, outcome)) throw new HttpError(400, { error: 'outcome', message: t.searchHelp });
  const filters: LibraryFilters = {};
  const words = text('q', 200);
  const field = text('field', 100);
  if (words) filters.words = words;
  if (field) filters.field = field;
  if (unit) filters.unitId = unit;
  if (year) filters.year = Number(year);
  if (outcome) filters.outcome = outcome;
  return filters;
}

export function registerLibraryRoutes(server: restify.Server, kit: WebKit): void {
  const { json, api, requireSession, container } = kit;
  const { library, workflow } = container;

  server.get(
    '/web/api/library',
    api(async (req, res) => {
      await requireSession(req);
      const filters = filtersOf(req);
      const [found, all] = await Promise.all([library.search(filters), library.all()]);
      const units = new Map(all.map((r) => [r.unitId, r.unitName]));
      json(res, 200, {
        // Only what the library shows: never the plan behind it, nor a name without consent.
        entries: found.map((r) => ({
          id: r.id,
          code: r.code,
          title: r.title,
          field: r.field ? (fieldLabel(workflow, r.field) ?? r.field) : '',
          unit: r.unitName,
          year: r.year,
          summary: r.summary,
          status: r.outcome ? t.outcomeLabel(r.outcome) : decisions.statusLabel(r.status),
          evaluation: r.evaluationResult,
          proposer: r.proposerName,
        })),
        filters: {
          fields: workflow.fields.map((f) => ({ value: f.code, label: f.label })),
          units: [...units].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'vi')),
          years: [...new Set(all.map((r) => r.year))].sort((a, b) => b - a),
          outcomes: Object.entries(t.outcomes).map(([value, label]) => ({ value, label })),
        },
        applyVerb: LIBRARY_VERBS.apply,
      });
    }),
  );
}
