// Configuration of the web face, from environment variables (bot/config.ts stays the core's):
//   WEB_CHAT_ENABLED       on by default in demo mode; set true to serve the web chat in production
//   WEB_SESSION_SECRET     ≥ 32 characters, the same on every instance: signs CSRF tokens and login state.
//                          Required when the web face is on outside demo mode; random per process in demo.
//   WEB_SESSION_HOURS      session lifetime (default 12)
//   WEB_LINK_TTL_HOURS     lifetime of a signed decision link (default 72)
//   WEB_LINK_RATE_PER_MINUTE  requests a minute per client address on the link endpoints (default 30)
//   WEB_TRUST_PROXY        true behind a reverse proxy: rate limits use the address it adds to X-Forwarded-For
//   WEB_COOKIE_SECURE      auto (Secure when PUBLIC_BASE_URL is https or in production), true or false
//   ENTRA_TENANT_ID        Microsoft Entra ID tenant (or ENTRA_ISSUER for another OpenID provider)
//   ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET, ENTRA_REDIRECT_URL (https://<host>/auth/callback)
import { randomBytes } from 'node:crypto';
import { z } from 'zod/v4';
import type { AppConfig } from '../config.js';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const schema = z
  .object({
    WEB_CHAT_ENABLED: optional.pipe(bool.optional()),
    WEB_SESSION_SECRET: optional.pipe(z.string().min(32, 'cần ít nhất 32 ký tự').optional()),
    WEB_SESSION_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    WEB_LINK_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(72),
    WEB_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    WEB_LINK_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
    WEB_TRUST_PROXY: optional.pipe(bool.optional()),
    ENTRA_TENANT_ID: optional,
    ENTRA_ISSUER: optional.pipe(z.url().optional()),
    ENTRA_CLIENT_ID: optional,
    ENTRA_CLIENT_SECRET: optional,
    ENTRA_REDIRECT_URL: optional.pipe(z.url().optional()),
  })
  .superRefine((env, ctx) => {
    const any = env.ENTRA_CLIENT_ID || env.ENTRA_CLIENT_SECRET || env.ENTRA_REDIRECT_URL || env.ENTRA_TENANT_ID || env.ENTRA_ISSUER;
    if (!any) return;
    for (const name of ['ENTRA_CLIENT_ID', 'ENTRA_CLIENT_SECRET', 'ENTRA_REDIRECT_URL'] as const) {
      if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'bắt buộc khi đăng nhập bằng Microsoft Entra ID' });
    }
    if (!env.ENTRA_TENANT_ID && !env.ENTRA_ISSUER) {
      ctx.addIssue({ code: 'custom', path: ['ENTRA_TENANT_ID'], message: 'đặt ENTRA_TENANT_ID (hoặc ENTRA_ISSUER)' });
    }
  });

export interface EntraConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

export interface WebConfig {
  enabled: boolean;
  demo: boolean;
  secret: Buffer;
  sessionHours: number;
  linkTtlHours: number;
  linkRatePerMinute: number;
  trustProxy: boolean;
  secureCookies: boolean;
  entra?: EntraConfig;
  /** Absolute base of links sent to people (PUBLIC_BASE_URL), or undefined: the request's host is used. */
  publicBaseUrl?: string;
}

export class WebConfigError extends Error {}

let processSecret: Buffer | undefined;

export function loadWebConfig(
  app: Pick<AppConfig, 'demo' | 'PUBLIC_BASE_URL'> & Partial<Pick<AppConfig, 'authEnabled'>>,
  source: NodeJS.ProcessEnv = process.env,
): WebConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new WebConfigError(
      `Cấu hình web không hợp lệ:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  const env = parsed.data;
  const enabled = env.WEB_CHAT_ENABLED ?? app.demo;
  // The decision-link pages are served in production whether the web chat is on or not: their CSRF tokens
  // must verify on every replica, so the secret is shared and required.
  if (((enabled && !app.demo) || app.authEnabled) && !env.WEB_SESSION_SECRET) {
    throw new WebConfigError(
      'Cấu hình web không hợp lệ:\n  - WEB_SESSION_SECRET: bắt buộc khi chạy thật hoặc khi bật WEB_CHAT_ENABLED ngoài chế độ demo (ít nhất 32 ký tự, giống nhau trên mọi bản sao)',
    );
  }
  if (enabled && !app.demo && !env.ENTRA_CLIENT_ID) {
    throw new WebConfigError(
      'Cấu hình web không hợp lệ:\n  - ENTRA_CLIENT_ID: ngoài chế độ demo, trang web chỉ đăng nhập bằng Microsoft Entra ID',
    );
  }
  processSecret ??= randomBytes(32);
  const secret = env.WEB_SESSION_SECRET ? Buffer.from(env.WEB_SESSION_SECRET, 'utf8') : processSecret;
  const base = app.PUBLIC_BASE_URL?.replace(/\/+$/, '');
  const secureCookies =
    env.WEB_COOKIE_SECURE === 'true' ||
    (env.WEB_COOKIE_SECURE === 'auto' && (Boolean(base?.startsWith('https://')) || process.env.NODE_ENV === 'production'));
  const entra: EntraConfig | undefined = env.ENTRA_CLIENT_ID
    ? {
        issuer: env.ENTRA_ISSUER ?? `https://login.microsoftonline.com/${env.ENTRA_TENANT_ID}/v2.0`,
        clientId: env.ENTRA_CLIENT_ID,
        clientSecret: env.ENTRA_CLIENT_SECRET!,
        redirectUrl: env.ENTRA_REDIRECT_URL!,
      }
    : undefined;
  return {
    enabled,
    demo: app.demo,
    secret,
    sessionHours: env.WEB_SESSION_HOURS,
    linkTtlHours: env.WEB_LINK_TTL_HOURS,
    linkRatePerMinute: env.WEB_LINK_RATE_PER_MINUTE,
    trustProxy: env.WEB_TRUST_PROXY ?? false,
    secureCookies,
    ...(entra ? { entra } : {}),
    ...(base ? { publicBaseUrl: base } : {}),
  };
}
