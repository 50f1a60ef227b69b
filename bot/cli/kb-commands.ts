// `npm run cli -- kb import|list|show|remove`: the knowledge base of official texts, and `ask` (ask-command.ts).
import path from 'node:path';
import type { Command } from 'commander';
import { LEGAL_DOCUMENT_KINDS, type LegalDocumentKind } from '../../entities/legal-document.entity.js';
import { documentLabel } from '../../services/knowledge/citation-format.js';
import {
  findCurrentDocument,
  importDocument,
  KnowledgeInputError,
  listDocuments,
  listProvisions,
  parseForImport,
  removeDocument,
} from '../../services/knowledge/knowledge-store.js';
import { ExtractionError, extractText } from '../../services/knowledge/text-extractor.js';
import { knowledge as msg } from '../../services/platform/messages/knowledge.js';
import { registerAskCommand } from './ask-command.js';
import { withCliDatabase } from './cli-database.js';

const out = (line = '') => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Known input errors get their Vietnamese message and exit code 1; anything else propagates. */
async function guarded(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof KnowledgeInputError || e instanceof ExtractionError) {
      err(e.message);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
}

interface ImportFlags {
  code?: string;
  title?: string;
  issued?: string;
  kind?: string;
  issuer?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  dryRun?: boolean;
}

export function registerKnowledgeCommands(program: Command): void {
  const kb = program.command('kb').description('Cơ sở tri thức: nhập, xem, xóa văn bản chính thức (Nghị định, Quy định, Công văn)');

  kb.command('import')
    .argument('<file>', 'tệp .docx, .pdf, .txt hoặc .md')
    .option('--code <code>', 'số, ký hiệu văn bản, ví dụ “73/2023/NĐ-CP” (mặc định: đọc từ dòng “Số:”)')
    .option('--title <title>', 'trích yếu văn bản')
    .option('--issued <date>', 'ngày ban hành YYYY-MM-DD')
    .option('--kind <kind>', `loại văn bản: ${LEGAL_DOCUMENT_KINDS.join(', ')}`)
    .option('--issuer <issuer>', 'cơ quan ban hành')
    .option('--effective-from <date>', 'ngày có hiệu lực YYYY-MM-DD (mặc định: ngày ban hành)')
    .option('--effective-to <date>', 'ngày hết hiệu lực YYYY-MM-DD')
    .option('--dry-run', 'chỉ đọc và báo cáo, không lưu')
    .description('Nhập một văn bản; nhập lại cùng ký hiệu sẽ tạo phiên bản mới và đánh dấu phiên bản cũ là đã bị thay thế')
    .action((file: string, flags: ImportFlags) =>
      guarded(async () => {
        if (flags.kind && !LEGAL_DOCUMENT_KINDS.includes(flags.kind as LegalDocumentKind)) {
          throw new KnowledgeInputError(msg.cli.invalidKind(LEGAL_DOCUMENT_KINDS.join(', ')));
        }
        // Read and parse before opening the database: a bad file never touches it.
        const text = await extractText(file);
        const options = {
          code: flags.code,
          title: flags.title,
          kind: flags.kind as LegalDocumentKind | undefined,
          issuer: flags.issuer,
          issuedOn: flags.issued,
          effectiveFrom: flags.effectiveFrom,
          effectiveTo: flags.effectiveTo,
          sourceNote: `Nhập từ tệp ${path.basename(file)} lúc ${new Date().toISOString()}`,
        };
        parseForImport(text, options); // structure and code checked before the database is opened
        await withCliDatabase(async (db) => {
          const report = await importDocument(db.dataSource, text, { ...options, dryRun: flags.dryRun });
          out(msg.cli.importFound(report.document.label, report.shape));
          if (!flags.code && report.document.code.startsWith('…')) out(msg.cli.codeGuessed(report.document.code));
          out(`Trích yếu: ${report.document.title}`);
          if (report.document.issuedOn) out(`Ngày ban hành: ${report.document.issuedOn}`);
          out(msg.cli.counts(report.counts));
          out(msg.cli.firstCitations);
          for (const c of report.firstCitations) out(`  • ${c}`);
          if (!report.stored) out(msg.cli.dryRun);
          else out(msg.cli.stored(report.document.version, report.supersededVersion));
          if (report.sameContentAsPrevious) out(msg.cli.sameContent);
        });
      }),
    );

  kb.command('list')
    .option('--all', 'kể cả các phiên bản đã bị thay thế')
    .description('Liệt kê các văn bản đã nhập')
    .action((flags: { all?: boolean }) =>
      guarded(() =>
        withCliDatabase(async (db) => {
          const docs = await listDocuments(db.dataSource, { includeSuperseded: Boolean(flags.all) });
          if (!docs.length) {
            out(msg.cli.listEmpty);
            return;
          }
          out(msg.cli.listHeader);
          for (const d of docs) {
            out(
              `  ${documentLabel(d.kind, d.code)} — phiên bản ${d.version} (${d.superseded ? msg.cli.superseded : msg.cli.current}), ` +
                `${d.provisionCount} quy định${d.issuedOn ? `, ban hành ${d.issuedOn}` : ''}\n    ${d.title}`,
            );
          }
        }),
      ),
    );

  kb.command('show')
    .argument('<code>', 'số, ký hiệu văn bản')
    .option('--full', 'in toàn văn từng quy định')
    .description('Xem cấu trúc (và toàn văn) phiên bản hiện hành của một văn bản')
    .action((code: string, flags: { full?: boolean }) =>
      guarded(() =>
        withCliDatabase(async (db) => {
          const doc = await findCurrentDocument(db.dataSource, code);
          if (!doc) {
            err(msg.cli.notFound(code));
            process.exitCode = 1;
            return;
          }
          out(`${documentLabel(doc.kind, doc.code)} — phiên bản ${doc.version}`);
          out(`Trích yếu: ${doc.title}`);
          if (doc.issuer) out(`Cơ quan ban hành: ${doc.issuer}`);
          if (doc.issuedOn) out(`Ngày ban hành: ${doc.issuedOn}`);
          if (doc.sourceNote) out(`Nguồn: ${doc.sourceNote}`);
          out();
          for (const p of await listProvisions(db.dataSource, doc.id)) {
            const indent = '  '.repeat(p.depth);
            const head = p.citation.replace(` ${documentLabel(doc.kind, doc.code)}`, '');
            const body = flags.full ? p.text : p.text.length > 90 ? `${p.text.slice(0, 90)}…` : p.text;
            out(`${indent}${head}${p.title ? `. ${p.title}` : ''}${body ? `: ${body}` : ''}`);
          }
        }),
      ),
    );

  kb.command('remove')
    .argument('<code>', 'số, ký hiệu văn bản')
    .description('Xóa mọi phiên bản của một văn bản khỏi cơ sở tri thức')
    .action((code: string) =>
      guarded(() =>
        withCliDatabase(async (db) => {
          const n = await removeDocument(db.dataSource, code);
          if (!n) {
            err(msg.cli.notFound(code));
            process.exitCode = 1;
            return;
          }
          out(msg.cli.removed(code, n));
        }),
      ),
    );

  registerAskCommand(program);
}
