// `npm run cli -- web link` and `web sessions revoke` through the CLI (the first in a child process, the others in this one).
import assert from 'node:assert/strict';
import { hashSecret } from '../services/web-links/decision-link-service.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { cliDatabase, type CliDatabase } from './helpers/cli.js';

describe('web: CLI', function () {
  this.timeout(300_000);
  let cli: CliDatabase;
  let p: People;
  let code = '';

  before(async () => {
    cli = await cliDatabase('web-cli', { PUBLIC_BASE_URL: 'https://tro-ly.example.gov.vn' });
    await cli.withDb(async ({ dataSource: ds }) => {
      p = await seedDecisionDirectory(ds);
      code = (await createSubmittedProposal(ds, p.scStaff!)).code;
      await ds.query(
        `INSERT INTO web_session (token_hash, officer_id, method, expires_at) VALUES ('h1', $1, 'entra', now() + interval '1 hour'), ('h2', $1, 'entra', now() + interval '1 hour')`,
        [p.scHead],
      );
    });
  });
  after(() => cli.dispose());

  it('issues a one-time link and prints the message to send', async () => {
    const { code: exit, stdout, stderr } = await cli.spawn(['web', 'link', 'GD.SKHCN@test.invalid', code, '--hours', '24']);
    assert.equal(exit, 0, stderr);
    assert.match(stdout, new RegExp(`${code} đang chờ anh/chị xem xét`));
    assert.match(stdout, /hết hạn sau 24 giờ/);
    const token = /https:\/\/tro-ly\.example\.gov\.vn\/d\/([A-Za-z0-9_-]{43})/.exec(stdout)?.[1];
    assert.ok(token, stdout);
    const rows = await cli.withDb(({ dataSource: ds }) =>
      ds.query(`SELECT officer_id, scope, expires_at FROM decision_link WHERE token_hash = $1`, [hashSecret(token!)]),
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0].officer_id, p.scHead);
    assert.equal(rows[0].scope, 'decide');
    const hours = (new Date(rows[0].expires_at).getTime() - Date.now()) / 3_600_000;
    assert.ok(hours > 23 && hours <= 24, String(hours));
  });

  it('refuses an unknown person or proposal, and revokes a person’s web sessions', async () => {
    const unknown = await cli.run(['web', 'link', 'khong.co@test.invalid', code]);
    assert.equal(unknown.code, 4);
    assert.match(unknown.stderr, /Không tìm thấy cán bộ/);
    const revoked = await cli.run(['web', 'sessions', 'revoke', 'gd.skhcn@test.invalid']);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /Đã đăng xuất 2 phiên/);
    const open = await cli.withDb(({ dataSource: ds }) => ds.query(`SELECT count(*)::int AS n FROM web_session WHERE revoked_at IS NULL`));
    assert.equal(open[0].n, 0);
  });
});
