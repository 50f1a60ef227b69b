// The yearly report's notifications: a unit that has not submitted, the units still missing (to Home
// Affairs), and a unit's submission.
import { AFTER_DECISION_NOTICES as N } from '../../services/implementation/after-decision-common.js';
import { annualReport as t } from '../../services/platform/messages/index.js';
import type { Container } from '../container.js';
import { toActivity } from '../core/core-turn.js';

const REPORT_NOTICE_KINDS = [N.annualUnitReminder, N.annualHomeAffairsReminder, N.annualSubmitted];

export function registerReportNotices(container: Container): void {
  const directory = container.routing;
  container.notifier.registerRenderer(REPORT_NOTICE_KINDS, async (row, _officer, channelId) => {
    const data = (row.payload ?? {}) as Record<string, unknown>;
    let text: string;
    switch (row.kind) {
      case N.annualUnitReminder:
        text = t.unitReminderNotice(
          Number(data.year),
          String(data.due ?? '')
            .split('-')
            .reverse()
            .join('/'),
        );
        break;
      case N.annualHomeAffairsReminder:
        text = t.homeAffairsReminderNotice(Number(data.year), (data.missing as string[]) ?? [], Number(data.all ?? 0));
        break;
      default: {
        const unit = await directory.unitById(String(data.unitId));
        text = t.submittedNotice(unit?.name ?? '', Number(data.year));
      }
    }
    return toActivity(channelId, text) as Record<string, unknown>;
  });
}
