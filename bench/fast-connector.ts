// The Bot Connector the bench bots reply to: a minimal loopback service that answers every send at once
// (200 with a new activity id) and keeps only counters, so that it costs the measured bots nothing and
// does not grow in memory under load. It also answers the roster look-ups teams-ai may make.
// Runs in its own process (bench/processes.ts starts it) so that neither the bots nor the load generator
// share its event loop.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCounters {
  /** Activities sent to a conversation (sendToConversation / replyToActivity). */
  sends: number;
  /** Distinct conversations that received at least one reply. */
  conversationsReplied: number;
  /** Any other call (roster look-ups, updates). */
  other: number;
}

export interface FastConnector {
  url: string;
  counters(): ConnectorCounters;
  /** While on, the texts sent to each conversation are kept (for checking a scenario, not under load). */
  record(on: boolean): void;
  /** Texts (and card TextBlocks) sent to a conversation while recording. */
  texts(conversationId: string): string[];
  close(): Promise<void>;
}

export async function startFastConnector(port = 0): Promise<FastConnector> {
  let sends = 0;
  let other = 0;
  let nextId = 0;
  const replied = new Set<string>();
  let recording = false;
  const recorded = new Map<string, string[]>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Drain the body without keeping it unless recording: under load only the count matters.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      if (recording) chunks.push(chunk);
    });
    req.on('end', () => {
      const url = req.url ?? '';
      const parts = url.split('?')[0].split('/').filter(Boolean);
      // v3/conversations/{id}/activities[/{activityId}]
      if (req.method === 'POST' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities') {
        sends++;
        const conversationId = decodeURIComponent(parts[2] ?? '');
        if (replied.size < 100_000) replied.add(conversationId);
        if (recording) {
          try {
            const texts = recorded.get(conversationId) ?? [];
            collectTexts(JSON.parse(Buffer.concat(chunks).toString('utf8')), texts);
            recorded.set(conversationId, texts);
          } catch {
            // Not JSON: nothing to record.
          }
        }
        const body = JSON.stringify({ id: `r${++nextId}` });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      other++;
      // v3/conversations/{id}/members/{memberId}: a roster member whose email is unknown to the directory.
      if (req.method === 'GET' && parts[3] === 'members' && parts[4]) {
        const body = JSON.stringify({ id: decodeURIComponent(parts[4]), name: 'bench', userRole: 'user' });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      const body = JSON.stringify({ id: `r${++nextId}` });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    counters: () => ({ sends, conversationsReplied: replied.size, other }),
    record(on) {
      recording = on;
      if (on) recorded.clear();
    },
    texts: (conversationId) => recorded.get(conversationId) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function collectTexts(node: unknown, out: string[]): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectTexts(item, out);
    return;
  }
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'text' && typeof value === 'string') out.push(value);
    else if (typeof value === 'object') collectTexts(value, out);
  }
}

// As a child process: start, report the URL, answer counter requests, stop on 'stop'.
if (require.main === module) {
  void (async () => {
    const connector = await startFastConnector();
    process.on('message', (message: { type?: string; id?: number; payload?: { on?: boolean; conversationId?: string } }) => {
      if (message?.type === 'counters') process.send?.({ type: 'counters', id: message.id, counters: connector.counters() });
      if (message?.type === 'record') {
        connector.record(Boolean(message.payload?.on));
        process.send?.({ type: 'record', id: message.id });
      }
      if (message?.type === 'texts') {
        process.send?.({ type: 'texts', id: message.id, texts: connector.texts(message.payload?.conversationId ?? '') });
      }
      if (message?.type === 'stop') void connector.close().then(() => process.exit(0));
    });
    process.send?.({ type: 'ready', url: connector.url });
  })();
}
