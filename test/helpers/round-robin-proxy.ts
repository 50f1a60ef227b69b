// A loopback round-robin HTTP proxy in front of several bot processes, as a Kubernetes Service spreads
// requests over replicas: each request goes to the next live upstream; bodies, statuses and headers pass
// through. An upstream that refuses a connection is marked down and the request goes to the next one
// (nothing was sent, so retrying is safe); one that drops a request it had already received answers 502
// (a POST is not retried: the turn may have run) and is marked down too.
import { once } from 'node:events';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  seq: number;
  method: string;
  path: string;
  /** Index of the upstream that answered (or dropped) it. */
  upstream: number;
  /** Status returned to the client; undefined while in flight. */
  status?: number;
  /** The request body as the client sent it (for tests to tell which activity went where). */
  body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

function forwardHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(key.toLowerCase())) out[key] = value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class RoundRobinProxy {
  readonly requests: ProxiedRequest[] = [];
  private readonly down = new Set<number>();
  private readonly agent = new http.Agent({ keepAlive: false });
  private server?: http.Server;
  private next = 0;
  private seq = 0;

  constructor(readonly upstreams: string[]) {
    if (upstreams.length === 0) throw new Error('RoundRobinProxy needs at least one upstream');
  }

  async start(): Promise<this> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    this.server = server;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return this;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address || typeof address === 'string') throw new Error('RoundRobinProxy is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Requests forwarded and not answered yet. */
  inFlight(): ProxiedRequest[] {
    return this.requests.filter((r) => r.status === undefined);
  }

  /** Requests each upstream answered (or dropped), by index. */
  servedBy(index: number, path?: string): ProxiedRequest[] {
    return this.requests.filter((r) => r.upstream === index && (path === undefined || r.path === path));
  }

  isDown(index: number): boolean {
    return this.down.has(index);
  }

  markDown(index: number): void {
    this.down.add(index);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    this.agent.destroy();
    await closed;
  }

  private pick(exclude: Set<number>): number | undefined {
    for (let i = 0; i < this.upstreams.length; i++) {
      const candidate = (this.next + i) % this.upstreams.length;
      if (this.down.has(candidate) || exclude.has(candidate)) continue;
      this.next = (candidate + 1) % this.upstreams.length;
      return candidate;
    }
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    const tried = new Set<number>();
    for (;;) {
      const index = this.pick(tried);
      if (index === undefined) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'no upstream available' }));
        return;
      }
      tried.add(index);
      const record: ProxiedRequest = { seq: ++this.seq, method: req.method ?? 'GET', path: req.url ?? '/', upstream: index, body };
      this.requests.push(record);
      const outcome = await this.forward(index, req, body, res, record);
      if (outcome === 'refused') {
        // Never reached the process: it is gone; try the next one.
        this.requests.splice(this.requests.indexOf(record), 1);
        this.down.add(index);
        continue;
      }
      return;
    }
  }

  private forward(
    index: number,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
    record: ProxiedRequest,
  ): Promise<'done' | 'refused'> {
    return new Promise((resolve) => {
      const target = new URL(req.url ?? '/', this.upstreams[index]);
      const headers = forwardHeaders(req.headers);
      headers['content-length'] = String(body.length);
      let connected = false;
      const upstream = http.request(target, { method: req.method, headers, agent: this.agent }, (answer) => {
        record.status = answer.statusCode ?? 502;
        res.writeHead(record.status, forwardHeaders(answer.headers));
        answer.pipe(res);
        answer.on('error', () => res.destroy());
        answer.on('end', () => resolve('done'));
      });
      upstream.on('socket', (socket) => {
        socket.once('connect', () => {
          connected = true;
        });
      });
      // A client that goes away (a closed event stream) closes the upstream request too, as a load
      // balancer does; that is not the upstream failing.
      let clientGone = false;
      res.on('close', () => {
        if (res.writableFinished) return;
        clientGone = true;
        upstream.destroy();
        resolve('done');
      });
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        if (clientGone) return;
        if (!connected && err.code === 'ECONNREFUSED') {
          resolve('refused');
          return;
        }
        // The process went away with the request in hand (killed mid-turn).
        this.down.add(index);
        record.status = 502;
        if (!res.headersSent) {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'upstream dropped the request' }));
        } else {
          res.destroy();
        }
        resolve('done');
      });
      upstream.end(body);
    });
  }
}
