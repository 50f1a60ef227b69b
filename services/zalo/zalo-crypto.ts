// Secrets at rest (OA tokens) with AES-256-GCM, and the hashes that link codes are stored as.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** Encrypts a secret; `context` (e.g. "app:field") is bound as additional data so values cannot be swapped. */
export function encryptSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export class SecretDecryptionError extends Error {
  constructor() {
    super('stored Zalo token cannot be decrypted: wrong ZALO_TOKEN_ENCRYPTION_KEY or tampered row');
    this.name = 'SecretDecryptionError';
  }
}

export function decryptSecret(key: Buffer, stored: string, context: string): string {
  const [version, data] = stored.split(':', 2);
  if (version !== VERSION || !data) throw new SecretDecryptionError();
  const raw = Buffer.from(data, 'base64');
  if (raw.length < 29) throw new SecretDecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretDecryptionError();
  }
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
