// Every rule of the plan with Vietnamese inputs: money, dates, milestones, lengths, fields, the Art. 5
// self-check, and the completeness check before submission.
import assert from 'node:assert/strict';
import {
  checkPlanComplete,
  matchField,
  parseCondition,
  parseMilestones,
  parseMoney,
  validateDate,
  validateText,
} from '../services/proposals/plan-validation.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';
import type { ProposalPlan } from '../entities/proposal.entity.js';

const TODAY = '2026-11-30';
const fields = defaultWorkflowConfig.fields;

function value<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.value;
}
function error(r: { ok: boolean; error?: string }): string {
  assert.equal(r.ok, false, 'expected a validation error');
  return r.error!;
}

describe('plan validation', () => {
  describe('money in Vietnamese forms', () => {
    const cases: [string, bigint][] = [
      ['150 triệu', 150_000_000n],
      ['150 Triệu đồng', 150_000_000n],
      ['150 trieu', 150_000_000n],
      ['1,2 tỷ', 1_200_000_000n],
      ['1.5 tỷ', 1_500_000_000n],
      ['1,25 tỷ', 1_250_000_000n],
      ['150.000.000 đ', 150_000_000n],
      ['150.000.000đ', 150_000_000n],
      ['150.000.000 VNĐ', 150_000_000n],
      ['150 000 000 đồng', 150_000_000n],
      ['150000000', 150_000_000n],
      ['150tr', 150_000_000n],
      ['2 tỷ 500 triệu', 2_500_000_000n],
      ['500 nghìn', 500_000n],
      ['500k', 500_000n],
      ['0', 0n],
      ['không', 0n],
      ['Không cần kinh phí', 0n],
    ];
    for (const [input, expected] of cases) {
      it(`"${input}" → ${expected} đồng`, () => assert.equal(value(parseMoney(input)), expected));
    }
    it('refuses what it cannot read, saying how to write it', () => {
      assert.match(error(parseMoney('nhiều tiền')), /Không hiểu số tiền “nhiều tiền”\. Ví dụ cách ghi: 150 triệu, 1,2 tỷ/);
      assert.match(error(parseMoney('150 triệu 5')), /Không hiểu số tiền/);
      assert.match(error(parseMoney('1,2')), /Không hiểu số tiền/);
      assert.match(error(parseMoney('150 đô')), /Không hiểu số tiền/);
      assert.match(error(parseMoney('')), /không được để trống/);
    });
    it('wants units in order and amounts a province could mean', () => {
      assert.match(error(parseMoney('500 triệu 2 tỷ')), /theo thứ tự tỷ, triệu, nghìn/);
      assert.match(error(parseMoney('5000 tỷ')), /quá lớn/);
    });
  });

  describe('dates', () => {
    it('reads dd/mm/yyyy and YYYY-MM-DD (Teams date input)', () => {
      assert.equal(value(validateDate('01/03/2027', 'Ngày bắt đầu', { today: TODAY })), '2027-03-01');
      assert.equal(value(validateDate('1/3/2027', 'Ngày bắt đầu', { today: TODAY })), '2027-03-01');
      assert.equal(value(validateDate('2027-03-01', 'Ngày bắt đầu', { today: TODAY })), '2027-03-01');
      assert.equal(value(validateDate('30/11/2026', 'Ngày bắt đầu', { today: TODAY })), '2026-11-30', 'today is allowed');
    });
    it('refuses impossible dates, missing years and the past', () => {
      assert.match(error(validateDate('31/02/2027', 'Ngày bắt đầu', { today: TODAY })), /“31\/02\/2027” không phải một ngày hợp lệ/);
      assert.match(error(validateDate('15/01', 'Ngày bắt đầu', { today: TODAY })), /thiếu năm/);
      assert.match(error(validateDate('ngày mai', 'Ngày bắt đầu', { today: TODAY })), /không phải một ngày hợp lệ/);
      assert.match(error(validateDate('29/11/2026', 'Ngày bắt đầu', { today: TODAY })), /29\/11\/2026 đã qua/);
    });
    it('wants the end after the start', () => {
      const opts = { today: TODAY, notBefore: '2027-03-01', notBeforeLabel: 'ngày bắt đầu' };
      assert.match(error(validateDate('01/03/2027', 'Ngày kết thúc', opts)), /phải sau ngày bắt đầu \(01\/03\/2027\)/);
      assert.match(error(validateDate('01/02/2027', 'Ngày kết thúc', opts)), /phải sau ngày bắt đầu/);
      assert.equal(value(validateDate('02/03/2027', 'Ngày kết thúc', opts)), '2027-03-02');
    });
    it('reads milestones one per line or separated by semicolons, inside the period', () => {
      assert.deepEqual(value(parseMilestones('30/04/2027: ban hành quy trình\n30/09/2027 - kết thúc thí điểm')), [
        { date: '2027-04-30', description: 'ban hành quy trình' },
        { date: '2027-09-30', description: 'kết thúc thí điểm' },
      ]);
      assert.equal(value(parseMilestones('30/04/2027: a b c; 30/09/2027: d e f')).length, 2);
      assert.match(error(parseMilestones('tháng 4 xong quy trình')), /Mốc thứ 1 \(“tháng 4 xong quy trình”\) chưa đúng dạng/);
      assert.match(error(parseMilestones('30/04/2026: sớm quá', { start: '2027-03-01' })), /ở trước ngày bắt đầu 01\/03\/2027/);
      assert.match(error(parseMilestones('30/04/2028: muộn quá', { end: '2027-12-31' })), /ở sau ngày kết thúc 31\/12\/2027/);
    });
  });

  describe('texts, fields and the self-check', () => {
    it('counts characters (not bytes) and states the bounds', () => {
      assert.equal(value(validateText('  Số hóa hồ sơ  ', { min: 10, max: 300 }, 'Tên đề xuất')), 'Số hóa hồ sơ');
      assert.match(
        error(validateText('Ngắn', { min: 10, max: 300 }, 'Tên đề xuất')),
        /Tên đề xuất quá ngắn \(4 ký tự\); cần ít nhất 10 ký tự/,
      );
      assert.match(error(validateText('ố'.repeat(301), { min: 10, max: 300 }, 'Tên đề xuất')), /quá dài \(301 ký tự\); tối đa 300/);
      assert.match(error(validateText('   ', { min: 10, max: 300 }, 'Tên đề xuất')), /không được để trống/);
    });
    it('matches a field by number, by name with or without diacritics, or by a unique part', () => {
      assert.equal(value(matchField('2', fields)), 'chuyen_doi_so');
      assert.equal(value(matchField('Chuyển đổi số', fields)), 'chuyen_doi_so');
      assert.equal(value(matchField('chuyen doi so', fields)), 'chuyen_doi_so');
      assert.equal(value(matchField('y tế', fields)), 'y_te');
      assert.equal(value(matchField('cải cách', fields)), 'cai_cach_hanh_chinh');
      assert.match(error(matchField('thể thao', fields)), /Không có lĩnh vực “thể thao”/);
      assert.match(error(matchField('99', fields)), /Không có lĩnh vực/);
    });
    it('reads "Có"/"Không" with a one-line reason', () => {
      assert.deepEqual(value(parseCondition('Có, vì chưa có quy định')), { met: true, reason: 'vì chưa có quy định' });
      assert.deepEqual(value(parseCondition('khong - chưa cấp bách')), { met: false, reason: 'chưa cấp bách' });
      assert.deepEqual(value(parseCondition('Không: còn chờ văn bản của Bộ')), { met: false, reason: 'còn chờ văn bản của Bộ' });
      assert.match(error(parseCondition('Có')), /Lý do không được để trống/);
      assert.match(error(parseCondition('ừ thì chắc là được')), /bắt đầu bằng “Có” hoặc “Không”/);
    });
  });

  describe('the whole plan before submission', () => {
    const complete: ProposalPlan = {
      title: 'Số hóa hồ sơ cấp phép xây dựng',
      field: 'chuyen_doi_so',
      necessity: 'Hồ sơ giấy phép xây dựng đang nộp bằng giấy, người dân đi lại nhiều lần.',
      purpose: 'Rút ngắn thời gian cấp phép.',
      requirements: 'Không phát sinh thủ tục mới.',
      bottleneck: 'Chưa có quy định tiếp nhận bản vẽ điện tử có chữ ký số.',
      content: 'Xây dựng quy trình điện tử, tập huấn cán bộ, thí điểm 6 tháng tại 2 xã.',
      scope: 'Hai xã',
      implementers: 'Tôi chủ trì',
      startDate: '2027-03-01',
      endDate: '2027-12-31',
      fundingAmount: '0',
      feasibility: 'Hai xã đã có đường truyền và chữ ký số.',
      expectedResults: '90% hồ sơ được tiếp nhận điện tử trong năm đầu.',
      conditions: {
        c1: { met: true, reason: 'chưa có quy định' },
        c2: { met: true, reason: 'vì lợi ích chung' },
        c3: { met: true, reason: 'cấp bách thật' },
        c4: { met: true, reason: 'ứng dụng CNTT' },
      },
    };
    it('accepts a complete plan (optional parts left out)', () => assert.deepEqual(checkPlanComplete(complete, fields, TODAY), []));
    it('lists every missing required part, in the order of the plan', () => {
      const problems = checkPlanComplete({ title: 'Số hóa hồ sơ cấp phép xây dựng' }, fields, TODAY).map((p) => p.key);
      assert.deepEqual(problems, [
        'field',
        'necessity',
        'purpose',
        'requirements',
        'bottleneck',
        'content',
        'scope',
        'implementers',
        'feasibility',
        'expectedResults',
        'startDate',
        'endDate',
        'fundingAmount',
        'c1',
        'c2',
        'c3',
        'c4',
      ]);
    });
    it('catches dates that have passed since the draft was written', () => {
      const problems = checkPlanComplete(complete, fields, '2027-06-01');
      assert.deepEqual(
        problems.map((p) => p.key),
        ['startDate'],
      );
      assert.match(problems[0].message, /01\/03\/2027 đã qua/);
    });
    it('catches a field removed from the configuration', () => {
      assert.deepEqual(
        checkPlanComplete({ ...complete, field: 'the_thao' }, fields, TODAY).map((p) => p.key),
        ['field'],
      );
    });
  });
});
