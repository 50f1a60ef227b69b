// The shared part of the loopback fakes of outside services (Graph, Zalo): an HTTP server on a free port
// of 127.0.0.1 whose address is `url`; each fake answers requests in its own `handle`.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export abstract class LoopbackServer {
  url = '';
  private server?: http.Server;

  protected abstract handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
