// Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went: the functions with the most
// self time, and the same grouped by package (node_modules/<pkg>) or project file.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  topFunctions: { name: string; where: string; selfMs: number; share: number }[];
  topModules: { module: string; selfMs: number; share: number }[];
  /** Each sample charged to the nearest function of the project's own code up its stack (inclusive). */
  topProjectFrames: { name: string; where: string; totalMs: number; share: number }[];
  /** Busy (not idle) time by part: TypeORM, database driver, botbuilder, GC, project code… */
  parts: { part: string; ms: number }[];
}

function moduleOf(url: string): string {
  if (!url) return '(native/idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const root = path.resolve(__dirname, '..');
  const file = url.replace(/^file:\/\//, '');
  return file.startsWith(root) ? path.relative(root, file) : file;
}

/** A turn's CPU, split by who spends it: from a profile of a loaded run and the turns it answered. */
export interface TurnCpu {
  /** Turns answered in the profiled run. */
  turns: number;
  /** CPU per turn: measured apart (the process's CPU time in unprofiled runs) or, without it, the sampled busy time. */
  msPerTurn: number;
  parts: { part: string; msPerTurn: number; share: number }[];
  /** The project function charged the most (inclusive, nearest project frame), as a share of busy time. */
  topProjectFunction?: { name: string; share: number };
}

/** The parts a turn's CPU is split into, by the module that owns the sampled frame. */
const PARTS: [string, RegExp][] = [
  ['TypeORM', /^typeorm$/],
  ['database driver', /^(pg|pg-[\w-]+|postgres-[\w-]+|@electric-sql\/pglite)$/],
  ['Bot Connector client', /^(botframework-connector|@azure\/[\w-]+|@typespec\/[\w-]+|axios|jsonwebtoken|jose)$/],
  ['botbuilder', /^(botbuilder[\w-]*|botframework-[\w-]+|@microsoft\/[\w-]+|adaptivecards[\w-]*)$/],
  ['HTTP server', /^(restify|find-my-way|formidable|send|spdy)$/],
];

function partOf(module: string, isProject: boolean): string {
  if (module === '(garbage collector)') return 'GC';
  if (isProject) return 'project code';
  if (module === '(program)') return 'V8 and native code (program)';
  if (module.startsWith('node:') || module === '(native/idle)') return 'Node internals (HTTP, streams, JSON)';
  return PARTS.find(([, re]) => re.test(module))?.[0] ?? 'other packages';
}

/**
 * The profile's busy time split into parts, scaled to `cpuMsPerTurn` when given: sampled time counts the
 * moments the process was runnable but not running (a loaded machine), CPU time from /proc does not.
 */
export function turnCpu(s: ProfileSummary, turns: number, cpuMsPerTurn?: number): TurnCpu {
  const busyMs = s.parts.reduce((n, p) => n + p.ms, 0);
  const scale = cpuMsPerTurn !== undefined && Number.isFinite(cpuMsPerTurn) ? (cpuMsPerTurn * Math.max(1, turns)) / busyMs : 1;
  const perTurn = (ms: number) => Math.round(((ms * scale) / Math.max(1, turns)) * 1000) / 1000;
  const top = s.topProjectFrames.find((f) => f.where);
  return {
    turns,
    msPerTurn: perTurn(busyMs),
    parts: s.parts.map((p) => ({ part: p.part, msPerTurn: perTurn(p.ms), share: Math.round((p.ms / busyMs) * 1000) / 10 })),
    ...(top
      ? { topProjectFunction: { name: `${top.name} ${top.where}`, share: Math.round(((top.share * s.totalMs) / busyMs) * 10) / 10 } }
      : {}),
  };
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (deltas[i] ?? 0));
  const totalUs = profile.endTime - profile.startTime;
  const isProject = (url: string) =>
    Boolean(url) && !url.includes('node_modules/') && !url.startsWith('node:') && url.includes(path.resolve(__dirname, '..'));
  const fn = new Map<string, { name: string; where: string; us: number }>();
  const mod = new Map<string, number>();
  const parts = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // The bench's own probe (it starts and stops the profiler) and what runs under it are not the bot's work.
  const probe = new Map<number, boolean>();
  const underProbe = (id: number): boolean => {
    const known = probe.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const answer = Boolean(node?.callFrame.url.includes('bench/memory-probe')) || (up !== undefined && underProbe(up));
    probe.set(id, answer);
    return answer;
  };
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node || underProbe(id)) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const where = `${moduleOf(url)}${url ? `:${lineNumber + 1}` : ''}`;
    const key = `${name} ${where}`;
    const entry = fn.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    fn.set(key, entry);
    const m = ['(idle)', '(garbage collector)', '(program)'].includes(name) ? name : moduleOf(url);
    mod.set(m, (mod.get(m) ?? 0) + us);
    if (name !== '(idle)') {
      const part = partOf(m, isProject(url));
      parts.set(part, (parts.get(part) ?? 0) + us);
    }
  }
  const project = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of selfUs) {
    if (underProbe(id)) continue;
    let current: number | undefined = id;
    while (current !== undefined && !isProject(byId.get(current)?.callFrame.url ?? '')) current = parent.get(current);
    const node = current === undefined ? undefined : byId.get(current);
    const leaf = byId.get(id)?.callFrame.functionName;
    if (leaf === '(idle)' || leaf === '(program)' || leaf === '(garbage collector)') continue;
    const name = node ? node.callFrame.functionName || '(anonymous)' : '(outside project code)';
    const where = node ? `${moduleOf(node.callFrame.url)}:${node.callFrame.lineNumber + 1}` : '';
    const key = `${name} ${where}`;
    const entry = project.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    project.set(key, entry);
  }
  const share = (us: number) => Math.round((us / totalUs) * 1000) / 10;
  return {
    totalMs: Math.round(totalUs / 1000),
    parts: [...parts.entries()].sort((a, b) => b[1] - a[1]).map(([part, us]) => ({ part, ms: us / 1000 })),
    topFunctions: [...fn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: Math.round(f.us / 1000), share: share(f.us) })),
    topModules: [...mod.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, selfMs: Math.round(us / 1000), share: share(us) })),
    topProjectFrames: [...project.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, totalMs: Math.round(f.us / 1000), share: share(f.us) })),
  };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile>');
    process.exit(2);
  }
  const s = summariseProfile(file, Number(process.argv[3] ?? 25));
  console.log(`total ${s.totalMs} ms`);
  console.table(s.topModules);
  console.table(s.topFunctions);
  console.table(s.topProjectFrames);
}
