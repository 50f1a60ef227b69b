// Zalo template messages (ZBS template messages, formerly ZNS) per notification kind: which pre-approved
// template carries a kind past the 7-day consultation window, and which of our values fills each of its
// parameters. Read from ZALO_TEMPLATES (JSON); every problem names the variable and the path inside it.
import { z } from 'zod/v4';

/** The values a template parameter can take, computed when the template is sent. */
export const TEMPLATE_SOURCES = ['officer_name', 'proposal_code', 'proposal_title', 'summary', 'date'] as const;
export type TemplateSource = (typeof TEMPLATE_SOURCES)[number];

export interface TemplateParam {
  /** The parameter's name in the template registered with Zalo. */
  name: string;
  source: TemplateSource;
  /** Zalo refuses a value longer than the parameter allows: cut to this many characters. */
  maxLength: number;
}

export interface ZaloTemplate {
  templateId: string;
  params: TemplateParam[];
}

/** Kind → template; the key "*" is used for every kind not listed. Empty: no template route. */
export type ZaloTemplates = ReadonlyMap<string, ZaloTemplate>;

const DEFAULT_MAX_LENGTH = 100;

const param = z.union([
  z.enum(TEMPLATE_SOURCES, { error: `nguồn phải là một trong: ${TEMPLATE_SOURCES.join(', ')}` }),
  z.object({
    source: z.enum(TEMPLATE_SOURCES, { error: `nguồn phải là một trong: ${TEMPLATE_SOURCES.join(', ')}` }),
    maxLength: z.number().int().min(1).max(2000).optional(),
  }),
]);

const template = z.object({
  templateId: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(/^\d{1,20}$/, 'templateId phải là dãy chữ số (ID mẫu tin Zalo đã duyệt)')),
  params: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'tên tham số chỉ gồm chữ, số và dấu gạch dưới'), param),
});

const templates = z.record(z.string().regex(/^(\*|[a-z_]+(\.[a-z_]+)*)$/, 'loại thông báo không hợp lệ'), template);

/** Parses ZALO_TEMPLATES; returns the problems (naming the variable and path) instead of throwing. */
export function parseZaloTemplates(raw: string | undefined): { templates: ZaloTemplates; problems: string[] } {
  const empty = new Map<string, ZaloTemplate>();
  if (raw === undefined || raw.trim() === '') return { templates: empty, problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { templates: empty, problems: ['ZALO_TEMPLATES: không phải JSON hợp lệ'] };
  }
  const parsed = templates.safeParse(json);
  if (!parsed.success) {
    return {
      templates: empty,
      problems: parsed.error.issues.map((i) => `${['ZALO_TEMPLATES', ...i.path.map(String)].join('.')}: ${i.message}`),
    };
  }
  const out = new Map<string, ZaloTemplate>();
  for (const [kind, t] of Object.entries(parsed.data)) {
    out.set(kind, {
      templateId: t.templateId,
      params: Object.entries(t.params).map(([name, p]) =>
        typeof p === 'string'
          ? { name, source: p, maxLength: DEFAULT_MAX_LENGTH }
          : { name, source: p.source, maxLength: p.maxLength ?? DEFAULT_MAX_LENGTH },
      ),
    });
  }
  return { templates: out, problems: [] };
}

export function templateFor(templates: ZaloTemplates, kind: string | null | undefined): ZaloTemplate | undefined {
  if (!kind) return undefined;
  return templates.get(kind) ?? templates.get('*');
}

/** A directory phone number as Zalo's business API wants it: 84 and the subscriber number, digits only. */
export function zaloPhone(phone: string | null | undefined): string | undefined {
  if (!phone) return undefined;
  const digits = phone.replace(/[\s.()-]/g, '');
  const m = /^(?:\+?84|0)(\d{9,10})$/.exec(digits);
  return m ? `84${m[1]}` : undefined;
}
