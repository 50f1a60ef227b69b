// Generative answers against a loopback fake of the OpenAI chat-completions API: grounded answers are
// used, fabricated citations and failures fall back to the quoted answer.
import assert from 'node:assert/strict';
import { KnowledgeConfigError, loadKnowledgeConfig } from '../services/knowledge/knowledge-config.js';
import { citationsAreGrounded } from '../services/knowledge/llm-answerer.js';
import { PolicyAnswerer } from '../services/knowledge/policy-answerer.js';
import { FakeChatCompletions } from './helpers/fake-chat-completions.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';

describe('knowledge: generative answers (LLM)', function () {
  this.timeout(60000);
  let db: TestDatabase;
  const llm = new FakeChatCompletions();

  before(async () => {
    db = await openTestDatabase();
    await llm.start();
  });
  after(async () => {
    await llm.stop();
    await db?.dispose();
  });

  function answerer(): PolicyAnswerer {
    const config = loadKnowledgeConfig({
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: 'test-key',
      LLM_MODEL: 'fake-model',
      LLM_TIMEOUT_MS: '5000',
      KB_REFRESH_SECONDS: '0',
    });
    return new PolicyAnswerer(db.dataSource, { config });
  }

  const QUESTION = 'Thời hạn xem xét kế hoạch đề xuất là bao lâu?';

  it('uses a grounded generated answer and sends only the retrieved provisions', async () => {
    llm.reply = {
      status: 200,
      content:
        'Người đứng đầu phải họp tập thể lãnh đạo trong 07 ngày làm việc kể từ khi nhận kế hoạch [khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP].',
    };
    llm.captured.length = 0;
    const a = await answerer().answer(QUESTION);
    assert.equal(a.kind, 'generated');
    assert.ok(a.confident);
    assert.match(a.answer, /^Người đứng đầu phải họp tập thể lãnh đạo/);
    assert.equal(a.citations[0].citation, 'khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP');
    assert.equal(llm.captured.length, 1);
    assert.equal(llm.captured[0].url, '/v1/chat/completions');
    assert.equal(llm.captured[0].authorization, 'Bearer test-key');
    assert.equal(llm.captured[0].body.model, 'fake-model');
    const user = llm.captured[0].body.messages.find((m) => m.role === 'user')!.content;
    assert.match(user, /\[khoản 1 Điều 8 Nghị định 73\/2023\/NĐ-CP\]/);
    assert.match(user, /Câu hỏi: Thời hạn xem xét kế hoạch đề xuất là bao lâu\?/);
  });

  it('sends the answer’s basis, not the related provisions the question memory shows beside it', async () => {
    llm.reply = { status: 200, content: 'Cán bộ không bị xem xét trách nhiệm [khoản 2 Điều 11 Nghị định 73/2023/NĐ-CP].' };
    llm.captured.length = 0;
    // Answered from Art. 11.2; earlier askers of such questions were also answered with Art. 11.4 (related).
    const a = await answerer().answer('bảo vệ cán bộ khi đề xuất không thành');
    assert.equal(a.kind, 'generated');
    const related = a.citations.filter((c) => c.related);
    assert.ok(related.length > 0, JSON.stringify(a.citations));
    const user = llm.captured[0].body.messages.find((m) => m.role === 'user')!.content;
    assert.match(user, /\[khoản 2 Điều 11 Nghị định 73\/2023\/NĐ-CP\]/);
    for (const c of related) assert.ok(!user.includes(`[${c.citation}]`), c.citation);
  });

  it('rejects an answer citing a provision that was not retrieved and quotes instead', async () => {
    llm.reply = { status: 200, content: 'Theo Điều 15 Nghị định 73/2023/NĐ-CP, thời hạn là 30 ngày.' };
    const a = await answerer().answer(QUESTION);
    assert.equal(a.kind, 'curated');
    assert.match(a.answer, /07 ngày làm việc/);
    assert.doesNotMatch(a.answer, /30 ngày/);
  });

  it('rejects an answer naming another document, one without any citation, and "not enough basis"', async () => {
    for (const content of [
      'Trong 07 ngày làm việc [khoản 1 Điều 8 Nghị định 99/2020/NĐ-CP].',
      'Trong 07 ngày làm việc kể từ khi nhận kế hoạch.',
      'KHÔNG ĐỦ CĂN CỨ',
    ]) {
      llm.reply = { status: 200, content };
      const a = await answerer().answer(QUESTION);
      assert.equal(a.kind, 'curated', content);
    }
  });

  it('falls back to the quoted answer when the endpoint fails', async () => {
    llm.reply = { status: 500, content: '' };
    const a = await answerer().answer(QUESTION);
    assert.equal(a.kind, 'curated');
    assert.ok(a.confident);
  });

  it('does not call the model for refusals', async () => {
    llm.captured.length = 0;
    const a = await answerer().answer('Giá vàng hôm nay bao nhiêu?');
    assert.equal(a.kind, 'not_found');
    assert.equal(llm.captured.length, 0);
  });

  it('checks citations: inside, containing and foreign provisions', () => {
    const provisions = [
      { citation: 'khoản 2 Điều 7 Nghị định 73/2023/NĐ-CP', document: 'Nghị định 73/2023/NĐ-CP', paths: ['dieu:7/khoan:2'], text: '' },
    ];
    assert.equal(citationsAreGrounded('Xem điểm b khoản 2 Điều 7 Nghị định 73/2023/NĐ-CP.', provisions), true);
    assert.equal(citationsAreGrounded('Xem Điều 7.', provisions), true);
    assert.equal(citationsAreGrounded('Xem khoản 3 Điều 7.', provisions), false);
    assert.equal(citationsAreGrounded('Xem điểm b khoản 2 Điều 7 Nghị định 99/2020/NĐ-CP.', provisions), false);
  });

  it('validates its configuration, naming the variable', () => {
    assert.equal(loadKnowledgeConfig({}).llm, undefined);
    assert.throws(
      () => loadKnowledgeConfig({ LLM_BASE_URL: 'http://127.0.0.1:1/v1' }),
      (e: Error) => e instanceof KnowledgeConfigError && /LLM_MODEL/.test(e.message),
    );
    assert.throws(() => loadKnowledgeConfig({ LLM_BASE_URL: 'không-phải-url', LLM_MODEL: 'x' }), /LLM_BASE_URL/);
    assert.throws(() => loadKnowledgeConfig({ LLM_TIMEOUT_MS: 'abc' }), /LLM_TIMEOUT_MS/);
    const err = (() => {
      try {
        loadKnowledgeConfig({ LLM_BASE_URL: 'nope', LLM_API_KEY: 'sk-secret-value', LLM_MODEL: 'm' });
      } catch (e) {
        return e as Error;
      }
    })();
    assert.ok(err && !err.message.includes('sk-secret-value'));
  });
});
