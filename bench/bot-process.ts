// Our bot in a process of its own, for the bench and the resilience tests: opens the database named by
// BOT_DATABASE ("pglite" in memory, "pglite:<dir>" on disk, or a postgres:// URL), loads a directory when
// the database has none (the test directory plus BOT_OFFICERS managers, each with a deterministic AAD
// object id so the bench can speak as them without roster look-ups), starts the real server with every
// feature, and reports its URL over IPC. It stops on the 'stop' message (graceful drain) or on SIGTERM.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadConfiguration } from '../bot/configuration.js';
import { buildContainer } from '../bot/container.js';
import { logger } from '../services/platform/logger.js';
import { startBotServer } from '../bot/server.js';
import { openDatabase, type DatabaseOptions } from '../entities/data-source.js';
import { seedTestDirectory } from '../test/helpers/test-directory.js';
import type { DataSource } from 'typeorm';

/** The AAD object id of bench officer n (0-based): a fixed UUID-shaped hash, the same in every process. */
export function benchAadObjectId(n: number): string {
  const h = createHash('sha256').update(`bench-officer-${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function benchEmail(n: number): string {
  return `bench.${n}@test.invalid`;
}

export function databaseOptions(spec: string): DatabaseOptions {
  if (spec === 'pglite') return { kind: 'pglite', dataDir: 'memory://' };
  if (spec.startsWith('pglite:')) return { kind: 'pglite', dataDir: spec.slice('pglite:'.length) };
  if (/^postgres(ql)?:\/\//.test(spec)) return { kind: 'postgres', url: spec, poolSize: Number(process.env.BOT_POOL_SIZE ?? 10) };
  throw new Error(`BOT_DATABASE must be pglite, pglite:<dir> or a postgres:// URL`);
}

/** On a database without a directory: the test directory plus `officers` bench managers (bench officer n). */
export async function seedBenchDirectory(dataSource: DataSource, officers: number): Promise<void> {
  const [{ count }] = (await dataSource.query('SELECT count(*)::int AS count FROM unit')) as { count: number }[];
  if (count > 0) return;
  await seedTestDirectory(dataSource);
  for (let n = 0; n < officers; n++) {
    await dataSource.query(
      `INSERT INTO officer (email, full_name, unit_id, position_title, role, is_manager, teams_aad_object_id)
       VALUES ($1, $2, (SELECT id FROM unit WHERE code = 'SKHCN-QLKH'), 'Phó Trưởng phòng', 'deputy', true, $3)`,
      [benchEmail(n), `Cán bộ thử tải ${n + 1}`, benchAadObjectId(n)],
    );
  }
}

async function main(): Promise<void> {
  const officers = Number(process.env.BOT_OFFICERS ?? 100);
  const db = await openDatabase(databaseOptions(process.env.BOT_DATABASE ?? 'pglite'));
  await seedBenchDirectory(db.dataSource, officers);
  const configuration = loadConfiguration({
    PORT: '0',
    HOST: '127.0.0.1',
    TYPING_INDICATOR: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DEMO_MODE: 'false',
    // The load generator speaks as the Emulator does: unsigned requests from loopback.
    BOT_AUTH: 'off',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...(db.kind === 'postgres' ? { DATABASE_URL: process.env.BOT_DATABASE } : {}),
  });
  const config = configuration.app;
  logger.level = config.LOG_LEVEL;
  const server = await startBotServer(buildContainer({ configuration, db }));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  // CPU profile of a chosen window (the measured load), not of start-up: V8's profiler via the inspector.
  let profiler: Session | undefined;
  process.on('message', (message: { type?: string; id?: number; payload?: { file?: string } }) => {
    if (message?.type === 'stop') void stop();
    if (message?.type === 'profile-start') {
      void (async () => {
        profiler = new Session();
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.setSamplingInterval', { interval: 500 });
        await profiler.post('Profiler.start');
        process.send?.({ type: 'profile-start', id: message.id });
      })();
    }
    if (message?.type === 'profile-stop') {
      void (async () => {
        const { profile } = await profiler!.post('Profiler.stop');
        profiler!.disconnect();
        profiler = undefined;
        writeFileSync(message.payload!.file!, JSON.stringify(profile));
        process.send?.({ type: 'profile-stop', id: message.id });
      })();
    }
    if (message?.type === 'memory') process.send?.({ type: 'memory', id: message.id, memory: process.memoryUsage() });
  });
  process.on('SIGTERM', () => void stop());
  process.send?.({ type: 'ready', url: server.url, pid: process.pid, database: db.kind, wizard: true });
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exit(1);
  });
}
