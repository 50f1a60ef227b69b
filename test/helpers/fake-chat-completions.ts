// A loopback fake of the OpenAI chat-completions API, speaking its wire format: it records each request
// and answers with `reply` (a completion, or an error body with the given status).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedCompletion {
  url: string;
  authorization?: string;
  body: { model: string; messages: { role: string; content: string }[] };
}

export class FakeChatCompletions {
  readonly captured: CapturedCompletion[] = [];
  reply: { status: number; content: string } = { status: 200, content: '' };
  /** Answer this late (a client with a shorter timeout gives up first). */
  delayMs = 0;
  baseUrl = '';
  private readonly server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      this.captured.push({ url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw) });
      if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      if (res.destroyed) return;
      res.writeHead(this.reply.status, { 'content-type': 'application/json' });
      if (this.reply.status !== 200) return res.end(JSON.stringify({ error: { message: 'boom', type: 'server_error', code: null } }));
      res.end(
        JSON.stringify({
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: 'fake-model',
          choices: [{ index: 0, message: { role: 'assistant', content: this.reply.content }, logprobs: null, finish_reason: 'stop' }],
          usage: { prompt_tokens: 100, completion_tokens: 40, total_tokens: 140 },
        }),
      );
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
