// The labelled utterances are the contract of the understanding step: a rule change that breaks a line
// fails here, not in a conversation weeks later. Holdout lines are only measured, never tuned on.
import assert from 'node:assert/strict';
import path from 'node:path';
import { evaluate, loadUtterances, realCommandTable } from '../knowledge/eval/understanding-eval.js';

describe('understanding: the labelled utterances', () => {
  const utterances = loadUtterances(path.join(__dirname, 'fixtures'));
  const table = realCommandTable();

  it('holds at least 200 utterances, with a holdout part', () => {
    assert.ok(utterances.length >= 200, `${utterances.length} utterances`);
    assert.ok(utterances.filter((u) => u.part === 'holdout').length >= 80);
  });

  it('meets every target on the tuning part', () => {
    const r = evaluate(
      utterances.filter((u) => u.part === 'tune'),
      table,
    );
    const rate = (cls: string) => r.perClass.get(cls)!.correct / r.perClass.get(cls)!.total;
    assert.deepEqual(
      r.failures.filter((f) => !f.includes('expected question, got step_question')),
      [],
    );
    assert.equal(rate('command'), 1);
    assert.equal(rate('answer'), 1);
    assert.ok(rate('question') >= 0.97);
    assert.ok(rate('smalltalk') >= 0.95);
  });

  it('on the holdout, runs every command, keeps every wizard answer, and stores or runs nothing from a question', () => {
    const r = evaluate(
      utterances.filter((u) => u.part === 'holdout'),
      table,
    );
    const rate = (cls: string) => r.perClass.get(cls)!.correct / r.perClass.get(cls)!.total;
    assert.equal(r.storedFromQuestion, 0);
    assert.equal(rate('command'), 1);
    assert.equal(rate('answer'), 1);
    assert.ok(rate('question') >= 0.97);
  });

  it('on the Zalo-style blind2 set, meets every target and stores or runs nothing from a question', () => {
    const r = evaluate(
      utterances.filter((u) => u.part === 'blind2'),
      table,
    );
    const rate = (cls: string) => r.perClass.get(cls)!.correct / r.perClass.get(cls)!.total;
    assert.ok(utterances.filter((u) => u.part === 'blind2').length >= 60);
    assert.equal(r.storedFromQuestion, 0);
    assert.equal(rate('command'), 1);
    assert.equal(rate('answer'), 1);
    assert.ok(rate('question') >= 0.97);
    assert.ok(rate('smalltalk') >= 0.95);
  });

  it('while an imported plan waits (blind3), keeps every import answer and stores nothing from a question', () => {
    const part = utterances.filter((u) => u.part === 'blind3');
    const r = evaluate(part, table);
    const rate = (cls: string) => r.perClass.get(cls)!.correct / r.perClass.get(cls)!.total;
    assert.ok(part.length >= 20 && part.every((u) => u.situation === 'import'));
    assert.equal(r.storedFromQuestion, 0);
    assert.equal(rate('answer'), 1);
    assert.equal(rate('question'), 1);
  });
});
