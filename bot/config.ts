// All configuration comes from environment variables, validated once at start-up.
// A wrong value stops the process with a message naming the variable.
import { z } from 'zod/v4';
import { ConfigError } from '../services/platform/config-error.js';
import type { DatabaseTimeouts } from '../entities/data-source.js';

export { ConfigError };

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** An empty value (a compose file's `${X:-}`) counts as not set. */
const emptyAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_BASE_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'phải bắt đầu bằng postgres:// hoặc postgresql://')
        .optional(),
    ),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
    TURN_LOCK_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    // Bounds on database waits (entities/data-source.ts, services/state/conversation-lock.ts); 0 = none.
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
    DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    DB_KEEPALIVE_DELAY_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(10_000),
    TURN_LOCK_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(4_000),
    MICROSOFT_APP_ID: optionalString,
    MICROSOFT_APP_PASSWORD: optionalString,
    MICROSOFT_APP_TENANT_ID: optionalString,
    MICROSOFT_APP_TYPE: optionalString.pipe(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
    // Fail closed: without Bot Framework credentials the bot starts only in demo mode or with BOT_AUTH=off,
    // each chosen explicitly (npm start passes --demo); neither is allowed in production.
    DEMO_MODE: z.preprocess(emptyAsUnset, z.enum(['true', 'false'], { error: 'phải là true hoặc false' }).default('false')),
    BOT_AUTH: z.preprocess(emptyAsUnset, z.enum(['on', 'off'], { error: 'phải là on hoặc off' }).default('on')),
    NODE_ENV: optionalString,
    /** Signs download links; required with credentials (production), the same on every replica. */
    FILE_LINK_SECRET: optionalString.pipe(z.string().min(32, 'cần ít nhất 32 ký tự').optional()),
    /** With authentication off, the service URLs (besides loopback) whose activities are accepted. */
    TRUSTED_SERVICE_URLS: optionalString.transform((v) =>
      v
        ? v
            .split(',')
            .map((u) => u.trim().replace(/\/+$/, ''))
            .filter(Boolean)
        : [],
    ),
    DIRECTORY_CONTACT: z.string().min(1).default('bộ phận tổ chức cán bộ của cơ quan mình hoặc Sở Nội vụ'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TYPING_INDICATOR: bool.default(true),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(15000),
  })
  .superRefine((env, ctx) => {
    // Bot Framework authentication is all or nothing: a half-configured app would silently accept
    // unsigned requests or fail at the first reply.
    if (env.MICROSOFT_APP_ID) {
      if (!env.MICROSOFT_APP_TYPE) {
        ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TYPE'], message: 'bắt buộc khi đã đặt MICROSOFT_APP_ID' });
      }
      if (env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD) {
        ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_PASSWORD'], message: 'bắt buộc khi đã đặt MICROSOFT_APP_ID' });
      }
      if (env.MICROSOFT_APP_TYPE !== 'MultiTenant' && !env.MICROSOFT_APP_TENANT_ID) {
        ctx.addIssue({
          code: 'custom',
          path: ['MICROSOFT_APP_TENANT_ID'],
          message: 'bắt buộc với MICROSOFT_APP_TYPE SingleTenant hoặc UserAssignedMSI',
        });
      }
    } else {
      for (const name of ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'MICROSOFT_APP_TYPE'] as const) {
        if (env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'chỉ dùng cùng MICROSOFT_APP_ID' });
      }
    }
    const production = env.NODE_ENV === 'production';
    // Outside demo and development the secrets that every replica must share are required.
    if ((env.MICROSOFT_APP_ID || production) && !env.FILE_LINK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['FILE_LINK_SECRET'],
        message: 'bắt buộc khi chạy thật (ít nhất 32 ký tự, giống nhau trên mọi bản sao)',
      });
    }
    if (env.DEMO_MODE === 'true' && env.MICROSOFT_APP_ID) {
      ctx.addIssue({ code: 'custom', path: ['DEMO_MODE'], message: 'không dùng chế độ demo khi đã đặt MICROSOFT_APP_ID' });
    }
    if (env.DEMO_MODE === 'true' && production)
      ctx.addIssue({ code: 'custom', path: ['DEMO_MODE'], message: 'không dùng chế độ demo khi NODE_ENV=production' });
    if (env.BOT_AUTH === 'off' && (production || env.MICROSOFT_APP_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: ['BOT_AUTH'],
        message: 'chỉ tắt xác thực để chạy thử trên máy này, không khi NODE_ENV=production hay đã đặt MICROSOFT_APP_ID',
      });
    }
  });

/** Whether the configuration may serve /api/messages: credentials, or an explicit demo or development choice. */
function servingProblem(env: { MICROSOFT_APP_ID?: string; DEMO_MODE?: string; BOT_AUTH?: string }): string | undefined {
  if (env.MICROSOFT_APP_ID || env.DEMO_MODE === 'true' || env.BOT_AUTH === 'off') return undefined;
  return 'MICROSOFT_APP_ID: bắt buộc để xác thực Bot Framework (hoặc DEMO_MODE=true để chạy thử với danh bạ mẫu, BOT_AUTH=off để thử với Bot Framework Emulator trên máy này)';
}

export type Env = z.infer<typeof envSchema>;

export interface AppConfig extends Env {
  /** Demo mode (DEMO_MODE=true): no Bot Framework credentials, demo directory loaded on an empty database. */
  demo: boolean;
  /** Bot Framework authentication enforced on /api/messages. */
  authEnabled: boolean;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number; timeouts: DatabaseTimeouts };
}

/**
 * The core configuration. `serving: false` (the CLI) does not ask for Bot Framework credentials: a command
 * run by an administrator on the server serves no channel.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, options: { serving?: boolean } = {}): AppConfig {
  const parsed = envSchema.safeParse(source);
  const serving =
    options.serving === false
      ? undefined
      : servingProblem({
          MICROSOFT_APP_ID: source.MICROSOFT_APP_ID?.trim() || undefined,
          DEMO_MODE: source.DEMO_MODE?.trim(),
          BOT_AUTH: source.BOT_AUTH?.trim(),
        });
  if (!parsed.success || serving) {
    // Name the variable; never echo its value (it may be a secret).
    const problems = parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(môi trường)'}: ${issue.message}`);
    throw new ConfigError([...(serving ? [serving] : []), ...problems]);
  }
  const env = parsed.data;
  const authEnabled = Boolean(env.MICROSOFT_APP_ID);
  const demo = env.DEMO_MODE === 'true';
  return {
    ...env,
    demo,
    authEnabled,
    database: env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          poolSize: env.DATABASE_POOL_SIZE,
          timeouts: {
            statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
            queryTimeoutMs: env.DB_QUERY_TIMEOUT_MS,
            connectionTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
            keepAliveDelayMs: env.DB_KEEPALIVE_DELAY_MS,
          },
        }
      : { kind: 'pglite', dataDir: env.DATA_DIR },
  };
}
