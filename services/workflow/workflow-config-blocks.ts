// The zod building blocks of the workflow configuration's sections (workflow-config.ts), each with its
// Vietnamese error: a number of working days, a non-empty text, a code, a confidence, a day of the year.
import { z } from 'zod/v4';
import { parseLocalDate } from '../calendar/local-date.js';

export const workingDays = (def: number, max = 365) =>
  z
    .number({ error: 'phải là một số nguyên (số ngày làm việc)' })
    .int({ error: 'phải là một số nguyên (số ngày làm việc)' })
    .min(1, { error: 'phải từ 1 ngày làm việc trở lên' })
    .max(max, { error: `không được quá ${max} ngày làm việc` })
    .default(def);

export const text = (def: string) =>
  z.string({ error: 'phải là một chuỗi văn bản' }).trim().min(1, { error: 'không được để trống' }).default(def);

export const code = z
  .string({ error: 'phải là một chuỗi' })
  .regex(/^[a-z][a-z0-9_]*$/, { error: 'mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ' });

export const confidence = z.enum(['verified', 'secondary', 'unknown'], {
  error: 'phải là verified, secondary hoặc unknown',
});

/** 'dd/mm' (a day of every year). */
export const dayOfYear = z
  .string({ error: 'phải là ngày dạng dd/mm' })
  .regex(/^\d{1,2}\/\d{1,2}$/, { error: 'phải là ngày dạng dd/mm, ví dụ 01/11' })
  .refine(
    (s) => {
      const [d, m] = s.split('/').map(Number);
      return parseLocalDate(`${d}/${m}/2024`) !== null; // 2024: a leap year admits 29/02
    },
    { error: 'không phải một ngày có thật' },
  )
  .transform((s) => {
    const [d, m] = s.split('/').map(Number);
    return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}`;
  });
