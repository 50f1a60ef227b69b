// The event streams this process holds, fed from the web_event table. Every event is stored first, then
// announced on the bus (LISTEN/NOTIFY across replicas, in-process on PGlite); on an announcement each
// local stream of the conversation reads what it has not sent yet, in order. The same read serves the
// catch-up of a reconnecting stream (Last-Event-ID), whichever replica served it before.
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { logger } from '../../services/platform/logger.js';
import type { WebEventBus } from './web-event-bus.js';
import type { StoredKind, StoredWebEvent, WebEventLog } from './web-event-log.js';

/** What a browser receives on its event stream; a typing indicator has seq 0 (no id: not replayed). */
export interface WebEvent {
  seq: number;
  kind: 'activity' | 'update' | 'typing';
  activity: Partial<Activity>;
}

type Listener = (event: WebEvent) => void;

interface Stream {
  id: string;
  conversationId: string;
  listener: Listener;
  lastSeq: number;
  /** Reads are chained per stream: one at a time, in order. */
  chain: Promise<void>;
  open: boolean;
}

export interface Subscription {
  /** The stream's heartbeat: keeps its presence alive. */
  touch(): Promise<void>;
  close(): Promise<void>;
}

export class WebConversationHub {
  private readonly streams = new Map<string, Set<Stream>>();

  constructor(
    readonly log: WebEventLog,
    private readonly bus: WebEventBus,
  ) {
    bus.on((message) => {
      if (message === 'resync') for (const set of this.streams.values()) for (const s of set) this.pump(s);
      else if (message.typing)
        for (const s of this.streams.get(message.c) ?? []) s.listener({ seq: 0, kind: 'typing', activity: { type: 'typing' } });
      else for (const s of this.streams.get(message.c) ?? []) this.pump(s);
    });
  }

  /**
   * Opens a stream: events after `afterSeq` (a reconnection's Last-Event-ID) are sent first, then each new
   * one; without `afterSeq`, only new ones. The stream is present (connected) until closed.
   */
  async subscribe(conversationId: string, listener: Listener, afterSeq?: number): Promise<Subscription> {
    // Listening before reading: nothing announced after the read can be missed.
    await this.bus.start();
    const stream: Stream = { id: randomUUID(), conversationId, listener, lastSeq: afterSeq ?? 0, chain: Promise.resolve(), open: true };
    let set = this.streams.get(conversationId);
    if (!set) this.streams.set(conversationId, (set = new Set()));
    set.add(stream);
    const forget = () => {
      stream.open = false;
      set!.delete(stream);
      if (!set!.size && this.streams.get(conversationId) === set) this.streams.delete(conversationId);
    };
    // Without a position, the stream starts at the newest event; reads queued meanwhile wait for it.
    const start =
      afterSeq === undefined
        ? this.log.lastSeq(conversationId).then((seq) => void (stream.lastSeq = Math.max(stream.lastSeq, seq)))
        : Promise.resolve();
    stream.chain = start.catch(() => void (stream.open = false));
    try {
      // A stream that could not learn where to start must not start at 0 (the whole history).
      await start;
      await this.log.present(stream.id, conversationId);
    } catch (err) {
      forget();
      throw err;
    }
    this.pump(stream);
    await stream.chain;
    return {
      touch: () => this.log.present(stream.id, conversationId),
      close: async () => {
        forget();
        await this.log.absent([stream.id]);
      },
    };
  }

  private pump(stream: Stream): void {
    stream.chain = stream.chain
      .then(async () => {
        for (;;) {
          if (!stream.open) return;
          const events = await this.log.after(stream.conversationId, stream.lastSeq);
          for (const e of events) {
            if (!stream.open) return;
            stream.lastSeq = e.seq;
            stream.listener({ seq: e.seq, kind: e.kind as WebEvent['kind'], activity: e.activity });
          }
          if (events.length < 200) return;
        }
      })
      .catch((err: Error) => logger.warn({ err: { message: err.message } }, 'web events: stream read failed'));
  }

  /** True while a browser holds a stream of the conversation on any replica. */
  connected(conversationId: string): Promise<boolean> {
    return this.log.connected(conversationId);
  }

  /** Stores the event and announces it to every replica; a typing indicator is only announced. */
  async publish(conversationId: string, kind: StoredKind | 'typing', activity: Partial<Activity>): Promise<void> {
    if (kind === 'typing') return this.bus.publish({ c: conversationId, typing: true });
    await this.log.append(conversationId, kind, activity);
    if (kind !== 'user') await this.bus.publish({ c: conversationId });
  }

  /** The newest events of the conversation, for a page that was reloaded. */
  history(conversationId: string, limit = 100): Promise<StoredWebEvent[]> {
    return this.log.recent(conversationId, limit);
  }

  /** On shutdown: this process's streams are no longer there to receive anything. */
  async close(): Promise<void> {
    const ids: string[] = [];
    for (const set of this.streams.values()) {
      for (const s of set) {
        s.open = false;
        ids.push(s.id);
      }
    }
    this.streams.clear();
    await this.log.absent(ids).catch(() => undefined);
    await this.bus.close();
  }
}
