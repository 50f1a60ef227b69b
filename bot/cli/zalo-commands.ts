// `npm run cli -- link-code <email>`: a one-time code for an officer to link a Zalo account
// (send "LIÊN KẾT <mã>" on Zalo). `npm run cli -- zalo undelivered`: Zalo messages held or failed,
// for the Department of Home Affairs.
import { lookup } from '../../services/platform/messages/lookup.js';
import type { Command } from 'commander';
import { Officer } from '../../entities/officer.entity.js';
import { loadZaloConfig } from '../../services/zalo/zalo-config.js';
import { ZaloLinkService } from '../../services/zalo/zalo-link-service.js';
import { listUndeliveredZaloMessages } from '../../services/zalo/zalo-outbox-undelivered.js';
import { zalo as text } from '../../services/platform/messages/zalo.js';
import { withCliDatabase } from './cli-database.js';

export function registerZaloCommands(program: Command): void {
  program
    .command('link-code')
    .description('Cấp mã liên kết Zalo một lần cho cán bộ (gửi “LIÊN KẾT <mã>” trên Zalo)')
    .argument('<email>', 'email của cán bộ trong danh bạ')
    .action(async (email: string) => {
      const ttl = loadZaloConfig().linkCodeTtlMinutes;
      await withCliDatabase(async (db) => {
        const officer = await db.dataSource.getRepository(Officer).findOneBy({ email: email.trim().toLowerCase(), active: true });
        if (!officer) {
          process.stderr.write(`${text.cliUnknownOfficer(email)}\n`);
          process.exitCode = 1;
          return;
        }
        const code = await new ZaloLinkService(db.dataSource).issue(officer.id, ttl);
        process.stdout.write(`${text.cliLinkCode(officer.email, code, ttl)}\n`);
      });
    });

  const zaloCommand = program.command('zalo').description('Kênh Zalo');
  zaloCommand
    .command('undelivered')
    .description('Tin nhắn Zalo chưa gửi được (giữ lại, đang thử lại hoặc thất bại)')
    .option('--json', 'in dạng JSON')
    .action(async (options: { json?: boolean }) => {
      await withCliDatabase(async (db) => {
        const rows = await listUndeliveredZaloMessages(db.dataSource);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        if (!rows.length) {
          process.stdout.write(`${text.cliNothingUndelivered}\n`);
          return;
        }
        for (const r of rows) {
          const who = r.officerName ? `${r.officerName}${r.unitName ? ` (${r.unitName})` : ''}` : '?';
          const code = r.lastErrorCode === null ? '' : ` [${r.lastErrorCode}]`;
          process.stdout.write(
            `#${r.id} ${r.channel} ${who}: ${lookup(text.undeliveredStatus, r.status) ?? r.status}${code}, ${r.attempts} lần, từ ${r.createdAt.toISOString()}\n`,
          );
        }
      });
    });
}
