// How fast proactive messages leave (every notification, campaigns included): Teams allows an app about
// 50 requests a second per tenant and answers 429 beyond (learn.microsoft.com, "Optimize your bot with rate
// limiting in Teams"); a first message to someone opens the chat first, two requests, hence 20 a second.
//   NOTIFY_RATE_PER_SECOND   sends a second for the whole process (default 20; 0: no limit)
//   NOTIFY_CONCURRENCY       messages of a campaign in flight at once (default 4)
import { z } from 'zod/v4';
import { ConfigError } from '../platform/config-error.js';

export interface DeliveryConfig {
  ratePerSecond: number;
  concurrency: number;
}

const schema = z.object({
  NOTIFY_RATE_PER_SECOND: z.coerce
    .number({ error: 'phải là số' })
    .min(0, { error: 'phải ≥ 0' })
    .max(10_000, { error: 'phải ≤ 10000' })
    .default(20),
  NOTIFY_CONCURRENCY: z.coerce
    .number({ error: 'phải là số nguyên' })
    .int({ error: 'phải là số nguyên' })
    .min(1, { error: 'phải ≥ 1' })
    .max(64, { error: 'phải ≤ 64' })
    .default(4),
});

export function loadDeliveryConfig(env: Record<string, string | undefined>): DeliveryConfig {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
  const parsed = schema.safeParse({
    NOTIFY_RATE_PER_SECOND: blank(env.NOTIFY_RATE_PER_SECOND),
    NOTIFY_CONCURRENCY: blank(env.NOTIFY_CONCURRENCY),
  });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return { ratePerSecond: parsed.data.NOTIFY_RATE_PER_SECOND, concurrency: parsed.data.NOTIFY_CONCURRENCY };
}
