// Tells every replica that a web conversation has a new event, so each forwards it to the streams it
// holds. PostgreSQL: LISTEN/NOTIFY on one dedicated connection (the payload names the conversation; the
// event itself is read from web_event). PGlite is one process by construction: an in-process bus.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { logger } from '../../services/platform/logger.js';

export const WEB_EVENT_CHANNEL = 'web_event';

export interface BusMessage {
  /** The conversation. */
  c: string;
  /** A typing indicator: shown live, never stored. */
  typing?: boolean;
}

export interface WebEventBus {
  /** Resolves once this process receives what is published from now on. */
  start(): Promise<void>;
  publish(message: BusMessage): Promise<void>;
  /** `message` for each publication; `resync` after a reconnection, when notifications may have been missed. */
  on(handler: (message: BusMessage | 'resync') => void): void;
  close(): Promise<void>;
}

export class InProcessEventBus implements WebEventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async start(): Promise<void> {}

  async publish(message: BusMessage): Promise<void> {
    setImmediate(() => this.emitter.emit('m', message));
  }

  on(handler: (message: BusMessage | 'resync') => void): void {
    this.emitter.on('m', handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class PgNotifyEventBus implements WebEventBus {
  private readonly handlers: ((message: BusMessage | 'resync') => void)[] = [];
  private client?: pg.Client;
  private starting?: Promise<void>;
  private closed = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly pgOptions: Record<string, unknown>,
  ) {}

  start(): Promise<void> {
    this.starting ??= this.connect().catch((err) => {
      this.starting = undefined;
      throw err;
    });
    return this.starting;
  }

  private async connect(): Promise<void> {
    const { max: _max, statement_timeout: _s, query_timeout: _q, ...options } = this.pgOptions;
    const client = new pg.Client(options as pg.ClientConfig);
    client.on('notification', (n) => {
      if (n.channel !== WEB_EVENT_CHANNEL || !n.payload) return;
      try {
        const message = JSON.parse(n.payload) as BusMessage;
        if (typeof message.c === 'string') this.emit(message);
      } catch {
        // not ours
      }
    });
    const lost = (err?: Error) => {
      if (this.client !== client || this.closed) return;
      logger.warn({ err: err ? { message: err.message } : undefined }, 'web events: LISTEN connection lost, reconnecting');
      this.client = undefined;
      this.starting = undefined;
      client.end().catch(() => undefined);
      this.reconnectSoon();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${WEB_EVENT_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
  }

  private reconnectSoon(): void {
    this.retry = setTimeout(() => {
      if (this.closed) return;
      // Whatever was published meanwhile is read back from the table by every stream.
      this.start().then(
        () => this.emit('resync'),
        () => this.reconnectSoon(),
      );
    }, 1000);
    this.retry.unref();
  }

  async publish(message: BusMessage): Promise<void> {
    await this.dataSource.query(`SELECT pg_notify($1, $2)`, [WEB_EVENT_CHANNEL, JSON.stringify(message)]);
  }

  on(handler: (message: BusMessage | 'resync') => void): void {
    this.handlers.push(handler);
  }

  private emit(message: BusMessage | 'resync'): void {
    for (const handler of this.handlers) handler(message);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
