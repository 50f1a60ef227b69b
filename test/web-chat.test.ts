// The web chat over HTTP: the pages' security headers, demo sign-in with its cookies, CSRF refusals, a
// whole plan written and submitted through the web channel adapter (the same bot as Teams), replies on
// the event stream, and the invoke answer of a card action.
import assert from 'node:assert/strict';

import { startDemoHarness, type BotHarness } from './helpers/bot-harness.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { FULL_PLAN, plain } from './helpers/wizard-script.js';
import { WebClient, webText } from './helpers/web-client.js';

describe('web chat over HTTP', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let p: People;

  before(async function () {
    this.timeout(240_000);
    h = await startDemoHarness({}, async (db) => {
      p = await seedDecisionDirectory(db.dataSource);
    });
  });
  after(async () => h?.close());

  /** A submitted plan written straight into the database, under a code the wizard's counter never gives. */
  async function fixture(title: string, code: string): Promise<{ id: string; code: string }> {
    const { id } = await createSubmittedProposal(h.db.dataSource, p.scStaff!, { title });
    await h.db.dataSource.query(`UPDATE proposal SET code = $2 WHERE id = $1`, [id, code]);
    return { id, code };
  }

  it('delivers proactive messages (the decider’s card) to an open web chat, and leaves them in the outbox when no browser is open', async () => {
    const head = new WebClient(h.url);
    await head.signInDemo(p.scHead!);
    const stream = head.openEvents();
    await stream.ready;
    try {
      await head.post('/web/api/start');
      const proposal = await fixture('Thẻ quyết định đến trình duyệt', 'ĐX-2026-9001');
      await h.server.container.decisions.routeSubmitted(proposal.id, p.scStaff!);
      const card = await stream.waitFor((e) => webText([e.data]).includes(proposal.code));
      assert.ok((card.data.attachments ?? []).some((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive'));
      const [row] = await h.db.dataSource.query(
        `SELECT state, channel FROM notification_outbox WHERE proposal_id = $1 AND officer_id = $2 AND kind = 'decision.card'`,
        [proposal.id, p.scHead],
      );
      assert.deepEqual(row, { state: 'sent', channel: 'web' });
    } finally {
      stream.close();
    }
    // The stream is closed now: the next card cannot be shown and stays in the outbox for a retry.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = await fixture('Không có trình duyệt mở', 'ĐX-2026-9002');
    await h.server.container.decisions.routeSubmitted(later.id, p.scStaff!);
    const [row] = await h.db.dataSource.query(
      `SELECT state, last_error FROM notification_outbox WHERE proposal_id = $1 AND officer_id = $2 AND kind = 'decision.card'`,
      [later.id, p.scHead],
    );
    assert.equal(row.state, 'failed');
    assert.match(row.last_error, /web/);
  });

  it('serves the pages with a strict CSP and a CSRF cookie, and the vendor bundles from node_modules', async () => {
    const c = new WebClient(h.url);
    const page = await c.get('/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.doesNotMatch(page.text, /<script>[^<]/, 'no inline script in the page');
    const csrf = page.headers.getSetCookie().find((x) => x.startsWith('tld_csrf='));
    assert.ok(csrf, 'CSRF cookie set');
    assert.match(csrf!, /SameSite=Strict/);
    for (const path of ['/vendor/adaptivecards.min.js', '/vendor/chart.umd.min.js', '/static/chat.js', '/static/style.css']) {
      const res = await c.get(path);
      assert.equal(res.status, 200, path);
      assert.ok(res.text.length > 500, path);
    }
    assert.equal((await c.get('/static/..%2Fpackage.json')).status, 404);
    for (const name of ['__proto__', 'constructor', 'toString', 'nope.js'])
      assert.equal((await c.get(`/vendor/${name}`)).status, 404, `/vendor/${name}`);
    assert.equal((await c.get('/vendor/other.js')).status, 404);
  });

  it('lists demo officers and signs one in with an httpOnly SameSite session cookie; refuses without the CSRF token', async () => {
    const c = new WebClient(h.url);
    await c.get('/');
    const officers = await c.get('/web/api/demo/officers');
    assert.equal(officers.status, 200);
    assert.ok(officers.body.officers.some((o: { id: string; name: string }) => o.id === p.roomStaff && o.name === 'Nguyễn Thị Chuyên'));

    const noToken = await c.post('/web/api/login/demo', { officerId: p.roomStaff }, { 'x-csrf-token': '' });
    assert.equal(noToken.status, 403);
    assert.match(noToken.body.message, /tải lại trang/);
    const forged = await c.post('/web/api/login/demo', { officerId: p.roomStaff }, { 'x-csrf-token': 'abc.def' });
    assert.equal(forged.status, 403);
    const crossSite = await c.post('/web/api/login/demo', { officerId: p.roomStaff }, { origin: 'https://evil.example' });
    assert.equal(crossSite.status, 403);
    assert.equal(crossSite.body.error, 'origin');

    const unknown = await c.post('/web/api/login/demo', { officerId: '00000000-0000-4000-8000-000000000999' });
    assert.equal(unknown.status, 404);

    const ok = await c.post('/web/api/login/demo', { officerId: p.roomStaff });
    assert.equal(ok.status, 200);
    const session = ok.headers.getSetCookie().find((x) => x.startsWith('tld_session='))!;
    assert.match(session, /HttpOnly/);
    assert.match(session, /SameSite=Lax/);
    const me = await c.get('/web/api/session');
    assert.equal(me.body.signedIn, true);
    assert.equal(me.body.officer.name, 'Nguyễn Thị Chuyên');
    assert.equal(me.body.dashboard, false, 'a staff member has no dashboard');
    const rows = await h.db.dataSource.query(`SELECT token_hash FROM web_session WHERE officer_id = $1`, [p.roomStaff]);
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0].token_hash, c.cookies.get('tld_session'), 'only the hash is stored');

    const out = await c.post('/web/api/logout');
    assert.equal(out.status, 200);
    assert.equal((await c.get('/web/api/session')).body.signedIn, false);
    assert.equal((await c.post('/web/api/messages', { text: 'xin chào' })).status, 401);
  });

  it('a demo officer writes and submits a whole plan in the web chat; replies also arrive on the event stream', async () => {
    const c = new WebClient(h.url);
    assert.equal((await c.signInDemo(p.roomStaff!)).status, 200);
    const stream = c.openEvents();
    await stream.ready;
    assert.equal(stream.status, 200);
    try {
      const start = await c.post('/web/api/start');
      assert.equal(start.status, 200);
      await stream.waitFor((e) => /Nguyễn Thị Chuyên/.test(webText([e.data])));

      let last: any[] = [];
      for (const [said, expected] of FULL_PLAN) {
        const res = await c.post('/web/api/messages', { text: said });
        assert.equal(res.status, 200, said);
        last = res.body.replies;
        assert.match(plain(webText(last)), expected, `after «${said}» the bot said:\n${webText(last)}`);
      }
      // The review card is an Adaptive Card with Action.Execute "Gửi đề xuất".
      const card = last
        .flatMap((a) => a.attachments ?? [])
        .find((x: any) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
      assert.ok(card, 'review card');
      const submit = card.actions.find((a: any) => a.verb === 'plan.submit');
      assert.equal(submit.type, 'Action.Execute');
      const seen = stream.events.length;
      const answer = await c.post('/web/api/invoke', { verb: submit.verb, data: submit.data });
      assert.equal(answer.status, 200);
      const [proposal] = await h.db.dataSource.query(`SELECT code, status FROM proposal WHERE proposer_id = $1`, [p.roomStaff]);
      assert.match(proposal.code, /^ĐX-\d{4}-\d{4}$/);
      assert.notEqual(proposal.status, 'draft');
      const submitted = await stream.waitFor((e) => stream.events.indexOf(e) >= seen && webText([e.data]).includes(proposal.code));
      assert.ok(submitted);
      // The answer names its place in the stream: what the turn sent comes before it (the page waits for it).
      assert.equal(typeof answer.body.seq, 'number');
      assert.ok(Number(submitted.id) <= answer.body.seq, `event ${submitted.id} before the answer's seq ${answer.body.seq}`);
      // The plan document comes as a card with a download button to a signed link (never a file attachment).
      await stream.waitFor((e) =>
        (e.data.attachments ?? []).some((a: any) =>
          (a.content?.actions ?? []).some((x: any) => x.type === 'Action.OpenUrl' && /\/files\/plan\//.test(x.url)),
        ),
      );
      // The web account is remembered for proactive messages.
      const [account] = await h.db.dataSource.query(
        `SELECT channel, external_user_id, conversation_reference FROM channel_account WHERE officer_id = $1 AND channel = 'web'`,
        [p.roomStaff],
      );
      assert.equal(account.external_user_id, `web:${p.roomStaff}`);
      assert.equal(account.conversation_reference.channelId, 'web');
    } finally {
      stream.close();
    }
  });

  it('refuses bad bodies with 400 and an unknown card verb with the stale-card answer, never a 500', async () => {
    const c = new WebClient(h.url);
    await c.signInDemo(p.scStaff!);
    assert.equal((await c.post('/web/api/messages', { text: '   ' })).status, 400);
    assert.equal((await c.post('/web/api/invoke', { data: {} })).status, 400);
    const stale = await c.post('/web/api/invoke', { verb: 'no.such.verb', data: {} });
    assert.equal(stale.status, 200);
    assert.ok(stale.body.card, 'a card answers an unknown verb');
    const anonymous = new WebClient(h.url).openEvents();
    await anonymous.ready;
    assert.equal(anonymous.status, 401, 'no stream without a session');
    anonymous.close();
  });
});
