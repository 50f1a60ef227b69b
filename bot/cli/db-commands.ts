// `npm run cli -- db migrate` (run pending migrations under the advisory lock; the Kubernetes Job runs
// this before a rollout) and `db status` (exit code 3 when migrations are pending).
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { operations as text } from '../../services/platform/messages/operations.js';
import { openDatabase, withoutStatementBounds } from '../../entities/data-source.js';
import { pendingMigrations, runMigrationsLocked } from '../../entities/migration-lock.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Cơ sở dữ liệu: chạy migration, xem trạng thái');

  db.command('migrate')
    .description('Chạy các migration còn thiếu (an toàn khi nhiều tiến trình cùng chạy: có khóa advisory)')
    .action(async () => {
      const config = loadConfig(process.env, { serving: false });
      // A migration (or the wait for another process's) may take longer than a turn's statement bound.
      const database = await openDatabase(withoutStatementBounds(config.database), { migrate: false });
      try {
        const applied = await runMigrationsLocked(database.dataSource, database.kind);
        console.log(text.db.applied(applied.map((m) => m.name)));
      } finally {
        await database.close();
      }
    });

  db.command('status')
    .description('Cho biết còn migration nào chưa chạy (mã thoát 3 nếu còn)')
    .action(async () => {
      const config = loadConfig(process.env, { serving: false });
      const database = await openDatabase(config.database, { migrate: false });
      try {
        const pending = await pendingMigrations(database.dataSource);
        const total = database.dataSource.migrations.length;
        console.log(text.db.status(database.kind, total - pending.length, pending.length));
        if (pending.length > 0) {
          console.log(text.db.pending(pending));
          process.exitCode = 3;
        } else {
          console.log(text.db.nothingPending);
        }
      } finally {
        await database.close();
      }
    });
}
