// Web security pieces: cookies, the CSRF token (signed double-submit), security headers with a strict
// Content-Security-Policy, a same-origin check, and an in-memory token-bucket rate limiter.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';

export const COOKIE = {
  session: 'tld_session',
  csrf: 'tld_csrf',
  browser: 'tld_browser',
  oidc: 'tld_oidc',
} as const;

export const CSRF_HEADER = 'x-csrf-token';

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    const name = part.slice(0, i).trim();
    const raw = part.slice(i + 1).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      // A malformed cookie is ignored, not an error.
    }
  }
  return out;
}

export interface CookieOptions {
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Strict' | 'Lax';
  maxAgeSeconds?: number;
  path?: string;
}

export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? '/'}`, `SameSite=${options.sameSite ?? 'Lax'}`];
  if (options.httpOnly !== false) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  return parts.join('; ');
}

/** Appends a Set-Cookie header (restify's res.header replaces; several cookies need several headers). */
export function setCookie(res: restify.Response, cookie: string): void {
  const existing = res.getHeader('Set-Cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  list.push(cookie);
  res.setHeader('Set-Cookie', list);
}

export function hmac(secret: Buffer, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A CSRF token: random part and its HMAC, so a cookie planted by another (sub)domain is not accepted. */
export function newCsrfToken(secret: Buffer): string {
  const nonce = randomBytes(18).toString('base64url');
  return `${nonce}.${hmac(secret, `csrf:${nonce}`)}`;
}

export function validCsrfToken(secret: Buffer, token: string | undefined): boolean {
  if (!token || token.length > 200) return false;
  const [nonce, mac, extra] = token.split('.');
  if (!nonce || !mac || extra !== undefined) return false;
  return safeEqual(mac, hmac(secret, `csrf:${nonce}`));
}

/**
 * Double-submit check for every state-changing request: the header must equal the cookie, the token
 * must carry our signature, and a browser-sent Origin (or Referer) must be our own origin.
 */
export function csrfProblem(req: restify.Request, secret: Buffer, publicHost?: string): string | undefined {
  const cookies = parseCookies(req.headers.cookie);
  const header = req.headers[CSRF_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  if (!given || !cookies[COOKIE.csrf] || !safeEqual(given, cookies[COOKIE.csrf]!) || !validCsrfToken(secret, given)) return 'csrf';
  const origin = req.headers.origin ?? req.headers.referer;
  if (origin && origin !== 'null') {
    try {
      const host = req.headers.host;
      const from = new URL(origin).host;
      // Behind a reverse proxy the Host header may be rewritten: the public address counts as ours too.
      if (from !== host && from !== publicHost) return 'origin';
    } catch {
      return 'origin';
    }
  } else if (origin === 'null') {
    return 'origin';
  }
  return undefined;
}

/** Strict CSP: only our own scripts, styles, images and connections; no inline script, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The Adaptive Cards renderer and Chart.js set element.style from script (CSSOM), which CSP allows.
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(res: restify.Response, secure: boolean): void {
  res.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('X-Frame-Options', 'DENY');
  res.header('Referrer-Policy', 'no-referrer');
  res.header('Cross-Origin-Opener-Policy', 'same-origin');
  res.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (secure) res.header('Strict-Transport-Security', 'max-age=31536000');
}

/**
 * Token bucket per key: `capacity` requests at once, refilled at `perMinute`. In memory, per process:
 * behind several instances each has its own buckets (the limit is then per instance).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return Math.ceil(((1 - bucket.tokens) * 60) / this.perMinute);
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.sweep(now);
    return 0;
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 60_000) * this.perMinute >= this.capacity) this.buckets.delete(key);
    }
  }
}

/**
 * The client's address for rate limits. Behind a reverse proxy (WEB_TRUST_PROXY), the last address of
 * X-Forwarded-For, the one our proxy added; otherwise the socket's peer.
 */
export function clientIp(req: restify.Request, trustProxy = false): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const list = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    if (list.length) return list[list.length - 1]!;
  }
  return req.socket?.remoteAddress ?? 'unknown';
}
