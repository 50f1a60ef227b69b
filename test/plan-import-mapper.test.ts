// The plan mapper on its own: headings in the styles officers use, and the holdout drafts of
// test/fixtures/plan-import (written after the mapper, never tuned on) measured field by field.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapPlanText, type ImportKey } from '../services/plan-import/plan-text-mapper.js';
import { foldKey } from '../services/text/vietnamese.js';

const HOLDOUT = join(__dirname, 'fixtures/plan-import');
/** The share of expected holdout fields read into the right field, measured once when the set was written. */
const HOLDOUT_FLOOR = 0.9; // measured 39/40 (98%) on 2026-12-03

describe('plan import: reading a plan by its headings', () => {
  it('reads lettered, numbered and unnumbered headings, with or without diacritics', () => {
    const { fields } = mapPlanText(
      [
        'a) Sự cần thiết',
        'Người dân phải đi lại nhiều lần.',
        '2. MUC DICH',
        'Rút ngắn thời gian.',
        'Yêu cầu',
        'Không phát sinh thủ tục.',
        'Kinh phí: không đề nghị kinh phí',
      ].join('\n'),
    );
    assert.equal(fields.necessity, 'Người dân phải đi lại nhiều lần.');
    assert.equal(fields.purpose, 'Rút ngắn thời gian.');
    assert.equal(fields.requirements, 'Không phát sinh thủ tục.');
    assert.equal(fields.fundingAmount, 'không');
  });

  it('does not take a sentence that starts with a heading word for a heading', () => {
    const { fields } = mapPlanText(
      ['Kết quả dự kiến', 'Thời gian giải quyết giảm một nửa.', 'Nội dung công việc được công khai trên cổng.'].join('\n'),
    );
    assert.equal(fields.expectedResults, 'Thời gian giải quyết giảm một nửa.\nNội dung công việc được công khai trên cổng.');
    assert.equal(fields.startDate, undefined);
  });

  it('reads milestones from table rows and dated lines, the period from a sentence, the amount and source', () => {
    const { fields } = mapPlanText(
      [
        'Tiến độ',
        'Thực hiện từ ngày 1 tháng 3 năm 2027 đến ngày 31 tháng 12 năm 2027.',
        'STT | Thời gian | Nội dung',
        '1 | 30/06/2027 | Ban hành quy trình',
        '- Trước 30/09/2027: kết thúc thí điểm',
        'Kinh phí',
        'Tổng 2 tỷ 500 triệu đồng, từ nguồn ngân sách tỉnh.',
      ].join('\n'),
    );
    assert.equal(fields.startDate, '1/3/2027');
    assert.equal(fields.endDate, '31/12/2027');
    assert.equal(fields.milestones, '30/06/2027: Ban hành quy trình\n30/09/2027: kết thúc thí điểm');
    assert.equal(fields.fundingAmount, '2 tỷ 500 triệu');
    assert.equal(fields.fundingSource, 'Ngân sách tỉnh');
  });

  it('holdout: reads the expected fields of drafts written in other styles', () => {
    const expected = JSON.parse(readFileSync(join(HOLDOUT, 'expected.json'), 'utf8')) as Record<string, Record<string, string>>;
    let hits = 0;
    let total = 0;
    const misses: string[] = [];
    for (const [file, fields] of Object.entries(expected)) {
      const mapped = mapPlanText(readFileSync(join(HOLDOUT, file), 'utf8')).fields;
      for (const [key, phrase] of Object.entries(fields)) {
        total++;
        const value = mapped[key as ImportKey];
        if (value && foldKey(value).includes(foldKey(phrase))) hits++;
        else misses.push(`${file}:${key}=${JSON.stringify(value ?? null)}`);
      }
    }
    const share = hits / total;
    console.log(`      holdout: ${hits}/${total} fields (${(share * 100).toFixed(0)}%); missed: ${misses.join('; ') || 'none'}`);
    assert.ok(share >= HOLDOUT_FLOOR, `holdout ${share}`);
  });
});
