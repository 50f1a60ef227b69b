// `npm run cli -- privacy export|erase|purge` end to end, on the database the bot would use (a PGlite
// directory, or a fresh PostgreSQL database when TEST_DATABASE_URL is set).
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';
import { cliDatabase, type CliDatabase } from './helpers/cli.js';

const staff = TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!;

describe('privacy: CLI commands', function () {
  this.timeout(300_000);
  let cli: CliDatabase;
  let tmp: string;

  before(async () => {
    cli = await cliDatabase('tld-privacy-cli');
    tmp = cli.tmp;
    await cli.withDb(async (db) => {
      await seedTestDirectory(db.dataSource);
      await db.dataSource.query(
        `INSERT INTO bot_state (key, data, etag, updated_at) VALUES ('msteams/28:bot/conversations/old', '{}', 1, now() - interval '400 days')`,
      );
    });
  });
  after(() => cli.dispose());

  it('export writes the JSON to a private file and records the export; erase anonymises; purge applies the retention', async () => {
    const out = path.join(tmp, 'export.json');
    const exported = await cli.spawn(['privacy', 'export', staff.email, '--out', out]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stderr, /Đã xuất dữ liệu cá nhân ra tệp/);
    const data = JSON.parse(await readFile(out, 'utf8')) as { officer: { email: string; full_name: string }; format: string };
    assert.equal(data.format, 'tro-ly-doi-moi/personal-data-export');
    assert.equal(data.officer.email, staff.email);
    assert.equal(data.officer.full_name, staff.name);
    assert.equal((await stat(out)).mode & 0o077, 0, 'readable by the owner only');

    const erased = await cli.run(['privacy', 'erase', staff.email, '--requested-by', 'Đơn số 7/2026']);
    assert.equal(erased.code, 0, erased.stderr);
    assert.match(erased.stdout, /Đã xóa dữ liệu cá nhân: họ tên thành “Người dùng đã xóa”/);

    const unknown = await cli.run(['privacy', 'export', staff.email]);
    assert.equal(unknown.code, 4);
    assert.match(unknown.stderr, /Không có cán bộ nào với email/);

    const purged = await cli.run(['privacy', 'purge', '--days', '365']);
    assert.equal(purged.code, 0, purged.stderr);
    assert.match(purged.stdout, /đã xóa 1 bản ghi/);

    await cli.withDb(async (db) => {
      const actions = (await db.dataSource.query(`SELECT action, comment FROM audit_event ORDER BY id`)) as {
        action: string;
        comment: string | null;
      }[];
      assert.deepEqual(
        actions.map((a) => a.action),
        ['privacy_exported', 'privacy_erased'],
      );
      assert.equal(actions[1].comment, 'Đơn số 7/2026');
      const [officer]: { full_name: string }[] = await db.dataSource.query(`SELECT full_name FROM officer WHERE email LIKE 'erased-%'`);
      assert.equal(officer.full_name, 'Người dùng đã xóa');
      assert.equal((await db.dataSource.query(`SELECT 1 FROM bot_state`)).length, 0);
    });
  });
});
