// Zalo configuration, validated with zod like bot/config.ts. A channel that is not configured is off
// (its webhook answers 404); a channel configured by halves stops the start with the variable named.
import { z } from 'zod/v4';
import { parseZaloTemplates, type ZaloTemplates } from './zalo-template-config.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (fallback: string) =>
  optionalString
    .pipe(z.url({ protocol: /^https?$/, error: 'phải là địa chỉ http:// hoặc https://' }).optional())
    .transform((v) => (v ?? fallback).replace(/\/+$/, ''));

/** 32 bytes, written as base64 (44 characters) or hex (64 characters). */
export function parseEncryptionKey(value: string): Buffer | undefined {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const key = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

const schema = z
  .object({
    ZALO_OA_APP_ID: optionalString.pipe(
      z
        .string()
        .regex(/^\d{1,32}$/, 'phải là dãy chữ số (ID ứng dụng Zalo)')
        .optional(),
    ),
    ZALO_OA_SECRET_KEY: optionalString,
    ZALO_APP_SECRET: optionalString,
    ZALO_OA_ACCESS_TOKEN: optionalString,
    ZALO_OA_REFRESH_TOKEN: optionalString,
    ZALO_TOKEN_ENCRYPTION_KEY: optionalString,
    ZALO_API_BASE_URL: url('https://openapi.zalo.me'),
    ZALO_OAUTH_BASE_URL: url('https://oauth.zaloapp.com'),
    ZALO_BOT_TOKEN: optionalString,
    ZALO_BOT_SECRET: optionalString,
    ZALO_BOT_API_BASE_URL: url('https://bot-api.zaloplatforms.com'),
    // Template messages by phone number (ZBS/ZNS); the host is Zalo's business API, configurable.
    ZALO_BUSINESS_API_BASE_URL: url('https://business.openapi.zalo.me'),
    ZALO_TEMPLATES: optionalString,
    ZALO_LINK_CODE_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
    // An OA event signed longer ago (or dated further ahead) is refused: the de-duplication table forgets
    // after 180 days, so without a window an old signed event could be replayed. 0 switches the check off.
    ZALO_EVENT_MAX_AGE_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .default(3600),
  })
  .superRefine((env, ctx) => {
    if (env.ZALO_OA_APP_ID) {
      for (const name of ['ZALO_OA_SECRET_KEY', 'ZALO_APP_SECRET', 'ZALO_TOKEN_ENCRYPTION_KEY'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'bắt buộc khi đã đặt ZALO_OA_APP_ID' });
      }
      if (env.ZALO_OA_ACCESS_TOKEN && !env.ZALO_OA_REFRESH_TOKEN) {
        ctx.addIssue({ code: 'custom', path: ['ZALO_OA_REFRESH_TOKEN'], message: 'bắt buộc cùng ZALO_OA_ACCESS_TOKEN' });
      }
    } else {
      for (const name of ['ZALO_OA_SECRET_KEY', 'ZALO_OA_ACCESS_TOKEN', 'ZALO_OA_REFRESH_TOKEN'] as const) {
        if (env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'chỉ dùng cùng ZALO_OA_APP_ID' });
      }
    }
    if (env.ZALO_TOKEN_ENCRYPTION_KEY && !parseEncryptionKey(env.ZALO_TOKEN_ENCRYPTION_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ZALO_TOKEN_ENCRYPTION_KEY'],
        message: 'phải là khóa 32 byte viết dạng base64 (44 ký tự) hoặc hex (64 ký tự), ví dụ: openssl rand -base64 32',
      });
    }
    if (env.ZALO_TEMPLATES && !env.ZALO_OA_APP_ID) {
      ctx.addIssue({ code: 'custom', path: ['ZALO_TEMPLATES'], message: 'mẫu tin gửi qua Official Account: cần ZALO_OA_APP_ID' });
    }
    if (Boolean(env.ZALO_BOT_TOKEN) !== Boolean(env.ZALO_BOT_SECRET)) {
      const missing = env.ZALO_BOT_TOKEN ? 'ZALO_BOT_SECRET' : 'ZALO_BOT_TOKEN';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'ZALO_BOT_TOKEN và ZALO_BOT_SECRET phải đặt cùng nhau' });
    }
    // A guessable secret would let anyone post updates as Zalo: at least 8 characters, no spaces.
    if (env.ZALO_BOT_SECRET && !/^\S{8,256}$/.test(env.ZALO_BOT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['ZALO_BOT_SECRET'], message: 'dài 8–256 ký tự, không có khoảng trắng' });
    }
  });

export interface ZaloOaConfig {
  appId: string;
  secretKey: string;
  appSecret: string;
  bootstrapAccessToken?: string;
  bootstrapRefreshToken?: string;
  encryptionKey: Buffer;
  apiBaseUrl: string;
  oauthBaseUrl: string;
  /** Zalo's business API (template messages by phone number). */
  businessApiBaseUrl: string;
  /** Template per notification kind, for messages past the 7-day window; empty: none (held as before). */
  templates: ZaloTemplates;
}

export interface ZaloBotConfig {
  token: string;
  secret: string;
  apiBaseUrl: string;
}

export interface ZaloConfig {
  /** Undefined: the Official Account channel is off. */
  oa?: ZaloOaConfig;
  /** Undefined: the Bot Platform channel is off. */
  bot?: ZaloBotConfig;
  linkCodeTtlMinutes: number;
  /** OA events whose timestamp is further than this from now are refused; 0: no check. */
  eventMaxAgeSeconds: number;
}

export class ZaloConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình Zalo không hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ZaloConfigError';
  }
}

export function loadZaloConfig(source: Record<string, unknown> = process.env): ZaloConfig {
  const strings: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== null) strings[key] = String(value);
  }
  const parsed = schema.safeParse(strings);
  const templates = parseZaloTemplates(strings.ZALO_TEMPLATES);
  if (!parsed.success || templates.problems.length) {
    // Name the variable; never echo its value (most are secrets).
    throw new ZaloConfigError([
      ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(môi trường)'}: ${issue.message}`)),
      ...templates.problems,
    ]);
  }
  const env = parsed.data;
  return {
    oa: env.ZALO_OA_APP_ID
      ? {
          appId: env.ZALO_OA_APP_ID,
          secretKey: env.ZALO_OA_SECRET_KEY!,
          appSecret: env.ZALO_APP_SECRET!,
          bootstrapAccessToken: env.ZALO_OA_ACCESS_TOKEN,
          bootstrapRefreshToken: env.ZALO_OA_REFRESH_TOKEN,
          encryptionKey: parseEncryptionKey(env.ZALO_TOKEN_ENCRYPTION_KEY!)!,
          apiBaseUrl: env.ZALO_API_BASE_URL,
          oauthBaseUrl: env.ZALO_OAUTH_BASE_URL,
          businessApiBaseUrl: env.ZALO_BUSINESS_API_BASE_URL,
          templates: templates.templates,
        }
      : undefined,
    bot: env.ZALO_BOT_TOKEN
      ? { token: env.ZALO_BOT_TOKEN, secret: env.ZALO_BOT_SECRET!, apiBaseUrl: env.ZALO_BOT_API_BASE_URL }
      : undefined,
    linkCodeTtlMinutes: env.ZALO_LINK_CODE_TTL_MINUTES,
    eventMaxAgeSeconds: env.ZALO_EVENT_MAX_AGE_SECONDS,
  };
}
