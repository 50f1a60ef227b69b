// A worker loop for the Zalo inbox and outbox: runs `work` while it finds something to do, at most
// `concurrency` loops at once; kick() wakes it, stop() waits for the loops in flight.
import { logger } from '../../services/platform/logger.js';

export class Pump {
  private running = 0;
  private again = false;
  private stopped = false;
  private readonly inflight = new Set<Promise<void>>();
  done = 0;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<boolean>,
    private readonly concurrency: number,
  ) {}

  kick(): void {
    if (this.stopped) return;
    if (this.running >= this.concurrency) {
      this.again = true;
      return;
    }
    this.running++;
    const p: Promise<void> = this.loop().finally(() => {
      this.running--;
      this.inflight.delete(p);
    });
    this.inflight.add(p);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let did = false;
      try {
        did = await this.work();
      } catch (err) {
        logger.error({ err: { name: (err as Error).name, message: (err as Error).message }, pump: this.name }, 'zalo worker error');
      }
      if (did) {
        this.done++;
        continue;
      }
      if (!this.again) return;
      this.again = false;
    }
  }

  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }
}
