// The library on Zalo (text only): "tìm sáng kiến" typed without accents answers in text within one
// message, with the typed command to apply an entry, and that command starts the pre-filled draft.
import assert from 'node:assert/strict';
import { registerFeatures } from '../bot/features.js';
import { Officer } from '../entities/officer.entity.js';
import { ZaloLinkService } from '../services/zalo/zalo-link-service.js';
import { FakeZalo, startZaloHarness, zaloEnv, type ZaloHarness } from './helpers/fake-zalo.js';
import { createLibraryPlan } from './helpers/library-fixtures.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { MANAGER, plain, STAFF } from './helpers/wizard-script.js';

describe('library of innovations on Zalo', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;
  let code: string;

  before(async () => {
    await fake.start();
    z = await startZaloHarness({ fake, env: zaloEnv(fake), seed: (db) => seedTestDirectory(db.dataSource), features: [registerFeatures] });
    const manager = await z.db.dataSource.getRepository(Officer).findOneByOrFail({ email: MANAGER });
    ({ code } = await createLibraryPlan(
      z.db.dataSource,
      manager.id,
      { title: 'Ký số văn bản đi tại UBND xã', content: 'Trang bị chữ ký số cho lãnh đạo và văn thư, phát hành văn bản điện tử.' },
      { outcome: 'completed' },
    ));
  });
  after(async () => {
    await z?.close();
    await fake.stop();
  });

  it('answers a search in text and applies an entry by the typed command', async () => {
    const user = z.oaUser('9100000000000000077');
    const officer = await z.db.dataSource.getRepository(Officer).findOneByOrFail({ email: STAFF });
    const linkCode = await new ZaloLinkService(z.db.dataSource).issue(officer.id, 10);
    await user.say(`LIÊN KẾT ${linkCode}`);

    const replies = await user.say('tim sang kien chu ky so');
    const text = plain(replies.map((r) => r.text).join('\n'));
    assert.match(text, new RegExp(`${code} · Ký số văn bản đi tại UBND xã`));
    assert.match(text, /Kết quả: Hoàn thành/);
    assert.match(text, new RegExp(`"áp dụng sáng kiến ${code}"`));
    for (const r of replies) assert.ok(r.text.length <= 2000);

    const applied = plain((await user.say(`ap dung sang kien ${code}`)).map((r) => r.text).join('\n'));
    assert.match(applied, new RegExp(`Đã tạo bản nháp từ sáng kiến ${code}`));
    assert.match(applied, /Bước 3\/25[\s\S]*Sự cần thiết/);
  });
});
