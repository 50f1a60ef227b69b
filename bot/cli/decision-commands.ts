// `npm run cli -- decisions acting-head <unit code> <email> <from> <to>`: an acting head for a period;
// `decisions acting-heads`: the list; `decisions queue`: plans not routed and messages not delivered;
// `decisions remind [--date YYYY-MM-DD]`: the reminder sweep once (the bot delivers what it queues).
import type { Command } from 'commander';
import { ActingHead } from '../../entities/acting-head.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { formatDateVN, parseLocalDate, todayVN } from '../../services/calendar/local-date.js';
import { DecisionService } from '../../services/decisions/decision-service.js';
import { ReminderService } from '../../services/jobs/reminder-service.js';
import { OutboxOnlyNotifier, undeliveredNotifications } from '../../services/notifications/notifier.js';
import { decisions as t } from '../../services/platform/messages/decisions.js';
import { withCliDatabase } from './cli-database.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string) => {
  process.stderr.write(`${line}\n`);
  process.exitCode = 1;
};

export function registerDecisionCommands(program: Command): void {
  const cmd = program.command('decisions').description('Xem xét, quyết định kế hoạch đề xuất: người phụ trách, hàng đợi, nhắc việc');

  cmd
    .command('acting-head <unitCode> <email> <from> <to>')
    .description('Giao một cán bộ phụ trách (quyền người đứng đầu) đơn vị trong một khoảng thời gian')
    .option('--note <note>', 'ghi chú, ví dụ số quyết định giao phụ trách')
    .action(async (unitCode: string, email: string, fromText: string, toText: string, opts: { note?: string }) => {
      const from = parseLocalDate(fromText);
      const to = parseLocalDate(toText);
      if (!from) return fail(t.cli.badDate(fromText));
      if (!to) return fail(t.cli.badDate(toText));
      if (to < from) return fail(t.cli.badRange);
      await withCliDatabase(async (db) => {
        const unit = await db.dataSource.getRepository(Unit).findOneBy({ code: unitCode.trim() });
        if (!unit) return fail(t.cli.unitNotFound(unitCode));
        const officer = await db.dataSource.getRepository(Officer).findOneBy({ email: email.trim().toLowerCase(), active: true });
        if (!officer) return fail(t.cli.officerNotFound(email));
        await db.dataSource
          .getRepository(ActingHead)
          .insert({ unitId: unit.id, officerId: officer.id, fromDate: from, toDate: to, note: opts.note ?? null });
        out(t.cli.actingSaved(officer.fullName, unit.name, formatDateVN(from), formatDateVN(to)));
      });
    });

  cmd
    .command('acting-heads')
    .description('Danh sách cán bộ được giao phụ trách đơn vị, còn hiệu lực từ hôm nay')
    .action(async () => {
      await withCliDatabase(async (db) => {
        const rows = (await db.dataSource.query(
          `SELECT u.name AS unit, o.full_name AS name, to_char(a.from_date, 'YYYY-MM-DD') AS f, to_char(a.to_date, 'YYYY-MM-DD') AS t
           FROM acting_head a JOIN unit u ON u.id = a.unit_id JOIN officer o ON o.id = a.officer_id
           WHERE a.to_date >= $1 ORDER BY u.name, a.from_date`,
          [todayVN()],
        )) as { unit: string; name: string; f: string; t: string }[];
        if (!rows.length) return out(t.cli.actingNone);
        for (const r of rows) out(t.cli.actingLine(r.unit, r.name, formatDateVN(r.f), formatDateVN(r.t)));
      });
    });

  cmd
    .command('queue')
    .description('Kế hoạch chưa chuyển được và thông báo chưa gửi được (cho Sở Nội vụ)')
    .action(async () => {
      await withCliDatabase(async (db, { workflow }) => {
        const queue = await new DecisionService(db.dataSource, new OutboxOnlyNotifier(), { config: workflow }).routingQueue();
        if (!queue.length) out(t.cli.queueNone);
        for (const q of queue) out(t.cli.queueLine(q.code ?? t.noCode, q.title ?? t.untitled));
        for (const f of await undeliveredNotifications(db.dataSource)) out(t.cli.outboxLine(f.id, f.kind, f.attempts, f.lastError ?? ''));
      });
    });

  cmd
    .command('remind')
    .description('Chạy một lượt nhắc việc và báo quá hạn (mỗi lời nhắc chỉ lập một lần)')
    .option('--date <date>', 'ngày chạy (mặc định hôm nay)')
    .action(async (opts: { date?: string }) => {
      const date = opts.date ? parseLocalDate(opts.date) : todayVN();
      if (!date) return fail(t.cli.badDate(opts.date ?? ''));
      await withCliDatabase(async (db, { workflow }) => {
        const r = await new ReminderService(db.dataSource, new OutboxOnlyNotifier(), { config: workflow }).run(date);
        out(t.cli.remindDone(r.reminders, r.escalations));
      });
    });
}
