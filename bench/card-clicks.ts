// Card clicks under load: while the turn load runs, a few other officers press an Action.Execute button
// of the wizard again and again (one click at a time each, as a person would), and every click's time to
// the invoke response is kept. The button: “Mở biểu mẫu” (plan.form, the one-card form of their draft),
// which the wizard's first card offers on Teams.
import { benchMessage, type VirtualOfficer } from './scenarios.js';

export const CLICK_VERB = 'plan.form';

export interface ClickResult {
  verb: string;
  clicks: number;
  failed: number;
  latencyMs: { p50: number; p95: number; max: number };
}

/** An Action.Execute invoke as Teams posts it. */
export function cardClick(who: VirtualOfficer, verb: string, data: Record<string, unknown>, serviceUrl: string): Record<string, unknown> {
  return {
    ...benchMessage(who, '', serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Each clicker presses its button until `until` settles; a click counts as answered when the invoke
 * response is 200 and carries an Adaptive Card.
 */
export async function clickWhile(
  until: Promise<unknown>,
  botUrl: string,
  serviceUrl: string,
  clickers: { who: VirtualOfficer; proposalId: string }[],
): Promise<ClickResult> {
  let done = false;
  const stop = () => {
    done = true;
  };
  void until.then(stop, stop);
  const times: number[] = [];
  let failed = 0;
  const clicker = async ({ who, proposalId }: { who: VirtualOfficer; proposalId: string }) => {
    while (!done) {
      const started = performance.now();
      try {
        const res = await fetch(`${botUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(cardClick(who, CLICK_VERB, { proposalId }, serviceUrl)),
        });
        const body = (await res.json().catch(() => undefined)) as { type?: string } | undefined;
        if (res.status === 200 && String(body?.type).includes('adaptive')) times.push(performance.now() - started);
        else failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all([until, ...clickers.map(clicker)]);
  const sorted = times.sort((a, b) => a - b);
  return {
    verb: CLICK_VERB,
    clicks: sorted.length,
    failed,
    latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? NaN },
  };
}
