// `npm run cli -- privacy export <email> [--out file]`, `privacy erase <email> [--force]` and
// `privacy purge [--days N] [--dry-run]`: the data subject's rights under Decree 13/2023/NĐ-CP and the
// retention of conversation data.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { operations as text } from '../../services/platform/messages/operations.js';
import { withCliDatabase } from './cli-database.js';
import { exportPersonalData } from '../../services/privacy/personal-data.js';
import { erasePersonalData } from '../../services/privacy/erase.js';
import { loadRetentionConfig, purgeExpiredConversations } from '../../services/privacy/retention.js';

export function registerPrivacyCommands(program: Command): void {
  const privacy = program.command('privacy').description('Dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP): xuất, xóa, thời hạn lưu');

  privacy
    .command('export <email>')
    .description('Xuất toàn bộ dữ liệu cá nhân về một cán bộ dưới dạng JSON')
    .option('--out <file>', 'ghi ra tệp thay vì in ra màn hình')
    .action(async (email: string, opts: { out?: string }) => {
      await withCliDatabase(async (db) => {
        const data = await db.dataSource.transaction('REPEATABLE READ', (manager) => exportPersonalData(manager, email));
        if (!data) {
          console.error(text.privacy.notFound(email));
          process.exitCode = 4;
          return;
        }
        // The export itself is recorded (who received what is part of the data's history).
        await db.dataSource.query(
          `INSERT INTO audit_event (actor_id, channel, action, data) VALUES (NULL, 'cli', 'privacy_exported', $1::jsonb)`,
          [JSON.stringify({ officerId: data.officer.id })],
        );
        const json = `${JSON.stringify(data, null, 2)}\n`;
        if (opts.out) {
          await writeFile(opts.out, json, { mode: 0o600 });
          console.error(text.privacy.exported(opts.out));
        } else {
          process.stdout.write(json);
        }
      });
    });

  privacy
    .command('erase <email>')
    .description('Xóa dữ liệu cá nhân của một cán bộ (ẩn danh hóa; nhật ký kiểm tra được giữ)')
    .option('--force', 'xóa cả khi người này còn việc đang xử lý')
    .option('--requested-by <text>', 'ai yêu cầu, số văn bản yêu cầu (ghi vào nhật ký kiểm tra)')
    .action(async (email: string, opts: { force?: boolean; requestedBy?: string }) => {
      await withCliDatabase(async (db) => {
        const result = await erasePersonalData(db.dataSource, email, { force: opts.force, requestedBy: opts.requestedBy });
        switch (result.status) {
          case 'not_found':
            console.error(text.privacy.notFound(email));
            process.exitCode = 4;
            return;
          case 'already_erased':
            console.log(text.privacy.alreadyErased);
            return;
          case 'open_work':
            console.error(text.privacy.openWork(result.openWork));
            process.exitCode = 5;
            return;
          case 'erased':
            console.log(text.privacy.erased(result.officerId, result.removed, result.auditEventId));
        }
      });
    });

  privacy
    .command('purge')
    .description('Xóa trạng thái hội thoại không dùng quá RETENTION_DAYS_CLOSED_CONVERSATIONS ngày')
    .option('--days <n>', 'số ngày (mặc định lấy từ RETENTION_DAYS_CLOSED_CONVERSATIONS, 180)')
    .option('--dry-run', 'chỉ đếm, không xóa')
    .action(async (opts: { days?: string; dryRun?: boolean }) => {
      const days =
        opts.days !== undefined ? loadRetentionConfig({ RETENTION_DAYS_CLOSED_CONVERSATIONS: opts.days }).days : loadRetentionConfig().days;
      await withCliDatabase(async (db) => {
        const result = await purgeExpiredConversations(db.dataSource, days, { dryRun: Boolean(opts.dryRun) });
        console.log(text.privacy.purged(result, Boolean(opts.dryRun)));
      });
    });
}
