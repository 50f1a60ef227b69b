// `npm run eval:understanding`: reads the labelled utterances (test/fixtures/utterances.*.tsv), runs the
// understanding step with the bot's real typed-command table, and prints accuracy per class and the
// confusions, for the tuning part and the HOLDOUT part separately. Exit code 1 when a target is missed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DialogSet } from 'botbuilder-dialogs';
import { CommandRegistry } from '../../bot/core/command-registry.js';
import { IntentRegistry } from '../../bot/core/intent-registry.js';
import type { BotApplication } from '../../bot/app.js';
import type { Container } from '../../bot/container.js';
import { registerFeatures } from '../../bot/features.js';
import { stepWordsOf } from '../../dialogs/wizard-sections.js';
import { labelOf, understand, type Situation } from '../../services/intents/understanding.js';

export interface Utterance {
  part: 'tune' | 'holdout' | 'blind2' | 'blind3';
  file: string;
  situation: string;
  expected: string;
  text: string;
  line: number;
}

export function loadUtterances(dir: string): Utterance[] {
  const out: Utterance[] = [];
  // blind1 was the first holdout, measured once before any tuning (104/110), then tuned on.
  for (const [file, part] of [
    ['tune', 'tune'],
    ['blind1', 'tune'],
    ['holdout', 'holdout'],
    // blind2: written Zalo-style before a round of changes, measured once blind, then seen while fixing.
    ['blind2', 'blind2'],
    // blind3: the "import" situation, written before reading its rules; measured only.
    ['blind3', 'blind3'],
  ] as const) {
    const lines = readFileSync(path.join(dir, `utterances.${file}.tsv`), 'utf8').split('\n');
    lines.forEach((raw, i) => {
      if (!raw.trim() || raw.startsWith('#')) return;
      const [situation, expected, ...text] = raw.split('\t');
      if (!situation || !expected || !text.length) throw new Error(`utterances.${file}.tsv:${i + 1}: needs situation, expected, text`);
      out.push({ part, file, situation, expected, text: text.join('\t'), line: i + 1 });
    });
  }
  return out;
}

export function situationOf(name: string): Situation {
  if (name.startsWith('wizard:')) {
    const stepId = name.slice('wizard:'.length);
    return { kind: 'wizard', stepId, stepWords: stepWordsOf(stepId) };
  }
  if (name === 'idle' || name === 'card' || name === 'review' || name === 'confirm' || name === 'import') return { kind: name };
  throw new Error(`unknown situation ${name}`);
}

/**
 * The bot's typed commands, registered by the real features on a registry with inert services: the
 * features only build closures at registration, so nothing is opened or called.
 */
export function realCommandTable(): CommandRegistry {
  const inert: unknown = new Proxy(function () {}, {
    get: (_t, key) => (key === 'then' ? undefined : inert),
    apply: () => inert,
    construct: () => inert as object,
  });
  const bot = {
    app: inert,
    commands: new CommandRegistry(),
    intents: new IntentRegistry(),
    dialogs: new DialogSet(),
  } as unknown as BotApplication;
  registerFeatures(bot, inert as Container);
  return bot.commands;
}

/** Which family a label belongs to, for the targets: commands, wizard answers, questions, small talk. */
export function familyOf(label: string): string {
  // "ambiguous" asks back before storing anything: for a question it is not a miss.
  if (label === 'question' || label === 'step_question' || label === 'ambiguous') return 'question';
  return label.split(':')[0]!;
}

interface PartReport {
  total: number;
  correct: number;
  perClass: Map<string, { total: number; correct: number }>;
  confusions: Map<string, number>;
  failures: string[];
  storedFromQuestion: number;
}

export function evaluate(utterances: Utterance[], table: CommandRegistry): PartReport {
  const report: PartReport = { total: 0, correct: 0, perClass: new Map(), confusions: new Map(), failures: [], storedFromQuestion: 0 };
  for (const u of utterances) {
    const got = labelOf(understand(u.text, situationOf(u.situation), (t) => table.parseText(t)));
    const family = familyOf(u.expected);
    const ok = got === u.expected;
    const cls = report.perClass.get(family) ?? { total: 0, correct: 0 };
    cls.total++;
    // A question counts as recognised when it is answered as a question (policy or step) and nothing is stored.
    const familyOk = family === 'question' ? familyOf(got) === 'question' : ok;
    if (familyOk) cls.correct++;
    report.perClass.set(family, cls);
    report.total++;
    if (ok) report.correct++;
    else {
      const key = `${u.expected} → ${got}`;
      report.confusions.set(key, (report.confusions.get(key) ?? 0) + 1);
      report.failures.push(`  ${u.file}:${u.line} [${u.situation}] «${u.text}»: expected ${u.expected}, got ${got}`);
    }
    if (family === 'question' && (got === 'answer' || got === 'intent:new_proposal' || got.startsWith('command:')))
      report.storedFromQuestion++;
  }
  return report;
}

const TARGETS: Record<string, number> = { command: 1, answer: 1, control: 1, question: 0.97, smalltalk: 0.95 };

function print(name: string, r: PartReport): boolean {
  let met = true;
  console.log(`\n${name}: ${r.correct}/${r.total} exact (${pct(r.correct, r.total)})`);
  for (const [cls, c] of [...r.perClass].sort()) {
    const target = TARGETS[cls];
    const miss = target !== undefined && c.correct / c.total < target;
    if (miss) met = false;
    console.log(
      `  ${cls.padEnd(14)} ${String(c.correct).padStart(3)}/${String(c.total).padEnd(3)} ${pct(c.correct, c.total).padStart(7)}${target !== undefined ? `  target ${pct(target, 1)}${miss ? '  MISSED' : ''}` : ''}`,
    );
  }
  console.log(`  questions that would be stored, start a proposal or run a command: ${r.storedFromQuestion}`);
  if (r.storedFromQuestion) met = false;
  if (r.confusions.size) {
    console.log('  confusions (expected → got):');
    for (const [k, n] of [...r.confusions].sort((a, b) => b[1] - a[1])) console.log(`    ${n} × ${k}`);
    console.log(r.failures.join('\n'));
  }
  return met;
}

function pct(a: number, b: number): string {
  return `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
}

async function main(): Promise<void> {
  const utterances = loadUtterances(path.resolve(__dirname, '../../test/fixtures'));
  const table = realCommandTable();
  const t0 = performance.now();
  const tune = evaluate(
    utterances.filter((u) => u.part === 'tune'),
    table,
  );
  // While rules are being tuned, `-- --tune-only` keeps the holdout unseen.
  const tuneOnly = process.argv.includes('--tune-only');
  const holdout = evaluate(tuneOnly ? [] : utterances.filter((u) => u.part === 'holdout'), table);
  const blind2 = evaluate(tuneOnly ? [] : utterances.filter((u) => u.part === 'blind2'), table);
  const blind3 = evaluate(tuneOnly ? [] : utterances.filter((u) => u.part === 'blind3'), table);
  const perMessage = (performance.now() - t0) / utterances.length;
  console.log(`Understanding eval: ${utterances.length} utterances, ${perMessage.toFixed(3)} ms per message`);
  const okTune = print('TUNING part', tune);
  const okHoldout = tuneOnly || print('HOLDOUT part (never tuned on)', holdout);
  const okBlind2 = tuneOnly || print('BLIND2 part (Zalo-style; measured blind once, then seen when fixing)', blind2);
  const okBlind3 = tuneOnly || print('BLIND3 part (a plan read from a document waits for confirmation; never tuned on)', blind3);
  const ok = okTune && okHoldout && okBlind2 && okBlind3;
  console.log(
    `\nTargets ${ok ? 'met' : 'NOT met'} (commands, controls, wizard answers 100 %; questions ≥ 97 %; small talk ≥ 95 %; nothing stored from a question).`,
  );
  if (!ok) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
