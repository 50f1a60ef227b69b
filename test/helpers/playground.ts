// Microsoft 365 Agents Playground (the pinned dev dependency @microsoft/m365agentsplayground), started as a
// child process against a bot, and its web page driven through Chromium as a Teams user clicks.
// The Playground opens a browser with `xdg-open` after start (it exits on a machine without a desktop when
// that fails): TEAMSAPPTESTER_BROWSER=none tells it not to, and a no-op `xdg-open` first on PATH covers
// versions that ignore the variable. Its log file and its configuration (who the current user is) live in
// a temporary directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './bot-process.js';

export interface PlaygroundUser {
  id: string;
  name: string;
  email: string;
  aadObjectId: string;
}

/** The Playground's own default users (its built-in configuration): Alex Wilber is its current user. */
export const ALEX: PlaygroundUser = {
  id: 'user-id-0',
  name: 'Alex Wilber',
  email: 'alexw@example.com',
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
};
export const MEGAN: PlaygroundUser = {
  id: 'user-id-1',
  name: 'Megan Bowen',
  email: 'meganb@example.com',
  aadObjectId: '00000000-0000-0000-0000-0000000000021',
};

/** The rest of its default tenant (its configuration needs at least five other users). */
const OTHERS: PlaygroundUser[] = [
  ['user-id-2', 'Adele Vance', 'adelev@example.com', '22'],
  ['user-id-3', 'Isaiah Langer', 'isaiahl@example.com', '23'],
  ['user-id-4', 'Patti Fernandez', 'pattif@example.com', '24'],
  ['user-id-5', 'Lynne Robbins', 'lynner@example.com', '25'],
].map(([id, name, email, n]) => ({ id: id!, name: name!, email: email!, aadObjectId: `00000000-0000-0000-0000-00000000000${n}` }));

export interface Playground {
  url: string;
  /** The mocked Bot Connector the bot answers to (the activities' serviceUrl). */
  serviceUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/** Where the package's CLI is; a clear error when it is not installed (it is a pinned devDependency). */
export function playgroundCli(): string {
  try {
    return createRequire(__filename).resolve('@microsoft/m365agentsplayground/cli.js');
  } catch {
    throw new Error(
      '@microsoft/m365agentsplayground is not installed: it is a pinned devDependency in package.json, run `npm ci` (CI does)',
    );
  }
}

function userYaml(u: PlaygroundUser, indent: string): string {
  const [given, ...rest] = u.name.split(' ');
  return [
    `id: ${u.id}`,
    `name: ${u.name}`,
    `userPrincipleName: ${u.email}`,
    `aadObjectId: ${u.aadObjectId}`,
    `givenName: ${given}`,
    `surname: ${rest.join(' ')}`,
    `email: ${u.email}`,
  ].join(`\n${indent}`);
}

/** The Playground's configuration file with `current` as the person at the keyboard, the others in the tenant. */
function configYaml(current: PlaygroundUser): string {
  const others = [ALEX, MEGAN, ...OTHERS].filter((u) => u.id !== current.id);
  return [
    'version: "0.1.1"',
    'tenantId: 00000000-0000-0000-0000-0000000000001',
    'bot:',
    '  id: 00000000-0000-0000-0000-00000000000011',
    '  name: Test Bot',
    'currentUser:',
    `  ${userYaml(current, '  ')}`,
    'users:',
    ...others.map((o) => `  - ${userYaml(o, '    ')}`),
    'personalChat:',
    '  id: __PERSONAL_CHAT_ID__',
    'groupChat:',
    '  id: __GROUP_CHAT_ID__',
    '  name: Group Chat',
    'team:',
    '  id: team-id',
    '  name: My Team',
    '  aadGroupId: 00000000-0000-0000-0000-000000000031',
    '  channels:',
    '    - id: channel-announcements-id',
    '      name: Announcements',
    '',
  ].join('\n');
}

export async function startPlayground(options: {
  botUrl: string;
  currentUser: PlaygroundUser;
  readyTimeoutMs?: number;
}): Promise<Playground> {
  const cli = playgroundCli();
  const dir = mkdtempSync(path.join(tmpdir(), 'tld-playground-'));
  const xdgOpen = path.join(dir, 'xdg-open');
  writeFileSync(xdgOpen, '#!/bin/sh\nexit 0\n');
  chmodSync(xdgOpen, 0o755);
  const config = path.join(dir, '.m365agentsplayground.yml');
  writeFileSync(config, configYaml(options.currentUser));
  const port = await freePort();
  const log = path.join(dir, 'playground.log');
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, '-e', `${options.botUrl}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', String(port)],
    {
      cwd: dir,
      env: {
        ...process.env,
        PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}`,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: config,
        M365_AGENTS_PLAYGROUND_LOGFILE: log,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  // Its reasons for failing to start are in its log file, not on stdout.
  const logTail = () => {
    try {
      return readFileSync(log, 'utf8').slice(-3000);
    } catch {
      return '';
    }
  };
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  const stop = async () => {
    if (!hasExited()) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (;;) {
    if (hasExited() || Date.now() > deadline) {
      const why = hasExited() ? `exited (${child.exitCode ?? child.signalCode}) before it was ready` : `did not answer on ${url} in time`;
      const details = `${output.slice(-2000)}\n${logTail()}`;
      await stop();
      throw new Error(`the Playground ${why}:\n${details}`);
    }
    try {
      const res = await fetch(`${url}/_internal/v1/testConfig`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, serviceUrl: `http://localhost:${port}/_connector`, output: () => output, stop };
}
