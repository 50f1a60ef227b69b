import { databaseWithLetter, testAnswerer } from './helpers/knowledge-fixture.js';
describe('dbg', function () {
  this.timeout(60000);
  it('asks', async () => {
    const db = await databaseWithLetter();
    const answerer = testAnswerer(db);
    for (const q of (process.env.QS ?? '').split('||')) {
      const a = await answerer.answer(q);
      console.log(q, '\n  ->', a.kind, a.confident, a.citations.map((c) => `${c.citation}${c.related ? ' (rel)' : ''} ${c.score}`).join(' ; '));
    }
    await db.close();
  });
});
