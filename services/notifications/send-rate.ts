// The pace of proactive sends for one process: each send takes the next free slot, 1/rate seconds after
// the one before, so concurrent deliveries (a campaign's workers, reminders) share one budget.
export class SendRate {
  private next = 0;

  constructor(private readonly perSecond: number) {}

  async take(): Promise<void> {
    if (!(this.perSecond > 0)) return;
    const now = Date.now();
    const slot = Math.max(now, this.next);
    this.next = slot + 1000 / this.perSecond;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }
}
