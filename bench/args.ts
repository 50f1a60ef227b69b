// The bench's options. `--quick` runs the whole bench in about two or three minutes (one short round, no
// yearly report at 100,000 proposals): to check it works, not to publish figures.
export interface BenchArgs {
  duration: number;
  connections: number;
  rounds: number;
  scenario?: string;
  only?: 'turns' | 'answers' | 'startup';
  targets: string[];
  /** One more loaded run of each bot under V8's sampling profiler (on unless --no-profile): the notes' CPU split. */
  profile: boolean;
  /** Heap snapshots of our bots after the load (bench/results/profiles/). */
  heapSnapshot: boolean;
  quick: boolean;
  /** How long a started bot idles before its idle memory is read. */
  settleMs: number;
  adminUrl: string;
}

export const USAGE = `npm run bench -- [--quick] [--duration <s>] [--rounds <n>] [--connections <n>] [--scenario help|wizard]
  [--only turns|answers|startup] [--targets echo,postgres,pglite] [--no-profile] [--heap-snapshot] [--database-url postgres://…]`;

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchArgs {
  const args: BenchArgs = {
    duration: 8,
    connections: 100,
    rounds: 3,
    targets: ['echo', 'postgres', 'pglite'],
    profile: true,
    heapSnapshot: false,
    quick: false,
    settleMs: 3000,
    adminUrl: env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
  const explicit = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? '';
    explicit.add(a);
    if (a === '--duration') args.duration = Number(value());
    else if (a === '--connections') args.connections = Number(value());
    else if (a === '--rounds') args.rounds = Number(value());
    else if (a === '--scenario') args.scenario = value();
    else if (a === '--only') {
      const only = value();
      if (only !== 'turns' && only !== 'answers' && only !== 'startup')
        throw new Error(`--only turns|answers|startup, not ${only}\n${USAGE}`);
      args.only = only;
    } else if (a === '--targets') args.targets = value().split(',');
    else if (a === '--profile') args.profile = true;
    else if (a === '--no-profile') args.profile = false;
    else if (a === '--heap-snapshot') args.heapSnapshot = true;
    else if (a === '--quick') args.quick = true;
    else if (a === '--database-url') args.adminUrl = value();
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (args.quick) {
    if (!explicit.has('--duration')) args.duration = 2;
    if (!explicit.has('--rounds')) args.rounds = 1;
    args.settleMs = 1000;
  }
  return args;
}
