// The turn load: autocannon POSTs Teams message activities to /api/messages. Every connection is one
// officer in one conversation (its own conversation id and from.id), sending the scenario's loop in order,
// so turns of one conversation never overlap, as with a real person. Latencies are taken from every
// response at full precision (autocannon's own histogram rounds to whole milliseconds).
import autocannon from 'autocannon';
import { benchMessage, virtualOfficer, type Scenario, type VirtualOfficer } from './scenarios.js';

export interface TurnLoadOptions {
  /** Base URL of the bot (http://127.0.0.1:port). */
  url: string;
  /** serviceUrl put in the activities: the connector the bot replies to. */
  serviceUrl: string;
  scenario: Scenario;
  connections: number;
  /**
   * Turns each connection sends: a whole number of loops, so that every conversation ends the run where it
   * started and the next run can go on from there.
   */
  turnsPerConnection: number;
  /** Distinguishes this run's conversations from any earlier run's. */
  runId: string;
}

export interface TurnLoadResult {
  connections: number;
  durationSeconds: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  throughput: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

/** Sends each conversation's setup messages (untimed), `parallel` conversations at a time. */
export async function runSetup(options: Omit<TurnLoadOptions, 'turnsPerConnection'>, parallel = 10): Promise<void> {
  const { scenario, url, serviceUrl, connections, runId } = options;
  let next = 0;
  const failures: string[] = [];
  const worker = async () => {
    while (next < connections) {
      const who = virtualOfficer(runId, next++);
      for (const text of scenario.setup) {
        const res = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(benchMessage(who, text, serviceUrl)),
        });
        await res.arrayBuffer();
        if (res.status !== 200) failures.push(`${who.conversationId}: ${res.status}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, connections) }, worker));
  if (failures.length) throw new Error(`setup failed for ${failures.length} conversations: ${failures.slice(0, 3).join(', ')}`);
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export async function runTurnLoad(options: TurnLoadOptions): Promise<TurnLoadResult> {
  const { scenario, url, serviceUrl, connections, runId } = options;
  const loops = Math.max(1, Math.round(options.turnsPerConnection / scenario.loop.length));
  // One binding object shared by a connection's requests: autocannon deep-clones the options for each
  // connection (keeping shared references shared), so each connection gets its own binding, which the
  // first setupRequest call fills with the next conversation number.
  const binding: { who?: VirtualOfficer } = {};
  let nextConversation = 0;
  const requests = scenario.loop.map((text) => ({
    method: 'POST' as const,
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    binding,
    setupRequest(req: { body?: string; binding: { who?: VirtualOfficer } }) {
      req.binding.who ??= virtualOfficer(runId, nextConversation++ % connections);
      req.body = JSON.stringify(benchMessage(req.binding.who, text, serviceUrl));
      return req;
    },
  }));

  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const instance = autocannon({
    url,
    connections,
    amount: connections * loops * scenario.loop.length,
    timeout: 60,
    requests: requests as unknown as autocannon.Request[],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode < 200 || statusCode >= 300) return;
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = responseTime;
  });
  const result = await instance;
  if (nextConversation < connections) throw new Error(`only ${nextConversation} of ${connections} connections got a conversation`);
  const sorted = latencies.slice(0, count).sort();
  const sum = sorted.reduce((a, b) => a + b, 0);
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (stats as { count: number }).count;
  return {
    connections,
    durationSeconds: result.duration,
    requests: result.requests.total,
    ok: count,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    throughput: count / result.duration,
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? NaN,
      mean: count ? sum / count : NaN,
    },
  };
}
