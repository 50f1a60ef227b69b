// Without Bot Framework authentication (demo, BOT_AUTH=off) the bot trusts nobody's network address: it
// accepts activities only from loopback or TRUSTED_SERVICE_URLS (so it never calls a URL a caller names),
// and an unauthenticated turn cannot move an officer's stored conversation to another service URL (so
// nobody can have a head's notifications sent to their own server by claiming to be him).
import assert from 'node:assert/strict';
import { LoopbackConnector } from '../tools/chat/loopback-connector.js';
import { createChatSession, messageActivity } from '../tools/chat/activity-factory.js';
import { startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';

describe('fail closed without authentication', function () {
  this.timeout(120_000);
  let h: BotHarness;
  let other: LoopbackConnector;
  const head = TEST_PEOPLE.find((p) => p.role === 'head')!;

  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource) });
    other = await new LoopbackConnector().start();
  });
  after(async () => {
    await other?.stop();
    await h?.close();
  });

  const post = (activity: object) =>
    fetch(`${h.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

  it('refuses an activity whose serviceUrl is not loopback (403) and calls nothing', async () => {
    const user = h.user(head.email);
    const forged = { ...messageActivity(user.session, 'việc chờ tôi'), serviceUrl: 'https://attacker.example/' };
    const res = await post(forged);
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { error: 'serviceUrl not allowed' });
  });

  it('keeps the stored conversation when an unauthenticated turn comes from another service URL', async () => {
    const user = h.user(head.email);
    await user.say('xin chào');
    const storedUrl = async () =>
      (
        (await h.db.dataSource.query(
          `SELECT conversation_reference->>'serviceUrl' AS url FROM channel_account WHERE channel = 'msteams' AND external_user_id = $1`,
          [user.session.user.id],
        )) as { url: string }[]
      )[0]!.url;
    assert.equal(await storedUrl(), h.connector.serviceUrl);
    // The same Teams user id, through another (loopback) connector that answers the roster with his email.
    other.addMember({
      id: user.session.user.id,
      name: head.name,
      aadObjectId: user.session.user.aadObjectId,
      email: head.email,
      upn: head.email,
    });
    const elsewhere = createChatSession(user.session.user, { serviceUrl: other.serviceUrl });
    assert.equal((await post(messageActivity(elsewhere, 'xin chào'))).status, 200);
    assert.equal(await storedUrl(), h.connector.serviceUrl, 'the reference still points where he really is');
  });
});
