// What a Zalo user types to link their account: "LIÊN KẾT <mã>" in any spelling, or the code alone.
import { foldKey } from '../text/vietnamese.js';
import { looksLikeLinkCode, normaliseLinkCode } from './zalo-link-service.js';

const LINK_PATTERN = /^lien\s*ket\s*[:\-–]?\s*(\S.*)$/;

/** What people paste around a code: the template's brackets, quotes, a final full stop. */
function unwrapCode(rest: string): string {
  return rest.replace(/^[\s<[("'“«]+|[\s>\])"'”».!]+$/g, '').trim();
}

/**
 * "LIÊN KẾT K7M2QX9P" (accents optional), also "lien ket: <K7M2QX9P>", "lienket k7m2-qx9p" → the code;
 * "liên kết zalo" is the Teams command, not a code.
 */
export function parseLinkCommand(input: string): string | undefined {
  const match = LINK_PATTERN.exec(foldKey(input.trim()));
  if (!match) return undefined;
  const rest = unwrapCode(match[1]);
  if (!rest || rest === 'zalo') return undefined;
  return normaliseLinkCode(rest);
}

/** A code sent alone ("K7M2QX9P", "<k7m2 qx9p>"): only read as one from someone not linked yet. */
export function bareLinkCode(input: string): string | undefined {
  const code = normaliseLinkCode(unwrapCode(input.trim()));
  return looksLikeLinkCode(code) ? code : undefined;
}
