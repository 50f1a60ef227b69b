// What the loopback connector records of the bot's calls (requests, activities, created conversations, files)
// and the ways a test or the terminal chat reads and waits for them. LoopbackConnector extends it with the
// HTTP server that does the recording.
import { EventEmitter } from 'node:events';
import { sleep } from './connector-http.js';
import type {
  ConnectorActivity,
  ConnectorRequest,
  CreatedConversation,
  ReceivedActivity,
  StoredAttachment,
  UploadedFile,
} from './connector-types.js';

export interface WaitOptions {
  timeoutMs?: number;
  /** Only activities with a `seq` greater than this (default: count from the start). */
  afterSeq?: number;
}

type ActivityPredicate = (activity: ReceivedActivity) => boolean;

export abstract class ConnectorRecording extends EventEmitter {
  readonly requests: ConnectorRequest[] = [];
  readonly activities: ReceivedActivity[] = [];
  readonly createdConversations: CreatedConversation[] = [];
  readonly attachments = new Map<string, StoredAttachment>();
  readonly uploads = new Map<string, UploadedFile>();

  protected seq = 0;
  protected inFlight = 0;
  protected lastRequestAt = 0;
  private idCounter = 0;

  /** Whether the server is listening (a stream ends when it stops). */
  protected abstract get listening(): boolean;

  /** Forget recorded requests, activities, created conversations and files. */
  reset(): void {
    this.requests.length = 0;
    this.activities.length = 0;
    this.createdConversations.length = 0;
    this.attachments.clear();
    this.uploads.clear();
  }

  /** Highest sequence number given so far: pass it as `afterSeq` to wait only for what comes next. */
  get lastSeq(): number {
    return this.seq;
  }

  activitiesIn(conversationId: string): ReceivedActivity[] {
    return this.activities.filter((a) => a.conversationId === conversationId);
  }

  /** Message activities sent or replied (not updates or deletions), optionally for one conversation. */
  messages(conversationId?: string): ConnectorActivity[] {
    return this.activities
      .filter(
        (a) =>
          (a.operation === 'sendToConversation' || a.operation === 'replyToActivity') &&
          a.activity.type === 'message' &&
          (conversationId === undefined || a.conversationId === conversationId),
      )
      .map((a) => a.activity);
  }

  /** Resolve once `count` activities matching `predicate` have arrived (counting those already received). */
  async waitForActivities(
    count: number,
    predicate: ActivityPredicate = () => true,
    options: WaitOptions = {},
  ): Promise<ReceivedActivity[]> {
    const afterSeq = options.afterSeq ?? 0;
    const matching = () => this.activities.filter((a) => a.seq > afterSeq && predicate(a));
    const current = matching();
    if (current.length >= count) return current.slice(0, count);
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const onActivity = () => {
        const found = matching();
        if (found.length >= count) {
          cleanup();
          resolve(found.slice(0, count));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`LoopbackConnector: expected ${count} activities, got ${matching().length} in ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('activity', onActivity);
      };
      this.on('activity', onActivity);
    });
  }

  /** The first activity (already received or coming) matching `predicate`. */
  async waitForActivity(predicate: ActivityPredicate = () => true, options: WaitOptions = {}): Promise<ReceivedActivity> {
    const [activity] = await this.waitForActivities(1, predicate, options);
    return activity;
  }

  /**
   * Resolve when no call is in progress and none has arrived for `quietMs` (counted from `since` when later,
   * e.g. the moment the bot answered the POST). Used by the terminal chat to know a turn's replies are all in.
   */
  async waitForIdle(quietMs: number, since = 0, maxWaitMs = 60_000): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const last = Math.max(this.lastRequestAt, since);
      const quietFor = Date.now() - last;
      if (this.inFlight === 0 && quietFor >= quietMs) return;
      if (Date.now() >= deadline) return;
      await sleep(this.inFlight > 0 ? Math.min(quietMs, 50) : Math.max(1, quietMs - quietFor));
    }
  }

  /** Iterate over activities as they arrive, starting after `afterSeq` (default: from now on). */
  async *stream(afterSeq = this.seq): AsyncGenerator<ReceivedActivity> {
    let cursor = afterSeq;
    for (;;) {
      const next = this.activities.find((a) => a.seq > cursor);
      if (next) {
        cursor = next.seq;
        yield next;
        continue;
      }
      if (!this.listening) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.off('activity', wake);
          this.off('stopped', wake);
          resolve();
        };
        this.on('activity', wake);
        this.on('stopped', wake);
      });
    }
  }

  protected nextId(): string {
    this.idCounter += 1;
    return `${Date.now()}${String(this.idCounter).padStart(4, '0')}`;
  }

  /** An activity the bot sent, numbered, kept and announced (`activity` event). */
  protected record(
    operation: ReceivedActivity['operation'],
    conversationId: string,
    activityId: string,
    activity: ConnectorActivity,
    replyToId?: string,
  ): ReceivedActivity {
    const received: ReceivedActivity = {
      seq: ++this.seq,
      operation,
      conversationId,
      activityId,
      replyToId: replyToId ?? activity.replyToId,
      activity: { ...activity, id: activityId },
      receivedAt: new Date(),
    };
    this.activities.push(received);
    this.emit('activity', received);
    return received;
  }
}
