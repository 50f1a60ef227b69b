// A loopback file host (as OneDrive or Zalo's file servers are for the bot): serves the buffers it is
// given and counts every request, so a test can prove the bot fetched nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class FileServer {
  readonly files = new Map<string, Buffer>();
  readonly requests: { path: string; authorization?: string }[] = [];
  private server?: Server;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      this.requests.push({ path, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      const body = this.files.get(path);
      if (!body) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  /** Serves `body` at `/files/<name>`; returns its URL. */
  add(name: string, body: Buffer): string {
    const path = `/files/${encodeURIComponent(name)}`;
    this.files.set(path, body);
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
