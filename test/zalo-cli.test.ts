// `npm run cli -- link-code <email>` and `zalo undelivered` through the CLI (one in a child process, the others in this one).
import assert from 'node:assert/strict';
import { sha256Hex } from '../services/zalo/zalo-crypto.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';
import { cliDatabase, type CliDatabase } from './helpers/cli.js';

const staff = TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!;

describe('zalo: CLI', function () {
  this.timeout(300_000);
  let cli: CliDatabase;

  before(async () => {
    cli = await cliDatabase('zalo-cli', { ZALO_LINK_CODE_TTL_MINUTES: '7' });
    await cli.withDb(({ dataSource }) => seedTestDirectory(dataSource));
  });
  after(() => cli.dispose());

  it('link-code prints a one-time code for an officer and stores only its hash', async () => {
    const { code, stdout } = await cli.spawn(['link-code', staff.email.toUpperCase()]);
    assert.equal(code, 0);
    const m =
      /Mã liên kết Zalo cho cv\.qlkh@test\.invalid: ([A-Z0-9]{8}) \(hiệu lực 7 phút, dùng một lần\)\. Cán bộ nhắn trên Zalo: LIÊN KẾT \1/.exec(
        stdout,
      );
    assert.ok(m, stdout);
    const rows = await cli.withDb(({ dataSource: ds }) =>
      ds.query(
        `SELECT code_hash, expires_at > now() + interval '6 minutes' AND expires_at <= now() + interval '7 minutes' AS ttl_ok FROM zalo_link_code`,
      ),
    );
    assert.deepEqual(rows, [{ code_hash: sha256Hex(m[1]), ttl_ok: true }]);
  });

  it('link-code refuses an unknown email with exit code 1', async () => {
    const { code, stderr } = await cli.run(['link-code', 'khong.co@test.invalid']);
    assert.equal(code, 1);
    assert.match(stderr, /Không tìm thấy cán bộ đang hoạt động có email khong\.co@test\.invalid/);
  });

  it('zalo undelivered lists held and failed messages with the officer', async () => {
    assert.match((await cli.run(['zalo', 'undelivered'])).stdout, /Không có tin nhắn Zalo nào/);
    await cli.withDb(async ({ dataSource: ds }) => {
      const [{ id }] = await ds.query(`SELECT id FROM officer WHERE email = $1`, [staff.email]);
      await ds.query(
        `INSERT INTO zalo_outbox (channel, recipient_id, officer_id, text, status, attempts, last_error_code, last_error)
         VALUES ('zalo_oa', '123', $1, 'Nội dung', 'held', 1, -230, 'no interaction')`,
        [id],
      );
    });
    const { code, stdout } = await cli.run(['zalo', 'undelivered']);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`zalo_oa ${staff.name} \\(Phòng Quản lý khoa học\\): giữ lại đến khi cán bộ nhắn tin lại \\[-230\\]`));
    assert.ok(!stdout.includes('Nội dung'), 'the message text is not printed');
    const json = JSON.parse((await cli.run(['zalo', 'undelivered', '--json'])).stdout);
    assert.equal(json[0].officerEmail, staff.email);
  });
});
