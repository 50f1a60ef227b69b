// Inbound authentication of both Zalo surfaces, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * OA webhook: `X-ZEvent-Signature: mac=<hex sha256(app_id + rawBody + timestamp + secret)>`, a plain
 * SHA-256 of the concatenation over the exact bytes received. `timestamp` is the body's own string field.
 */
export function oaSignature(appId: string, rawBody: Buffer, timestamp: string, secretKey: string): string {
  return createHash('sha256')
    .update(Buffer.from(appId, 'utf8'))
    .update(rawBody)
    .update(Buffer.from(timestamp, 'utf8'))
    .update(Buffer.from(secretKey, 'utf8'))
    .digest('hex');
}

export function verifyOaSignature(
  header: string | undefined,
  rawBody: Buffer,
  fields: { appId: string; timestamp: string | undefined },
  secretKey: string,
): boolean {
  if (typeof header !== 'string' || !fields.timestamp) return false;
  const match = /^mac=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const expected = Buffer.from(oaSignature(fields.appId, rawBody, fields.timestamp, secretKey), 'hex');
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Bot Platform webhook: `X-Bot-Api-Secret-Token` equals the secret given to setWebhook. */
export function verifyBotSecret(header: string | undefined, secret: string): boolean {
  if (typeof header !== 'string') return false;
  // Hash both sides so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(header, 'utf8').digest();
  const b = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(a, b) && header.length === secret.length;
}
