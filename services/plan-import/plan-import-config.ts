// Settings of the plan import (a plan read from a .docx, .pdf or .txt): the size limit and the hosts files
// may be downloaded from. A message names a URL, so the bot fetches only from hosts listed here (or from
// the Bot Connector that sent the turn), never from an address a message chooses.
import { z } from 'zod/v4';
import { ConfigError } from '../platform/config-error.js';

const hostList = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v === undefined || v.trim() === '' ? fallback : v)
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^(\*\.)?[a-z0-9.-]+$/, 'mỗi mục là một tên máy, có thể bắt đầu bằng “*.”, cách nhau bằng dấu phẩy')));

const schema = z.object({
  /** Largest file read (bytes); default 10 MB. */
  PLAN_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Hosts of Teams' file download URLs (pre-authenticated OneDrive/SharePoint links). */
  PLAN_IMPORT_TEAMS_FILE_HOSTS: hostList('*.sharepoint.com'),
  /** Hosts of Zalo OA file URLs (UNVERIFIED: settled on a real Official Account). */
  PLAN_IMPORT_ZALO_FILE_HOSTS: hostList('*.zdn.vn,*.zadn.vn'),
  PLAN_IMPORT_DOWNLOAD_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
});

export interface PlanImportConfig {
  maxBytes: number;
  teamsFileHosts: string[];
  zaloFileHosts: string[];
  downloadTimeoutMs: number;
}

export function loadPlanImportConfig(source: Record<string, string | undefined>): PlanImportConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(môi trường)'}: ${i.message}`));
  const env = parsed.data;
  return {
    maxBytes: env.PLAN_IMPORT_MAX_BYTES,
    teamsFileHosts: env.PLAN_IMPORT_TEAMS_FILE_HOSTS,
    zaloFileHosts: env.PLAN_IMPORT_ZALO_FILE_HOSTS,
    downloadTimeoutMs: env.PLAN_IMPORT_DOWNLOAD_TIMEOUT_MS,
  };
}

/** "*.sharepoint.com" matches "contoso.sharepoint.com"; a bare name matches itself only. */
export function hostAllowed(hostname: string, patterns: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return patterns.some((p) => (p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p));
}
