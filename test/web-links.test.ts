// Signed one-time decision links: the decider acts from a browser with the same actions as the card;
// a forwarded link (another browser), another person's session, a used, expired or replaced link are
// refused with a clear message; voters get vote-only links; the link endpoints are rate limited.
import assert from 'node:assert/strict';

import { RateLimiter } from '../bot/web/web-security.js';
import { DecisionLinkService, hashSecret } from '../services/web-links/decision-link-service.js';
import { startDemoHarness, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { WebClient, webText } from './helpers/web-client.js';
import { PARTY_STEP_OFF_ENV } from './helpers/workflow-fixtures.js';

describe('signed decision links', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let p: People;

  before(async function () {
    this.timeout(240_000);
    h = await startDemoHarness({ ...PARTY_STEP_OFF_ENV }, async (db) => {
      p = await seedDecisionDirectory(db.dataSource);
    });
  });
  after(async () => h?.close());

  const face = () => h.server.container.web;
  const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

  async function routed(): Promise<{ id: string; code: string }> {
    const proposal = await createSubmittedProposal(h.db.dataSource, p.scStaff!, {
      title: 'Hồ sơ <script>alert(1)</script> điện tử',
      purpose: 'Rút ngắn thời gian giải quyết hồ sơ',
      expectedResults: 'Giảm 50% thời gian',
      fundingAmount: '150000000',
      fundingSource: 'Ngân sách tỉnh',
      startDate: '2026-03-02',
      endDate: '2026-06-30',
    });
    await h.server.container.decisions.routeSubmitted(proposal.id, p.scStaff!);
    return proposal;
  }

  async function status(id: string): Promise<string> {
    const [row] = await h.db.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [id]);
    return row.status;
  }

  it('the decider opens the link, sees the plan and the card actions, acts once; the link is then used up', async () => {
    const proposal = await routed();
    const url = await face().mintDecisionLink({ officerId: p.scHead!, proposalId: proposal.id, scope: 'decide' });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(url);
    const [row] = await h.db.dataSource.query(`SELECT token_hash FROM decision_link WHERE officer_id = $1`, [p.scHead]);
    assert.equal(row.token_hash, hashSecret(token), 'only the hash of the token is stored');

    const browser = new WebClient(h.url);
    const page = await browser.get(`/d/${token}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const opened = await browser.post('/web/api/links/open', { token });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assert.match(opened.body.greeting, /Phạm Văn Khoa/);
    const text = webText([opened.body.card]);
    assert.match(text, new RegExp(proposal.code));
    assert.match(text, /Hồ sơ <script>alert\(1\)<\/script> điện tử/, 'user text comes back as data, rendered as text by the page');
    // What a head needs to decide is on the signed link page too (item 10).
    assert.match(text, /150\.000\.000 đồng; nguồn: Ngân sách tỉnh/);
    assert.match(text, /từ ngày 02\/03\/2026 đến ngày 30\/06\/2026/);
    assert.match(text, /Rút ngắn thời gian giải quyết hồ sơ/);
    assert.match(text, /Giảm 50% thời gian/);
    assert.match(text, /Kế hoạch đề xuất \(\.docx\): http/);
    const verbs = (opened.body.card.actions ?? []).map((a: any) => a.verb);
    assert.ok(verbs.includes('decision.vote.open'), `actions: ${verbs}`);
    assert.ok(verbs.includes('decision.return'));

    // A refusal by the service (no comment for a return) does not use the link up.
    const noComment = await browser.post('/web/api/links/act', { token, verb: 'decision.return', data: { comment: '' } });
    assert.equal(noComment.status, 200);
    assert.equal(noComment.body.used, false);
    assert.equal(await status(proposal.id), 'under_review');

    // The link acts on its own proposal only, whatever the data says.
    const other = await routed();
    const act = await browser.post('/web/api/links/act', { token, verb: 'decision.vote.open', data: { proposalId: other.id } });
    assert.equal(act.status, 200, JSON.stringify(act.body));
    assert.equal(act.body.used, true);
    assert.match(act.body.notice, /hết hiệu lực/);
    assert.equal(await status(proposal.id), 'voting');
    assert.equal(await status(other.id), 'under_review');
    const [used] = await h.db.dataSource.query(`SELECT used_at, used_action FROM decision_link WHERE token_hash = $1`, [hashSecret(token)]);
    assert.ok(used.used_at);
    assert.equal(used.used_action, 'decision.vote.open');

    const again = await browser.post('/web/api/links/open', { token });
    assert.equal(again.status, 410);
    assert.equal(again.body.error, 'used');
    assert.match(again.body.message, /chỉ dùng được một lần/);
  });

  it('a forwarded link is refused in another browser, and for another officer’s session; the person’s own session opens it', async () => {
    const proposal = await routed();
    const token = tokenOf(await face().mintDecisionLink({ officerId: p.scHead!, proposalId: proposal.id, scope: 'decide' }));
    const first = new WebClient(h.url);
    await first.get(`/d/${token}`);
    assert.equal((await first.post('/web/api/links/open', { token })).status, 200);
    assert.match(first.cookies.get('tld_browser') ?? '', /^[A-Za-z0-9_-]{43}$/);

    const forwarded = new WebClient(h.url);
    await forwarded.get(`/d/${token}`);
    const refused = await forwarded.post('/web/api/links/open', { token });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, 'forwarded');
    assert.match(refused.body.message, /trình duyệt khác/);
    const act = await forwarded.post('/web/api/links/act', { token, verb: 'decision.vote.open', data: {} });
    assert.equal(act.status, 403);
    assert.equal(await status(proposal.id), 'under_review', 'nothing done through a forwarded link');
    const [row] = await h.db.dataSource.query(`SELECT refused_count FROM decision_link WHERE token_hash = $1`, [hashSecret(token)]);
    assert.equal(row.refused_count, 2);

    const colleague = new WebClient(h.url);
    await colleague.signInDemo(p.scDeputy1!);
    const otherPerson = await colleague.post('/web/api/links/open', { token });
    assert.equal(otherPerson.status, 403);
    assert.equal(otherPerson.body.error, 'other_person');

    const self = new WebClient(h.url);
    await self.signInDemo(p.scHead!);
    assert.equal((await self.post('/web/api/links/open', { token })).status, 200);

    // Still usable by the first browser.
    assert.equal((await first.post('/web/api/links/open', { token })).status, 200);
  });

  it('refuses expired, replaced and unknown links with clear messages, and without the CSRF token', async () => {
    const proposal = await routed();
    const past = new DecisionLinkService(h.db.dataSource, { ttlHours: 1, now: () => new Date(Date.now() - 2 * 3_600_000) });
    const expired = await past.issue({ officerId: p.scHead!, proposalId: proposal.id, scope: 'decide' });
    const c = new WebClient(h.url);
    await c.get(`/d/${expired.token}`);
    const res = await c.post('/web/api/links/open', { token: expired.token });
    assert.equal(res.status, 410);
    assert.equal(res.body.error, 'expired');
    assert.match(res.body.message, /hết hạn/);

    const older = tokenOf(await face().mintDecisionLink({ officerId: p.scHead!, proposalId: proposal.id, scope: 'decide' }));
    const newer = tokenOf(await face().mintDecisionLink({ officerId: p.scHead!, proposalId: proposal.id, scope: 'decide' }));
    const replaced = await c.post('/web/api/links/open', { token: older });
    assert.equal(replaced.status, 410);
    assert.equal(replaced.body.error, 'revoked');
    assert.equal((await c.post('/web/api/links/open', { token: newer })).status, 200);

    const unknown = await c.post('/web/api/links/open', { token: 'A'.repeat(43) });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.message, /không hợp lệ/);

    const noCsrf = await c.post('/web/api/links/act', { token: newer, verb: 'decision.vote.open', data: {} }, { 'x-csrf-token': '' });
    assert.equal(noCsrf.status, 403);
    assert.equal(await status(proposal.id), 'under_review');
  });

  it('gives the notifier the whole message that carries a link, for text channels', async () => {
    const proposal = await routed();
    const text = await face().decisionLinkMessage({ officerId: p.scHead!, proposalId: proposal.id, scope: 'decide', code: proposal.code });
    assert.match(text, new RegExp(`${proposal.code} đang chờ anh/chị xem xét`));
    assert.match(text, /http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_-]{43}/);
    assert.match(text, /dùng được một lần.*hết hạn sau 72 giờ/);
  });

  it('a voter’s link carries only the vote actions', async () => {
    const proposal = await routed();
    const service = h.server.container.decisions;
    const opened = await service.openVote({ officerId: p.scHead!, channel: 'web' }, proposal.id);
    assert.equal(opened.ok, true);
    const token = tokenOf(await face().mintDecisionLink({ officerId: p.scDeputy2!, proposalId: proposal.id, scope: 'vote' }));
    const c = new WebClient(h.url);
    await c.get(`/d/${token}`);
    const open = await c.post('/web/api/links/open', { token });
    assert.equal(open.status, 200);
    assert.deepEqual(
      (open.body.card.actions ?? [])
        .filter((a: any) => a.type !== 'Action.OpenUrl')
        .map((a: any) => a.verb)
        .sort(),
      ['decision.vote.against', 'decision.vote.for'],
    );
    const close = await c.post('/web/api/links/act', { token, verb: 'decision.vote.close', data: {} });
    assert.equal(close.status, 403);
    assert.match(close.body.message, /không thuộc phạm vi/);
    const vote = await c.post('/web/api/links/act', { token, verb: 'decision.vote.for', data: { comment: 'Đồng ý' } });
    assert.equal(vote.status, 200);
    assert.equal(vote.body.used, true);
    const [row] = await h.db.dataSource.query(
      `SELECT v.choice FROM collective_vote v JOIN decision d ON v.subject_kind = 'decision' AND d.id = v.subject_id WHERE d.proposal_id = $1 AND v.voter_id = $2`,
      [proposal.id, p.scDeputy2],
    );
    assert.equal(row.choice, 'for');
  });

  it('rate limits the link endpoints per client (429 with Retry-After)', async () => {
    const c = new WebClient(h.url);
    await c.get('/d/x');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 70; i++) {
      const res = await c.post('/web/api/links/open', { token: `${'B'.repeat(40)}${String(i).padStart(3, '0')}` });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    assert.ok(statuses.includes(429), `statuses: ${statuses.join(',')}`);
    assert.ok(Number(retryAfter) >= 1);
  });

  it('the token bucket refills with time', () => {
    let now = 0;
    const bucket = new RateLimiter(2, 60, () => now);
    assert.equal(bucket.take('a'), 0);
    assert.equal(bucket.take('a'), 0);
    assert.ok(bucket.take('a') > 0);
    assert.equal(bucket.take('b'), 0, 'buckets are per key');
    now += 1000;
    assert.equal(bucket.take('a'), 0);
  });
});

describe('signed decision links when the web chat is off (production)', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let p: People;
  before(async () => {
    h = await startHarness({ seed: async (db) => void (p = await seedDecisionDirectory(db.dataSource)) });
  });
  after(async () => h?.close());

  it('still serves the link page and its actions; the chat and the dashboard are not served', async () => {
    const proposal = await createSubmittedProposal(h.db.dataSource, p.scStaff!);
    await h.server.container.decisions.routeSubmitted(proposal.id, p.scStaff!);
    const url = await h.server.container.web.mintDecisionLink({ officerId: p.scHead!, proposalId: proposal.id, scope: 'decide' });
    const browser = new WebClient(h.url);
    assert.equal((await browser.get(new URL(url).pathname)).status, 200);
    const opened = await browser.post('/web/api/links/open', { token: new URL(url).pathname.split('/').pop() });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assert.match(webText([opened.body.card]), new RegExp(proposal.code));
    assert.equal((await browser.get('/')).status, 404);
    assert.equal((await browser.get('/dashboard')).status, 404);
  });
});
