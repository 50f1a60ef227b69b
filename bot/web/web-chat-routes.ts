// The web chat: the event stream (catch-up by Last-Event-ID), the history, a message, a card action, and the demo shortcuts.
import type restify from 'restify';
import { logger } from '../../services/platform/logger.js';
import { web as t } from '../../services/platform/messages/web.js';
import type { SessionInfo } from './session-store.js';
import { WEB_BOT_ID } from './web-adapter.js';
import { webUserId, HttpError, type WebKit } from './web-kit.js';

export function registerChatRoutes(server: restify.Server, kit: WebKit): void {
  const { container, jsonBody, config, hub, mintDecisionLink, json, api, sessionOf, requireSession, bodyOf, runTurn, invoke } = kit;
  server.get('/web/api/events', async (req, res) => {
    let info: SessionInfo | undefined;
    try {
      info = await sessionOf(req);
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message } }, 'web events: session lookup failed');
    }
    if (!info) {
      json(res, 401, { error: 'signin', message: t.signInRequired });
      return;
    }
    const conversationId = webUserId(info.officer.id);
    // A reconnection names the last event it saw (Last-Event-ID); a fresh page that showed the history
    // names the last one it showed (?after=). Either way the catch-up is read from the table.
    const afterOf = (value: unknown) => {
      const n = Number(value);
      return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
    };
    const after =
      afterOf(req.headers['last-event-id']) ?? afterOf(new URL(req.url ?? '/', 'http://x').searchParams.get('after') ?? undefined);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'content-security-policy': "default-src 'none'",
    });
    // The headers leave with the first write, after the subscription knows where it starts and is
    // present: a client that saw the response can rely on every later event reaching it.
    let closed = false;
    let subscription: Awaited<ReturnType<typeof hub.subscribe>> | undefined;
    const heartbeat = setInterval(() => {
      res.write(': keep-alive\n\n');
      subscription?.touch().catch((err: Error) => logger.warn({ err: { message: err.message } }, 'web events: presence not refreshed'));
    }, 25_000);
    heartbeat.unref();
    req.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      subscription?.close().catch(() => undefined);
    });
    try {
      subscription = await hub.subscribe(
        conversationId,
        (event) => {
          res.write(`${event.seq ? `id: ${event.seq}\n` : ''}event: ${event.kind}\ndata: ${JSON.stringify(event.activity)}\n\n`);
        },
        after,
      );
      res.write('retry: 3000\n\n');
      if (closed) await subscription.close();
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message } }, 'web events: stream could not open');
      clearInterval(heartbeat);
      res.end();
    }
  });

  // The chat as it was: the newest events, for a page that was reloaded (or a process that restarted).
  server.get(
    '/web/api/history',
    api(async (req, res) => {
      const { officer } = await requireSession(req);
      const events = await hub.history(webUserId(officer.id), 100);
      json(res, 200, { events: events.map((e) => ({ seq: e.seq, kind: e.kind, activity: e.activity })) });
    }),
  );

  server.post(
    '/web/api/start',
    api(
      async (req, res) => {
        const { officer } = await requireSession(req);
        await runTurn(officer, {
          type: 'conversationUpdate',
          membersAdded: [{ id: WEB_BOT_ID, name: 'Trợ lý Đổi mới' }],
        });
        json(res, 200, { ok: true });
      },
      { mutating: true },
    ),
  );

  server.post(
    '/web/api/messages',
    ...jsonBody,
    api(
      async (req, res) => {
        const { officer } = await requireSession(req);
        const body = bodyOf(req);
        const text = typeof body.text === 'string' ? body.text : '';
        const value =
          body.value && typeof body.value === 'object' && !Array.isArray(body.value) ? (body.value as Record<string, unknown>) : undefined;
        if (!text.trim() && !value) throw new HttpError(400, { error: 'empty', message: t.badRequest });
        const result = await runTurn(officer, { type: 'message', text, ...(value ? { value } : {}) });
        // The replies are streamed; they are also returned, for clients without a stream.
        json(res, 200, { ok: true, replies: result.sent });
      },
      { mutating: true },
    ),
  );

  server.post(
    '/web/api/invoke',
    ...jsonBody,
    api(
      async (req, res) => {
        const { officer } = await requireSession(req);
        const body = bodyOf(req);
        const verb = typeof body.verb === 'string' ? body.verb.slice(0, 100) : '';
        if (!verb) throw new HttpError(400, { error: 'verb', message: t.badRequest });
        const data = body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as Record<string, unknown>) : {};
        const shown = await invoke(officer, verb, data);
        // The browser shows a text answer only after the stream events that came before it (`seq`).
        json(res, 200, { ...shown, seq: await hub.log.lastSeq(webUserId(officer.id)) });
      },
      { mutating: true },
    ),
  );

  // Demo: a newcomer tries the signed link for a decision waiting on them, as Zalo would deliver it.
  server.get(
    '/web/api/demo/tasks',
    api(async (req, res) => {
      if (!config.demo) throw new HttpError(404, { error: 'demo', message: t.demoOnly });
      const { officer } = await requireSession(req);
      const tasks = await container.decisions.tasksFor(officer.id);
      json(res, 200, {
        tasks: tasks.map((x) => ({ proposalId: x.proposal.id, code: x.proposal.code, title: x.proposal.title, role: x.role })),
      });
    }),
  );

  server.post(
    '/web/api/demo/link',
    ...jsonBody,
    api(
      async (req, res) => {
        if (!config.demo) throw new HttpError(404, { error: 'demo', message: t.demoOnly });
        const { officer } = await requireSession(req);
        const proposalId = String(bodyOf(req).proposalId ?? '');
        const task = (await container.decisions.tasksFor(officer.id)).find((x) => x.proposal.id === proposalId);
        if (!task) throw new HttpError(404, { error: 'task', message: t.badRequest });
        const url = await mintDecisionLink({
          officerId: officer.id,
          proposalId,
          decisionId: task.decisionId,
          scope: task.role === 'voter' ? 'vote' : 'decide',
        });
        json(res, 200, { url: new URL(url).pathname });
      },
      { mutating: true },
    ),
  );
}
