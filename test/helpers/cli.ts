// The command line (`npm run cli -- …`) two ways, with one result shape. `runCliInProcess` builds the same
// commander program as bot/cli.ts inside the test process (no tsx start-up per call: seconds each); each
// command group keeps one test through `spawnCli`, the real child process, so the entry point stays covered.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerCliCommands } from '../../bot/cli/index.js';
import { openDatabase, type Database, type DatabaseOptions } from '../../entities/data-source.js';
import { createTestDatabaseOptions, migratedPgliteDir } from './test-database.js';

const ROOT = path.resolve(__dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bot/cli.ts', ...args],
      { cwd: ROOT, env, timeout: timeoutMs },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

/**
 * Runs one command in this process with `env` as the whole environment (as the child would see it),
 * capturing what it writes and the exit code it sets; everything is restored afterwards. Calls must not overlap.
 */
export async function runCliInProcess(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  let stdout = '';
  let stderr = '';
  const capture =
    (append: (s: string) => void) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
  replaceEnv(env);
  process.exitCode = undefined;
  process.stdout.write = capture((s) => (stdout += s)) as typeof process.stdout.write;
  process.stderr.write = capture((s) => (stderr += s)) as typeof process.stderr.write;
  let code = 0;
  try {
    const program = new Command();
    program.name('npm run cli --').exitOverride();
    registerCliCommands(program);
    await program.parseAsync(['node', 'cli', ...args]);
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    // As bot/cli.ts: the message on stderr and exit code 1 (commander's own errors carry their code).
    if (e instanceof CommanderError) code = e.exitCode;
    else {
      stderr += `${e instanceof Error ? e.message : String(e)}\n`;
      code = 1;
    }
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = savedExitCode;
    replaceEnv(savedEnv);
  }
  return { code, stdout, stderr };
}

function replaceEnv(env: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** A database a CLI command opens as an administrator's would: PGlite files under a folder, or PostgreSQL. */
export interface CliDatabase {
  /** A temporary folder for the test's files, removed by dispose(). */
  tmp: string;
  /** The environment the command sees: DATABASE_URL or DATA_DIR, quiet logs, and the test's own variables. */
  env: NodeJS.ProcessEnv;
  options: DatabaseOptions;
  /** Opens the database for the test's own reads and writes (closed again: PGlite allows one user). */
  withDb<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  /** Runs a command in this process. */
  run(args: string[]): Promise<CliResult>;
  /** Runs a command as `npm run cli` does, in a child process. */
  spawn(args: string[]): Promise<CliResult>;
  dispose(): Promise<void>;
}

export async function cliDatabase(prefix: string, variables: Record<string, string> = {}): Promise<CliDatabase> {
  const tmp = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const created = await createTestDatabaseOptions();
  const base = { ...process.env, LOG_LEVEL: 'silent', ...variables };
  let options: DatabaseOptions;
  let env: NodeJS.ProcessEnv;
  if (created.options.kind === 'postgres') {
    options = created.options;
    env = { ...base, DATABASE_URL: created.options.url };
  } else {
    const dataDir = path.join(tmp, 'data');
    options = await migratedPgliteDir(dataDir);
    env = { ...base, DATABASE_URL: '', DATA_DIR: dataDir };
  }
  delete env.TEST_DATABASE_URL;
  return {
    tmp,
    env,
    options,
    async withDb(fn) {
      const db = await openDatabase(options);
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    },
    run: (args) => runCliInProcess(args, env),
    spawn: (args) => spawnCli(args, env),
    async dispose() {
      await created.drop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
