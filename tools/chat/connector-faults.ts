// Simulated faults of the loopback connector: the next matching calls fail with a status, wait, or hang until
// a test lets them go.
import type { ConnectorOperation, ConnectorRequest } from './connector-types.js';

/** A simulated fault: the next `times` matching calls wait `delayMs` and, with `status`, fail with it. */
export interface FaultOptions {
  status?: number;
  delayMs?: number;
  /** Error body; default `{error:{code, message}}` like the real connector. */
  body?: unknown;
  /** Seconds in a `Retry-After` header (typical with 429). */
  retryAfterSeconds?: number;
  /** Only calls of these operations consume the fault (default: any call). */
  operations?: ConnectorOperation[];
  /** Only calls for this conversation consume the fault. */
  conversationId?: string;
  /** The call is answered only once this settles: a connector that hangs until the test lets it go. */
  until?: Promise<void>;
}

interface FaultRule extends FaultOptions {
  remaining: number;
}

/** The faults waiting for calls, oldest first. */
export class ConnectorFaults {
  private readonly rules: FaultRule[] = [];

  add(times: number, options: FaultOptions): void {
    this.rules.push({ ...options, remaining: times });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The first fault this call matches, counted as used (and dropped once used up). */
  take(request: ConnectorRequest): FaultRule | undefined {
    const index = this.rules.findIndex(
      (f) =>
        f.remaining > 0 &&
        (!f.operations || f.operations.includes(request.operation)) &&
        (!f.conversationId || f.conversationId === request.conversationId),
    );
    if (index < 0) return undefined;
    const fault = this.rules[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.rules.splice(index, 1);
    return fault;
  }
}
