// A wrong workflow configuration reported in Vietnamese: the file and each wrong key (dotted path) with
// its reason, from zod's issues (an unknown key, a bad union branch, a bad value).
import type { z } from 'zod/v4';

export interface WorkflowConfigProblem {
  /** Dotted key, e.g. 'decision.deadlineWorkingDays' or 'calendar.years.2026.extraDaysOff[3]'. */
  key: string;
  message: string;
}

export class WorkflowConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: WorkflowConfigProblem[],
  ) {
    super(
      `Tệp cấu hình quy trình “${file}” không hợp lệ:\n` +
        problems.map((p) => `  - ${p.key ? `khóa “${p.key}”` : 'toàn tệp'}: ${p.message}`).join('\n'),
    );
    this.name = 'WorkflowConfigError';
  }
}

function formatKey(p: readonly PropertyKey[]): string {
  let out = '';
  for (const part of p) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function describeIssue(issue: z.core.$ZodIssue): WorkflowConfigProblem[] {
  const key = formatKey(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({
        key: formatKey([...issue.path, k]),
        message: 'khóa không được hỗ trợ (kiểm tra chính tả)',
      }));
    case 'invalid_key':
      return [{ key, message: issue.issues[0]?.message ?? 'khóa không hợp lệ' }];
    case 'invalid_union': {
      // Report the branch that went furthest when there is one; otherwise the union's own message.
      const nested = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.code !== 'invalid_type'));
      if (nested) return nested.flatMap((i) => describeIssue({ ...i, path: [...issue.path, ...i.path] }));
      return [{ key, message: issue.message }];
    }
    default:
      return [{ key, message: issue.message }];
  }
}
