// A campaign to 5,000 officials of a generated directory (imported through the directory import, each with
// an Entra object id and no chat with the bot yet), delivered through the loopback Bot Connector: each
// official's first 1:1 chat is opened and the card sent, with 429 answers on both calls retried, progress
// read while it runs, the process stopped midway and a new one started on the same database and connector,
// and in the end exactly one message per official. Also: recipients and outbox rows are written by a few
// set-based statements, never one round trip per official.
import assert from 'node:assert/strict';
import { loadConfiguration } from '../bot/configuration.js';
import { buildContainer } from '../bot/container.js';
import { startBotServer, type BotServer } from '../bot/server.js';
import { parseDirectoryCsv } from '../services/directory/directory-file.js';
import { importDirectory } from '../services/directory/directory-import.js';
import { deterministicAadObjectId } from '../tools/chat/activity-factory.js';
import { LoopbackConnector } from '../tools/chat/loopback-connector.js';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { BotHarness, replyText, testEnvironment } from './helpers/bot-harness.js';

const UNITS = Number(process.env.SCALE_UNITS ?? 25);
const PER_UNIT = 200;
const OFFICIALS = UNITS * PER_UNIT;
const HOME_AFFAIRS = 'giam.doc.snv@scale.invalid';
const VN = OFFICIALS.toLocaleString('vi-VN');
const ENV = { NOTIFY_RATE_PER_SECOND: '2000', NOTIFY_CONCURRENCY: '8' };

function directoryCsv(): string {
  const head =
    'unit_code,unit_name,unit_kind,parent_unit_code,officer_email,officer_name,position,role,is_manager,phone,teams_aad_object_id';
  const lines = [head, `UBND_TINH,UBND tỉnh,ubnd_tinh,,,,,,,,`];
  lines.push(`SNV,Sở Nội vụ,so_nganh,UBND_TINH,${HOME_AFFAIRS},Lê Văn Nội,Giám đốc,head,có,,${deterministicAadObjectId(HOME_AFFAIRS)}`);
  for (let u = 1; u <= UNITS; u++) {
    const code = `XA_${String(u).padStart(2, '0')}`;
    for (let i = 1; i <= PER_UNIT; i++) {
      const email = `cb${u}.${i}@scale.invalid`;
      const role = i === 1 ? 'head' : 'member';
      lines.push(
        `${code},UBND xã số ${u},ubnd_xa,UBND_TINH,${email},Cán bộ ${u} ${i},${i === 1 ? 'Chủ tịch' : 'Công chức'},${role},${i === 1 ? 'có' : 'không'},,${deterministicAadObjectId(email)}`,
      );
    }
  }
  return lines.join('\n');
}

describe('a campaign to 5,000 officials', function () {
  // About a minute on PGlite with the machine to itself; the margin is for a loaded CI machine.
  this.timeout(300_000);
  let db: TestDatabase;
  let connector: LoopbackConnector;
  let server: BotServer | undefined;

  /** A bot process on the shared database and connector (a restart is a new one). */
  const startProcess = async () => {
    const configuration = loadConfiguration(testEnvironment(ENV));
    server = await startBotServer(buildContainer({ configuration, db }));
    return new BotHarness(server, db, connector, configuration.app, false);
  };
  const campaignMessages = () =>
    connector.activities.filter(
      (a) => a.activity.type === 'message' && /Phổ biến Nghị định 73\/2023\/NĐ-CP \(PB-/.test(replyText(a.activity)),
    );
  const sent = async () =>
    Number(
      (
        (await db.dataSource.query(
          `SELECT count(*)::int AS n FROM notification_outbox WHERE kind = 'campaign.message' AND state = 'sent'`,
        )) as {
          n: number;
        }[]
      )[0]!.n,
    );

  before(async function () {
    this.timeout(180_000);
    connector = await new LoopbackConnector().start();
    db = await openTestDatabase();
    const imported = await importDirectory(db.dataSource, parseDirectoryCsv(directoryCsv()));
    assert.equal(imported.status, 'applied');
  });
  after(async () => {
    await server?.close();
    await connector?.stop();
    await db?.dispose();
  });

  it('reaches every official once, with 429s retried and a restart midway', async () => {
    const started = Date.now();
    let h = await startProcess();
    const ha = h.user(HOME_AFFAIRS);
    await ha.say('xin chào');
    // Teams throttles now and then: on opening chats, and on sending into them.
    connector.failNext(3, { status: 429, operations: ['createConversation'] });

    // Count the statements the start writes to the recipients and the outbox: a few, whatever the number of officials.
    const statements: string[] = [];
    const proto = PostgresQueryRunner.prototype as unknown as { query: (...args: unknown[]) => Promise<unknown> };
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      if (typeof args[0] === 'string' && /INSERT INTO (campaign_recipient|notification_outbox)/.test(args[0])) statements.push(args[0]);
      return original.apply(this, args);
    };
    let reply: string;
    try {
      reply = (await ha.say('PHÁT ĐỘNG PHỔ BIẾN MẪU 1')).map(replyText).join('\n');
    } finally {
      proto.query = original;
    }
    assert.match(reply, new RegExp(`đang gửi đến ${VN} cán bộ`), reply);
    assert.equal(statements.length, 2, `${statements.length} INSERT statements for ${OFFICIALS} officials`);
    const code = reply.match(/PB-\d{4}-\d{4}/)![0];

    // Progress while it runs; more 429s on the messages themselves.
    while ((await sent()) < OFFICIALS * 0.24) await new Promise((r) => setTimeout(r, 400));
    connector.failNext(4, { status: 429, operations: ['replyToActivity'] });
    const midway = (await ha.say(`TIẾN ĐỘ PHỔ BIẾN ${code}`)).map(replyText).join('\n');
    const reached = Number(midway.match(/Đã gửi đến ([\d.]+)\//)?.[1]?.replace('.', ''));
    assert.ok(reached >= OFFICIALS * 0.24 && reached < OFFICIALS, midway);
    while ((await sent()) < OFFICIALS / 2) await new Promise((r) => setTimeout(r, 400));

    // The process stops (graceful: messages in flight finish) and another takes over.
    await h.server.close();
    const atStop = await sent();
    assert.ok(atStop < OFFICIALS, `stopped after ${atStop}`);
    h = await startProcess();
    h.server.container.campaigns.dispatcher.kick(); // what the background job does at start and every minute
    await h.server.container.campaigns.dispatcher.idle();

    assert.equal(await sent(), OFFICIALS);
    const messages = campaignMessages();
    const perConversation = new Map<string, number>();
    for (const m of messages) perConversation.set(m.conversationId, (perConversation.get(m.conversationId) ?? 0) + 1);
    assert.equal(perConversation.size, OFFICIALS, 'every official has their own chat');
    assert.equal(messages.length, OFFICIALS, 'no duplicates');
    const throttled = connector.requests.filter((r) => r.status === 429).map((r) => r.operation);
    assert.deepEqual(throttled.sort(), [...Array(3).fill('createConversation'), ...Array(4).fill('replyToActivity')], '429s answered');
    assert.equal(connector.requests.filter((r) => r.operation === 'createConversation' && r.status === 200).length, OFFICIALS, 'retried');

    const final = (await h.user(HOME_AFFAIRS).say(`TIẾN ĐỘ PHỔ BIẾN ${code}`)).map(replyText).join('\n');
    assert.match(final, new RegExp(`Đã gửi đến ${VN}/${VN} \\(100%\\)`));
    assert.match(final, /UBND xã số 2: nhận 200\/200 · đọc 0/);
    const seconds = (Date.now() - started) / 1000;
    console.log(`      ${OFFICIALS} officials in ${seconds.toFixed(1)} s (stopped once after ${atStop})`);
  });
});
