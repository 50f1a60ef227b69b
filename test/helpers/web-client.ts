// A browser-like HTTP client for the web face: a cookie jar, the CSRF header taken from the cookie the
// pages set, and a reader of the Server-Sent Events stream.
import http from 'node:http';

export interface WebResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export class WebClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  private remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = decodeURIComponent(pair!.slice(i + 1).trim());
      if (/Max-Age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<WebResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (body !== undefined) h['content-type'] = 'application/json';
    if (method !== 'GET' && this.cookies.has('tld_csrf') && !('x-csrf-token' in headers)) h['x-csrf-token'] = this.cookies.get('tld_csrf')!;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    this.remember(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  /** A file as the chat page uploads it: the raw bytes, its type, the session cookie and the CSRF header. */
  async upload(path: string, bytes: Buffer, contentType: string, headers: Record<string, string> = {}): Promise<WebResponse> {
    const h: Record<string, string> = { 'content-type': contentType, ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (this.cookies.has('tld_csrf') && !('x-csrf-token' in headers)) h['x-csrf-token'] = this.cookies.get('tld_csrf')!;
    const res = await fetch(`${this.baseUrl}${path}`, { method: 'POST', headers: h, body: new Uint8Array(bytes) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text };
  }

  get(path: string, headers?: Record<string, string>): Promise<WebResponse> {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, body: unknown = {}, headers?: Record<string, string>): Promise<WebResponse> {
    return this.request('POST', path, body, headers);
  }

  /** Loads the chat page (sets the CSRF cookie) and signs in as a demo officer. */
  async signInDemo(officerId: string): Promise<WebResponse> {
    await this.get('/');
    return this.post('/web/api/login/demo', { officerId });
  }

  /** Opens the event stream; events are collected until close(). `headers`: e.g. a reconnection's Last-Event-ID. */
  openEvents(headers: Record<string, string> = {}): EventStream {
    return new EventStream(`${this.baseUrl}/web/api/events`, this.cookieHeader(), headers);
  }
}

export interface StreamEvent {
  id: string;
  event: string;
  data: any;
}

export class EventStream {
  readonly events: StreamEvent[] = [];
  status = 0;
  private req: http.ClientRequest;
  private waiters: (() => void)[] = [];
  readonly ready: Promise<void>;

  constructor(url: string, cookie: string, headers: Record<string, string> = {}) {
    let resolveReady!: () => void;
    this.ready = new Promise((r) => (resolveReady = r));
    this.req = http.get(url, { headers: { ...headers, cookie, accept: 'text/event-stream' } }, (res) => {
      this.status = res.statusCode ?? 0;
      resolveReady();
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event: StreamEvent = { id: '', event: 'message', data: undefined };
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (!data) continue;
          event.data = JSON.parse(data);
          this.events.push(event);
          for (const w of this.waiters.splice(0)) w();
        }
      });
      res.on('error', () => undefined);
    });
    this.req.on('error', () => resolveReady());
  }

  /** Waits until an event matches (or the deadline passes: then throws with what came). */
  async waitFor(match: (e: StreamEvent) => boolean, timeoutMs = 30_000): Promise<StreamEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event; got ${JSON.stringify(this.events.map((e) => e.data?.text ?? e.event))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.req.destroy();
  }
}

/** Text of a web activity and of the TextBlocks of its cards. */
export function webText(activities: any[]): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const r = node as Record<string, unknown>;
    if (typeof r.text === 'string') parts.push(r.text);
    // A link button reads as "title: url", as a text channel shows it.
    if (typeof r.title === 'string')
      parts.push(r.type === 'Action.OpenUrl' && typeof r.url === 'string' ? `${r.title}: ${r.url}` : r.title);
    if (typeof r.value === 'string' && r.type === undefined) parts.push(r.value);
    for (const [k, v] of Object.entries(r)) if (k !== 'text' && k !== 'title' && typeof v === 'object') walk(v);
  };
  walk(activities);
  return parts.join('\n').replace(/\\([\\`*_{}[\]()#+\-.!>|~<])/g, '$1');
}
