// Someone Entra ID signed in whom the province's directory does not know: a guest pass (a signed cookie
// holding only its expiry and a nonce, no name or email) lets the page ask policy questions, whose answers
// are public law and the province's letter. Nothing else of the web face accepts it.
import { randomBytes } from 'node:crypto';
import type { PolicyAnswerer } from '../../services/knowledge/policy-answerer.js';
import { core } from '../../services/platform/messages/index.js';
import { policyAnswerText } from '../knowledge/policy-answer-card.js';
import { hmac, safeEqual } from './web-security.js';

export const GUEST_COOKIE = 'tld_guest';
/** A web answer is read on a page, not in a Zalo bubble: room for the whole quote. */
const WEB_TEXT_LIMIT = 6000;

export function newGuestPass(secret: Buffer, hours: number, now = Date.now()): string {
  const expires = String(now + hours * 3_600_000);
  const nonce = randomBytes(12).toString('base64url');
  return `${expires}.${nonce}.${hmac(secret, `guest:${expires}:${nonce}`)}`;
}

/** The pass's nonce (the rate limit's key) when it is genuine and not expired. */
export function validGuestPass(secret: Buffer, pass: string | undefined, now = Date.now()): string | undefined {
  if (!pass || pass.length > 200) return undefined;
  const [expires, nonce, mac, extra] = pass.split('.');
  if (!expires || !nonce || !mac || extra !== undefined || !/^\d+$/.test(expires)) return undefined;
  if (!safeEqual(mac, hmac(secret, `guest:${expires}:${nonce}`)) || Number(expires) <= now) return undefined;
  return nonce;
}

/** The answer as text, then how to be added; a text the knowledge base has nothing on gets the welcome. */
export async function guestAnswer(answerer: PolicyAnswerer, question: string, contact: string): Promise<{ text: string; footer?: string }> {
  const answer = await answerer.answer(question, null);
  if (answer.kind === 'not_found') return { text: core.outsiderWelcome(contact) };
  return { text: policyAnswerText(answer, WEB_TEXT_LIMIT), footer: core.outsiderFooter(contact) };
}
