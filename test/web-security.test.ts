// The pieces of web security on their own: CSRF tokens, the same-origin check, cookies, the client
// address behind a proxy, and the web configuration's refusals.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import { loadWebConfig, WebConfigError } from '../bot/web/web-config.js';
import { clientIp, csrfProblem, newCsrfToken, parseCookies, serializeCookie, validCsrfToken } from '../bot/web/web-security.js';

function request(headers: Record<string, string>, remoteAddress = '10.0.0.9'): restify.Request {
  return { headers, socket: { remoteAddress } } as unknown as restify.Request;
}

describe('web security pieces', () => {
  const secret = randomBytes(32);

  it('accepts only CSRF tokens it signed, sent both as cookie and header, from our own origin', () => {
    const token = newCsrfToken(secret);
    assert.ok(validCsrfToken(secret, token));
    assert.equal(validCsrfToken(randomBytes(32), token), false, 'another secret');
    assert.equal(validCsrfToken(secret, `${token.split('.')[0]}.AAAA`), false);
    assert.equal(validCsrfToken(secret, undefined), false);
    const ok = { host: 'bot.example', cookie: `tld_csrf=${encodeURIComponent(token)}`, 'x-csrf-token': token };
    assert.equal(csrfProblem(request(ok), secret), undefined);
    assert.equal(csrfProblem(request({ ...ok, origin: 'http://bot.example' }), secret), undefined);
    assert.equal(csrfProblem(request({ ...ok, 'x-csrf-token': newCsrfToken(secret) }), secret), 'csrf', 'header and cookie differ');
    assert.equal(csrfProblem(request({ ...ok, origin: 'https://evil.example' }), secret), 'origin');
    assert.equal(csrfProblem(request({ ...ok, origin: 'null' }), secret), 'origin');
    assert.equal(
      csrfProblem(request({ ...ok, host: 'internal:3978', origin: 'https://tro-ly.gov.vn' }), secret, 'tro-ly.gov.vn'),
      undefined,
      'behind a proxy',
    );
  });

  it('parses and writes cookies with the flags asked for', () => {
    assert.deepEqual(parseCookies('a=1; b=x%20y; a=2; bad; c=%E0%A4'), { a: '1', b: 'x y' });
    const cookie = serializeCookie('tld_session', 'v', { secure: true, sameSite: 'Lax', maxAgeSeconds: 60 });
    assert.equal(cookie, 'tld_session=v; Path=/; SameSite=Lax; HttpOnly; Secure; Max-Age=60');
    assert.doesNotMatch(serializeCookie('tld_csrf', 'v', { httpOnly: false, sameSite: 'Strict' }), /HttpOnly/);
  });

  it('takes the client address from the proxy only when told to trust it', () => {
    const req = request({ 'x-forwarded-for': '1.2.3.4, 203.0.113.7' });
    assert.equal(clientIp(req), '10.0.0.9');
    assert.equal(clientIp(req, true), '203.0.113.7');
    assert.equal(clientIp(request({}), true), '10.0.0.9');
  });

  it('refuses a web face in production without a session secret or Entra ID, and half an Entra configuration', () => {
    const production = { demo: false, PUBLIC_BASE_URL: 'https://tro-ly.gov.vn' };
    assert.equal(loadWebConfig(production, {}).enabled, false, 'off by default without credentials and demo');
    // With credentials (production) the decision-link pages need the shared secret even with the chat off.
    assert.throws(() => loadWebConfig({ ...production, authEnabled: true }, {}), /WEB_SESSION_SECRET/);
    assert.equal(loadWebConfig({ ...production, authEnabled: true }, { WEB_SESSION_SECRET: 'x'.repeat(40) }).enabled, false);
    assert.throws(
      () => loadWebConfig(production, { WEB_CHAT_ENABLED: 'true' }),
      (e: Error) => e instanceof WebConfigError && /WEB_SESSION_SECRET/.test(e.message),
    );
    assert.throws(() => loadWebConfig(production, { WEB_CHAT_ENABLED: 'true', WEB_SESSION_SECRET: 'x'.repeat(40) }), /ENTRA_CLIENT_ID/);
    assert.throws(
      () => loadWebConfig(production, { ENTRA_CLIENT_ID: 'abc' }),
      (e: Error) => /ENTRA_CLIENT_SECRET/.test(e.message) && /ENTRA_TENANT_ID/.test(e.message),
    );
    assert.throws(() => loadWebConfig(production, { WEB_SESSION_SECRET: 'short' }), /32/);
    const full = loadWebConfig(production, {
      WEB_CHAT_ENABLED: 'true',
      WEB_SESSION_SECRET: 'x'.repeat(40),
      ENTRA_TENANT_ID: 'tenant-1',
      ENTRA_CLIENT_ID: 'client',
      ENTRA_CLIENT_SECRET: 'secret',
      ENTRA_REDIRECT_URL: 'https://tro-ly.gov.vn/auth/callback',
    });
    assert.equal(full.entra?.issuer, 'https://login.microsoftonline.com/tenant-1/v2.0');
    assert.equal(full.secureCookies, true, 'https public address: Secure cookies');
    const demo = loadWebConfig({ demo: true }, {});
    assert.equal(demo.enabled, true);
    assert.equal(demo.secureCookies, false);
  });
});
