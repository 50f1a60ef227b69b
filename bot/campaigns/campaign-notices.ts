// The renderer of campaign messages and reminders for the notifier. A campaign is read once and kept (a
// few hundred bytes) while its thousands of rows are delivered; a reminder to someone who has confirmed
// meanwhile is dropped (rendered as nothing).
import type { DataSource } from 'typeorm';
import { Campaign } from '../../entities/campaign.entity.js';
import { CAMPAIGN_KINDS, CAMPAIGN_NOTICES } from '../../services/campaigns/campaign-service.js';
import type { Container } from '../container.js';
import { campaignActivity, type MessageContext } from './campaign-message.js';

const CACHE_LIMIT = 50;

async function load(ds: DataSource, id: string): Promise<Omit<MessageContext, 'reminder'> | null> {
  const campaign = await ds.getRepository(Campaign).findOneBy({ id });
  if (!campaign) return null;
  const [who] = (await ds.query(
    `SELECT o.full_name AS name, u.name AS unit FROM officer o JOIN unit u ON u.id = o.unit_id WHERE o.id = $1`,
    [campaign.senderId],
  )) as { name: string; unit: string }[];
  return { campaign, senderName: who?.name ?? '', senderUnit: who?.unit ?? '' };
}

export function registerCampaignNotices(container: Container): void {
  const ds = container.dataSource;
  const cache = new Map<string, Promise<Omit<MessageContext, 'reminder'> | null>>();
  const context = (id: string) => {
    let hit = cache.get(id);
    if (!hit) {
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      hit = load(ds, id);
      cache.set(id, hit);
    }
    return hit;
  };
  container.notifier.registerRenderer(CAMPAIGN_KINDS, async (row, officer, channelId) => {
    const id = String((row.payload as { campaignId?: unknown }).campaignId ?? '');
    const x = await context(id);
    if (!x) return null;
    const reminder = row.kind === CAMPAIGN_NOTICES.reminder;
    if (reminder) {
      const [r] = (await ds.query(`SELECT read_at FROM campaign_recipient WHERE campaign_id = $1 AND officer_id = $2`, [
        id,
        officer.id,
      ])) as {
        read_at: Date | null;
      }[];
      if (!r || r.read_at) return null;
    }
    return campaignActivity(channelId, { ...x, reminder });
  });
}
