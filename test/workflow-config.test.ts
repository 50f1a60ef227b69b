import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultWorkflowConfig, fieldLabel, isEmployingUnitKind, parseWorkflowConfig } from '../services/workflow/workflow-config.js';
import { WorkflowConfigError } from '../services/workflow/workflow-config-errors.js';
import { DEFAULT_WORKFLOW_CONFIG_PATH, loadWorkflowConfig, resolveWorkflowConfigPath } from '../services/workflow/workflow-config-file.js';

describe('workflow configuration', () => {
  let dir: string;
  const savedEnv = process.env.WORKFLOW_CONFIG_FILE;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'workflow-config-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    delete process.env.WORKFLOW_CONFIG_FILE;
  });
  afterEach(() => {
    if (savedEnv === undefined) delete process.env.WORKFLOW_CONFIG_FILE;
    else process.env.WORKFLOW_CONFIG_FILE = savedEnv;
  });

  function write(name: string, content: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, content, 'utf8');
    return file;
  }

  function problemKeys(fn: () => unknown): { error: WorkflowConfigError; keys: string[] } {
    try {
      fn();
    } catch (err) {
      assert.ok(err instanceof WorkflowConfigError, `expected WorkflowConfigError, got ${String(err)}`);
      return { error: err, keys: err.problems.map((p) => p.key) };
    }
    assert.fail('expected the configuration to be rejected');
  }

  it('defaults follow the facts page', () => {
    const c = defaultWorkflowConfig;
    assert.equal(c.decision.deadlineWorkingDays, 7);
    // Art. 4.3 (verified): on by default, and switching it off needs a stated basis.
    assert.equal(c.decision.partyCommitteeConsultation.required, true);
    assert.equal(c.decision.partyCommitteeConsultation.confidence, 'verified');
    assert.match(c.decision.partyCommitteeConsultation.basis, /khoản 3 Điều 4/);
    assert.equal(c.decision.headOwnPlan.deadlineWorkingDays, 7);
    assert.equal(c.decision.headOwnPlan.verified, false);
    assert.match(c.decision.headOwnPlan.note, /Chưa xác minh/);
    assert.equal(c.evaluation.completionReportWorkingDays, 5);
    assert.equal(c.evaluation.evaluationWorkingDays, 7);
    assert.deepEqual(c.reminders.offsetsWorkingDays, [2, 0]);
    assert.equal(c.escalation.target, 'home_affairs');
    assert.equal(c.coverage.nonManagerRule, 'warn');
    assert.deepEqual(c.directory.employingUnitKinds, ['ubnd_tinh', 'so_nganh', 'ubnd_xa', 'don_vi_su_nghiep']);
    assert.equal(isEmployingUnitKind(c, 'so_nganh'), true);
    assert.equal(isEmployingUnitKind(c, 'phong'), false);
    assert.equal(isEmployingUnitKind(c, 'khac'), false);
    assert.equal(c.fields.length, 10);
    assert.equal(fieldLabel(c, 'chuyen_doi_so'), 'Chuyển đổi số');
    assert.equal(fieldLabel(c, 'khac'), 'Khác');
    assert.deepEqual(
      c.recognitionOptions.map((r) => r.code),
      ['bieu_duong', 'de_nghi_khen_thuong', 'uu_tien_bo_nhiem_quy_hoach', 'uu_tien_nang_ngach', 'nang_luong_truoc_han'],
    );
    assert.ok(c.recognitionOptions.every((r) => r.confidence === 'secondary'));
    assert.equal(c.implementation.checkInIntervalWorkingDays, 20);
    assert.deepEqual(c.annualReport, { dueDate: '30/11', unitReminderDates: ['01/11', '20/11'], homeAffairsReminderDate: '30/11' });
    assert.deepEqual(Object.keys(c.calendar.years), ['2025', '2026', '2027']);
    assert.equal(c.calendar.years['2025'].confirmed, true);
    // Ranges are expanded: Tết Bính Ngọ 14/02–22/02/2026 is 9 entries.
    assert.equal(c.calendar.years['2026'].extraDaysOff.filter((e) => e.date.startsWith('2026-02')).length, 9);
  });

  it('the shipped config/workflow.yaml loads and holds exactly the defaults', () => {
    assert.equal(resolveWorkflowConfigPath().file, DEFAULT_WORKFLOW_CONFIG_PATH);
    assert.equal(resolveWorkflowConfigPath().required, false);
    assert.deepEqual(loadWorkflowConfig(), defaultWorkflowConfig);
    assert.deepEqual(loadWorkflowConfig(DEFAULT_WORKFLOW_CONFIG_PATH), defaultWorkflowConfig);
  });

  it('a partial file keeps the defaults for every key it does not set', () => {
    const file = write('partial.yaml', 'decision:\n  deadlineWorkingDays: 10\ncoverage:\n  nonManagerRule: block\n');
    const c = loadWorkflowConfig(file);
    assert.equal(c.decision.deadlineWorkingDays, 10);
    assert.equal(c.coverage.nonManagerRule, 'block');
    assert.equal(c.decision.partyCommitteeConsultation.required, true);
    assert.equal(c.evaluation.evaluationWorkingDays, 7);
    assert.deepEqual(c.calendar, defaultWorkflowConfig.calendar);
  });

  it('switching the Party-committee step off needs the legal basis in the file', () => {
    const bare = problemKeys(() =>
      loadWorkflowConfig(write('party-off.yaml', 'decision:\n  partyCommitteeConsultation:\n    required: false\n')),
    );
    assert.deepEqual(bare.keys, ['decision.partyCommitteeConsultation.switchedOffBasis']);
    assert.match(bare.error.message, /căn cứ pháp lý/);
    const off = loadWorkflowConfig(
      write(
        'party-off-basis.yaml',
        'decision:\n  partyCommitteeConsultation:\n    required: false\n    switchedOffBasis: "Văn bản số 1/QĐ-UBND"\n',
      ),
    );
    assert.equal(off.decision.partyCommitteeConsultation.required, false);
  });

  it('an empty file is the defaults; JSON works too', () => {
    assert.deepEqual(loadWorkflowConfig(write('empty.yaml', '# nothing\n')), defaultWorkflowConfig);
    const json = write('c.json', JSON.stringify({ escalation: { target: 'superior_head' } }));
    assert.equal(loadWorkflowConfig(json).escalation.target, 'superior_head');
  });

  it('the env WORKFLOW_CONFIG_FILE overrides the path', () => {
    const file = write('env.yaml', 'reminders:\n  offsetsWorkingDays: [0, 3, 1]\n');
    process.env.WORKFLOW_CONFIG_FILE = file;
    assert.deepEqual(resolveWorkflowConfigPath(), { file, required: true });
    assert.deepEqual(loadWorkflowConfig().reminders.offsetsWorkingDays, [3, 1, 0]);
    // An explicit argument wins over the environment.
    const other = write('arg.yaml', 'decision:\n  deadlineWorkingDays: 9\n');
    assert.equal(loadWorkflowConfig(other).decision.deadlineWorkingDays, 9);
  });

  it('a named file that does not exist is an error naming it', () => {
    const missing = path.join(dir, 'khong-co.yaml');
    process.env.WORKFLOW_CONFIG_FILE = missing;
    const { error } = problemKeys(() => loadWorkflowConfig());
    assert.ok(error.message.includes(missing));
    assert.match(error.message, /không tìm thấy tệp/);
  });

  it('a bad value names the file and the key in Vietnamese', () => {
    const file = write('bad.yaml', 'decision:\n  deadlineWorkingDays: "bảy"\ncoverage:\n  nonManagerRule: maybe\n');
    const { error, keys } = problemKeys(() => loadWorkflowConfig(file));
    assert.deepEqual(keys.sort(), ['coverage.nonManagerRule', 'decision.deadlineWorkingDays']);
    assert.ok(error.message.includes(file));
    assert.match(error.message, /Tệp cấu hình quy trình/);
    assert.match(error.message, /khóa “decision\.deadlineWorkingDays”: phải là một số nguyên/);
    assert.match(error.message, /khóa “coverage\.nonManagerRule”: phải là allow, warn hoặc block/);
  });

  it('optionalSteps (read by nothing) is gone: the key is refused rather than silently ignored', () => {
    const { keys } = problemKeys(() => parseWorkflowConfig({ optionalSteps: { art8_2WideScopeReview: { enabled: true } } }));
    assert.deepEqual(keys, ['optionalSteps']);
  });

  it('a misspelt key is rejected rather than silently defaulted', () => {
    const file = write('typo.yaml', 'decision:\n  deadlineWorkingDay: 10\n');
    const { keys, error } = problemKeys(() => loadWorkflowConfig(file));
    assert.deepEqual(keys, ['decision.deadlineWorkingDay']);
    assert.match(error.message, /không được hỗ trợ/);
  });

  it('a YAML syntax error gives the line', () => {
    const file = write('syntax.yaml', 'decision:\n  deadlineWorkingDays: [7\n');
    const { error } = problemKeys(() => loadWorkflowConfig(file));
    assert.match(error.message, /lỗi cú pháp YAML \(dòng \d+/);
  });

  it('validates the calendar: dates, years, make-up days on weekends only', () => {
    const { keys, error } = problemKeys(() =>
      parseWorkflowConfig({
        calendar: {
          years: {
            '2026': {
              extraDaysOff: ['2026-02-30', '2027-01-04'],
              workingDays: [{ date: '2026-01-09', note: 'thứ Sáu' }],
            },
          },
        },
      }),
    );
    assert.deepEqual(keys, ['calendar.years.2026.extraDaysOff[0]']);
    assert.match(error.message, /không phải ngày hợp lệ/);

    const second = problemKeys(() =>
      parseWorkflowConfig({
        calendar: {
          years: { '2026': { extraDaysOff: ['2027-01-04', '2026-03-02'], workingDays: ['09/01/2026', '2026-03-07', '2026-03-02'] } },
        },
      }),
    );
    assert.deepEqual(second.keys, [
      'calendar.years.2026.extraDaysOff[0]',
      'calendar.years.2026.workingDays[0]',
      'calendar.years.2026.workingDays[2]',
      'calendar.years.2026.workingDays[2]',
    ]);
    assert.match(second.error.message, /không thuộc năm 2026/);
    assert.match(second.error.message, /phải là thứ Bảy hoặc Chủ nhật/);
    assert.match(second.error.message, /vừa là ngày nghỉ vừa là ngày làm việc bù/);

    const badYear = problemKeys(() => parseWorkflowConfig({ calendar: { years: { '26': {} } } }));
    assert.deepEqual(badYear.keys, ['calendar.years.26']);
    assert.match(badYear.error.message, /4 chữ số/);
  });

  it('validates lists: unit kinds, duplicate codes, dd/mm dates', () => {
    const { keys } = problemKeys(() =>
      parseWorkflowConfig({
        directory: { employingUnitKinds: ['so_nganh', 'bo'] },
        fields: [
          { code: 'y_te', label: 'Y tế' },
          { code: 'y_te', label: 'Y tế 2' },
        ],
        annualReport: { unitReminderDates: ['31/11'] },
        decision: { voteMajority: { base: 'all' } },
      }),
    );
    assert.deepEqual(keys.sort(), [
      'annualReport.unitReminderDates[0]',
      'decision.voteMajority.base',
      'directory.employingUnitKinds[1]',
      'fields[1].code',
    ]);
    const ok = parseWorkflowConfig({ annualReport: { unitReminderDates: ['1/11'] } });
    assert.deepEqual(ok.annualReport.unitReminderDates, ['01/11']);
  });
});
