// A loopback TCP proxy in front of a server (PostgreSQL in the resilience tests) that a test can cut,
// pause and restore: cut() destroys every open connection and refuses new ones (as a stopped or
// unreachable server would); pause() keeps every connection open but lets no byte through either way (a
// paused server, a network black hole); restore() lets connections and the held bytes through again.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private cutOff = false;
  private paused = false;
  /** Bytes held while paused, per direction, with where they go. */
  private readonly held: { to: Socket; chunks: Buffer[] }[] = [];
  /** Connections accepted since start (including refused ones while cut). */
  connections = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    const server = createServer((client) => {
      this.connections++;
      if (this.cutOff) {
        client.destroy();
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      this.track(client);
      this.track(upstream);
      this.forward(client, upstream);
      this.forward(upstream, client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close);
      upstream.on('error', close);
      client.on('close', close);
      upstream.on('close', close);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  /** Rewrites a postgres:// URL to go through the proxy. */
  wrapUrl(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  /** Drops every open connection and refuses new ones until restore(). */
  cut(): void {
    this.cutOff = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** Holds every byte in both directions, on open and new connections, until restore(). */
  pause(): void {
    this.paused = true;
  }

  restore(): void {
    this.cutOff = false;
    this.paused = false;
    for (const { to, chunks } of this.held.splice(0)) {
      for (const chunk of chunks.splice(0)) if (!to.destroyed) to.write(chunk);
    }
  }

  get isCut(): boolean {
    return this.cutOff;
  }

  async stop(): Promise<void> {
    this.cut();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private forward(from: Socket, to: Socket): void {
    const held = { to, chunks: [] as Buffer[] };
    from.on('data', (chunk: Buffer) => {
      if (this.paused || held.chunks.length) {
        if (!held.chunks.length) this.held.push(held);
        held.chunks.push(chunk);
        return;
      }
      to.write(chunk);
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
