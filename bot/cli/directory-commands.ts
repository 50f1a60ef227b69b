// `npm run cli -- directory import <file.csv|file.xlsx> [--dry-run]` and `directory export <file.csv>`.
// The file is read and every row validated before the database is opened: a bad file never touches it.
import { writeFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { directory as text } from '../../services/platform/messages/directory.js';
import { withCliDatabase } from './cli-database.js';
import { DirectoryFileError, readDirectoryFile } from '../../services/directory/directory-file.js';
import { exportDirectoryCsv } from '../../services/directory/directory-export.js';
import { importDirectory } from '../../services/directory/directory-import.js';
import type { ImportCounts, ImportProgress } from '../../services/directory/directory-import-types.js';
import { validateDirectory } from '../../services/directory/directory-validation.js';
import { stdio, type CliOutput } from './cli-output.js';

/** Files with at least this many rows get a progress bar (on a terminal). */
const PROGRESS_BAR_MIN_ROWS = 500;

/** A progress bar per phase, shown only on a terminal and for large files. */
function progressBar(rows: number): { onProgress?: (p: ImportProgress) => void; stop: () => void } {
  if (!process.stdout.isTTY || rows < PROGRESS_BAR_MIN_ROWS) return { stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  let phase: ImportProgress['phase'] | undefined;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    onProgress(p) {
      if (p.phase !== phase) {
        stop();
        phase = p.phase;
        bar = new cliProgress.SingleBar(
          {
            format: `${p.phase === 'validate' ? text.progressValidate : text.progressWrite} [{bar}] {percentage}% | {value}/{total}`,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, 0);
      }
      bar?.update(p.done);
    },
    stop,
  };
}

function printCounts(io: CliOutput, units: ImportCounts, officers: ImportCounts): void {
  io.out(text.summaryUnits(units));
  io.out(text.summaryOfficers(officers));
  const changes = [units, officers].reduce((n, c) => n + c.created + c.updated + c.deactivated, 0);
  if (changes === 0) io.out(text.nothingChanged);
}

/** Runs `directory import`; returns the process exit code. */
export async function runDirectoryImport(file: string, options: { dryRun?: boolean }, io: CliOutput = stdio): Promise<number> {
  let table;
  try {
    table = await readDirectoryFile(file);
  } catch (err) {
    if (err instanceof DirectoryFileError) {
      io.err(text.fileRejected);
      io.err(err.message);
      return 1;
    }
    throw err;
  }

  const bar = progressBar(table.rows.length);
  try {
    const validation = validateDirectory(table, bar.onProgress);
    bar.stop();
    if (!validation.ok) {
      const badRows = new Set(validation.errors.map((e) => e.row)).size;
      io.err(text.importRejected(badRows, validation.rowCount));
      for (const e of validation.errors) io.err(text.rowError(e.row, e.message));
      return 1;
    }

    const result = await withCliDatabase((db) =>
      importDirectory(db.dataSource, table, {
        dryRun: options.dryRun,
        onProgress: bar.onProgress && ((p) => p.phase === 'write' && bar.onProgress!(p)),
      }),
    );
    bar.stop();
    if (result.status === 'invalid') {
      // Validated above; only reachable if the rules changed between the two calls.
      for (const e of result.errors) io.err(text.rowError(e.row, e.message));
      return 1;
    }
    if (result.status === 'skipped') return 0;
    io.out(result.status === 'dry-run' ? text.dryRunTitle : text.importDone);
    printCounts(io, result.units, result.officers);
    if (result.warnings.length > 0) {
      io.out(text.warningsTitle);
      for (const w of result.warnings) io.out(`  - ${w}`);
    }
    return 0;
  } finally {
    bar.stop();
  }
}

/** Runs `directory export`; returns the process exit code. */
export async function runDirectoryExport(file: string, io: CliOutput = stdio): Promise<number> {
  const exported = await withCliDatabase((db) => exportDirectoryCsv(db.dataSource));
  try {
    await writeFile(file, exported.csv, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? text.exportNoFolder : code === 'EACCES' || code === 'EPERM' ? text.exportNoPermission : (err as Error).message;
    io.err(text.exportFailed(file, reason));
    return 1;
  }
  io.out(text.exportDone(file, exported.units, exported.officers));
  return 0;
}

export function registerDirectoryCommands(program: Command): void {
  const directory = program.command('directory').description('Danh bạ cán bộ của tỉnh: nhập từ tệp CSV/XLSX, xuất ra CSV');

  directory
    .command('import')
    .summary('Nhập danh bạ từ tệp CSV hoặc XLSX (có --dry-run để chạy thử)')
    .description(
      'Nhập danh bạ từ tệp CSV (UTF-8) hoặc trang tính đầu tiên của tệp .xlsx. Cột: unit_code, unit_name, unit_kind, ' +
        'parent_unit_code, officer_email, officer_name, position, role, is_manager, phone, teams_aad_object_id ' +
        '(tùy chọn thêm is_home_affairs, is_provincial_committee). Tệp có dòng lỗi thì không ghi gì; ' +
        'cán bộ, đơn vị không còn trong tệp được chuyển sang ngừng hoạt động.',
    )
    .argument('<file>', 'tệp .csv hoặc .xlsx')
    .option('--dry-run', 'chỉ kiểm tra và cho biết những gì sẽ thay đổi, không ghi vào cơ sở dữ liệu')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      process.exitCode = await runDirectoryImport(file, opts);
    });

  directory
    .command('export')
    .summary('Xuất danh bạ ra tệp CSV')
    .description('Xuất danh bạ đang hoạt động ra tệp CSV cùng định dạng với lệnh import')
    .argument('<file>', 'tệp .csv sẽ ghi')
    .action(async (file: string) => {
      process.exitCode = await runDirectoryExport(file);
    });
}
