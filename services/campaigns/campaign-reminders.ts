// One reminder per official who was reached but has not confirmed "Đã đọc", once the campaign's number of
// working days (services/calendar) has passed since the sending day. The reminder is an outbox row with
// a dedupe key (campaign, officer) and the recipient is marked reminded in the same statement, so a sweep
// run twice, or by two processes, sends it once. Campaigns older than REMIND_WINDOW_DAYS are left alone.
import type { DataSource } from 'typeorm';
import { Campaign } from '../../entities/campaign.entity.js';
import { addCalendarDays, todayVN } from '../calendar/local-date.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { CAMPAIGN_NOTICES } from './campaign-service.js';

const REMIND_WINDOW_DAYS = 90;

export async function sweepCampaignReminders(ds: DataSource, calendar: WorkingCalendar, today: string = todayVN()): Promise<number> {
  const campaigns = await ds
    .getRepository(Campaign)
    .createQueryBuilder('c')
    .where('c.reminder_working_days > 0 AND c.sent_on >= :since', { since: addCalendarDays(today, -REMIND_WINDOW_DAYS) })
    .getMany();
  let reminded = 0;
  for (const c of campaigns) {
    if (calendar.addWorkingDays(c.sentOn, c.reminderWorkingDays) > today) continue;
    const [row] = (await ds.query(
      `WITH ins AS (
         INSERT INTO notification_outbox (officer_id, kind, payload, dedupe_key, state, next_attempt_at)
         SELECT r.officer_id, $2, jsonb_build_object('campaignId', r.campaign_id), 'campaign-reminder:' || r.campaign_id || ':' || r.officer_id, 'pending', now()
           FROM campaign_recipient r
           JOIN notification_outbox n ON n.id = r.outbox_id AND n.state = 'sent'
           JOIN officer o ON o.id = r.officer_id AND o.active
          WHERE r.campaign_id = $1 AND r.read_at IS NULL AND r.reminded_at IS NULL
         ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
         RETURNING officer_id),
       marked AS (
         UPDATE campaign_recipient r SET reminded_at = now() FROM ins WHERE r.campaign_id = $1 AND r.officer_id = ins.officer_id RETURNING 1)
       SELECT count(*)::int AS n FROM marked`,
      [c.id, CAMPAIGN_NOTICES.reminder],
    )) as { n: number }[];
    reminded += row?.n ?? 0;
  }
  return reminded;
}
