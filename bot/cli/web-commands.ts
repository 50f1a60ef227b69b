// `npm run cli -- web link <email> <code> [--vote] [--hours N]`: issues a signed one-time decision link
// for a person chat cannot reach (prints the message to send, with the link), and
// `npm run cli -- web sessions revoke <email>`: signs a person out of the web everywhere.
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { web as text } from '../../services/platform/messages/web.js';
import { loadWebConfig } from '../web/web-config.js';
import { withCliDatabase } from './cli-database.js';
import { createDecisionLinkMinter, DecisionLinkService } from '../../services/web-links/decision-link-service.js';

export function registerWebCommands(program: Command): void {
  const web = program.command('web').description('Trang web: liên kết quyết định dùng một lần, phiên đăng nhập');

  web
    .command('link <email> <code>')
    .description('Cấp liên kết dùng một lần để người xem xét (hoặc người biểu quyết: --vote) cho ý kiến về một đề xuất')
    .option('--vote', 'liên kết biểu quyết (chỉ tán thành / không tán thành)')
    .option('--hours <n>', 'thời hạn (giờ)')
    .action(async (email: string, code: string, opts: { vote?: boolean; hours?: string }) => {
      const config = loadConfig(process.env, { serving: false });
      const webConfig = loadWebConfig(config);
      const hours = opts.hours === undefined ? webConfig.linkTtlHours : Number(opts.hours);
      if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 30) {
        console.error(text.cli.badHours);
        process.exitCode = 2;
        return;
      }
      await withCliDatabase(async (db) => {
        const [officer] = (await db.dataSource.query(`SELECT id, active FROM officer WHERE email = $1`, [email.trim().toLowerCase()])) as {
          id: string;
          active: boolean;
        }[];
        if (!officer || !officer.active) {
          console.error(text.cli.officerNotFound(email));
          process.exitCode = 4;
          return;
        }
        const [proposal] = (await db.dataSource.query(`SELECT id, code FROM proposal WHERE code = $1`, [code.trim()])) as {
          id: string;
          code: string;
        }[];
        if (!proposal) {
          console.error(text.cli.proposalNotFound(code));
          process.exitCode = 4;
          return;
        }
        const [decision] = (await db.dataSource.query(`SELECT id FROM decision WHERE proposal_id = $1 ORDER BY created_at DESC LIMIT 1`, [
          proposal.id,
        ])) as { id: string }[];
        const base = webConfig.publicBaseUrl ?? `http://localhost:${config.PORT}`;
        const scope = opts.vote ? 'vote' : 'decide';
        const url = await createDecisionLinkMinter(
          new DecisionLinkService(db.dataSource, { ttlHours: hours }),
          base,
        )({
          officerId: officer.id,
          proposalId: proposal.id,
          decisionId: decision?.id ?? null,
          scope,
        });
        console.log(text.linkNotice(proposal.code, url, hours, scope));
      });
    });

  web
    .command('sessions')
    .description('Phiên đăng nhập trang web')
    .command('revoke <email>')
    .description('Đăng xuất một cán bộ khỏi trang web trên mọi trình duyệt')
    .action(async (email: string) => {
      await withCliDatabase(async (db) => {
        const rows = (await db.dataSource.query(
          `UPDATE web_session SET revoked_at = now()
           WHERE revoked_at IS NULL AND officer_id = (SELECT id FROM officer WHERE email = $1) RETURNING id`,
          [email.trim().toLowerCase()],
        )) as unknown;
        const list = (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : rows) as unknown[];
        console.log(text.cli.sessionsRevoked(list.length));
      });
    });
}
