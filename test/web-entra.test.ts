// Production sign-in with Microsoft Entra ID (OpenID Connect), against a loopback identity provider:
// authorization code flow with PKCE, the ID token's RS256 signature checked against the JWKS, state and
// nonce enforced, the person matched to the directory by object id or email; Secure session cookie;
// the demo endpoints are closed outside demo mode.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';
import { WebClient } from './helpers/web-client.js';

const SC_HEAD_OID = '22222222-2222-4222-8222-222222222222';

class FakeIdentityProvider {
  readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  server = http.createServer((req, res) => this.handle(req, res));
  url = '';
  /** What the next token request returns, keyed by code. */
  grants = new Map<string, { challenge: string; claims: Record<string, unknown>; key?: 'stranger' }>();
  tokenRequests: URLSearchParams[] = [];

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  idToken(claims: Record<string, unknown>, key: 'own' | 'stranger' = 'own'): string {
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = sign(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      (key === 'own' ? this.keys : this.stranger).privateKey,
    ).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      return send(200, {
        issuer: this.url,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
        jwks_uri: `${this.url}/jwks`,
      });
    }
    if (req.url === '/jwks') {
      return send(200, { keys: [{ ...this.keys.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] });
    }
    if (req.url === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        this.tokenRequests.push(form);
        const grant = this.grants.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (
          !grant ||
          form.get('client_secret') !== 'entra-secret' ||
          createHash('sha256').update(verifier).digest('base64url') !== grant.challenge
        ) {
          return send(400, { error: 'invalid_grant' });
        }
        send(200, { id_token: this.idToken(grant.claims, grant.key ?? 'own'), token_type: 'Bearer' });
      });
      return;
    }
    send(404, {});
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('web sign-in with Microsoft Entra ID', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let p: People;
  let idp: FakeIdentityProvider;
  const env: Record<string, string> = {};

  before(async function () {
    this.timeout(240_000);
    idp = await new FakeIdentityProvider().start();
    Object.assign(env, {
      WEB_CHAT_ENABLED: 'true',
      WEB_SESSION_SECRET: 'a-test-secret-that-is-long-enough-1234567890',
      WEB_COOKIE_SECURE: 'true',
      ENTRA_ISSUER: idp.url,
      ENTRA_CLIENT_ID: 'client-1',
      ENTRA_CLIENT_SECRET: 'entra-secret',
      ENTRA_REDIRECT_URL: 'https://tro-ly.example/auth/callback',
    });
    h = await startHarness({
      env: { ...env, DEMO_MODE: 'false' },
      seed: async (db) => {
        p = await seedDecisionDirectory(db.dataSource);
        await db.dataSource.query(`UPDATE officer SET teams_aad_object_id = $1 WHERE id = $2`, [SC_HEAD_OID, p.scHead]);
      },
    });
  });
  after(async () => {
    await h?.close();
    await idp?.stop();
  });

  async function begin(c: WebClient): Promise<{ state: string; nonce: string; challenge: string }> {
    const res = await c.get('/auth/login');
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location')!);
    assert.equal(`${location.origin}${location.pathname}`, `${idp.url}/authorize`);
    const q = location.searchParams;
    assert.equal(q.get('client_id'), 'client-1');
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.equal(q.get('redirect_uri'), 'https://tro-ly.example/auth/callback');
    assert.match(q.get('scope') ?? '', /openid/);
    const cookie = res.headers.getSetCookie().find((x) => x.startsWith('tld_oidc='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /Secure/);
    return { state: q.get('state')!, nonce: q.get('nonce')!, challenge: q.get('code_challenge')! };
  }

  const claims = (nonce: string, extra: Record<string, unknown> = {}) => ({
    iss: idp.url,
    aud: 'client-1',
    exp: Math.floor(Date.now() / 1000) + 600,
    iat: Math.floor(Date.now() / 1000),
    nonce,
    ...extra,
  });

  it('signs in a directory officer by Entra object id, with a Secure httpOnly session cookie', async () => {
    const c = new WebClient(h.url);
    const { state, nonce, challenge } = await begin(c);
    idp.grants.set('code-1', { challenge, claims: claims(nonce, { oid: SC_HEAD_OID, name: 'Phạm Văn Khoa' }) });
    const back = await c.get(`/auth/callback?code=code-1&state=${encodeURIComponent(state)}`);
    assert.equal(back.status, 302, back.text);
    assert.equal(back.headers.get('location'), '/');
    const session = back.headers.getSetCookie().find((x) => x.startsWith('tld_session=') && !/Max-Age=0/.test(x))!;
    assert.match(session, /HttpOnly/);
    assert.match(session, /Secure/);
    assert.match(session, /SameSite=Lax/);
    const me = await c.get('/web/api/session');
    assert.equal(me.body.signedIn, true);
    assert.equal(me.body.officer.name, 'Phạm Văn Khoa');
    assert.equal(me.body.demo, false);
    assert.equal(me.body.entra, true);
    assert.equal(me.body.dashboard, true, 'a head has the dashboard of their units');
  });

  it('matches by email when the object id is unknown, and gives people outside the directory policy questions only', async () => {
    const c = new WebClient(h.url);
    const first = await begin(c);
    idp.grants.set('code-2', {
      challenge: first.challenge,
      claims: claims(first.nonce, { oid: 'unknown-oid', preferred_username: 'CV.SKHCN@test.invalid' }),
    });
    assert.equal((await c.get(`/auth/callback?code=code-2&state=${encodeURIComponent(first.state)}`)).status, 302);
    assert.equal((await c.get('/web/api/session')).body.officer.name, 'Vũ Văn Chuyên');

    const d = new WebClient(h.url);
    const second = await begin(d);
    idp.grants.set('code-3', { challenge: second.challenge, claims: claims(second.nonce, { email: 'someone@else.invalid' }) });
    const guest = await d.get(`/auth/callback?code=code-3&state=${encodeURIComponent(second.state)}`);
    assert.equal(guest.status, 302, guest.text);
    const pass = guest.headers.getSetCookie().find((x) => x.startsWith('tld_guest='))!;
    assert.match(pass, /HttpOnly/);
    assert.match(pass, /Secure/);
    assert.doesNotMatch(decodeURIComponent(pass), /someone|else\.invalid/, 'the pass carries no personal data');
    assert.equal(
      guest.headers.getSetCookie().some((x) => x.startsWith('tld_session=') && !/Max-Age=0/.test(x)),
      false,
    );
    const me = (await d.get('/web/api/session')).body;
    assert.equal(me.signedIn, false);
    assert.equal(me.guest, true);
    assert.match(me.guestNotice, /chưa có trong danh bạ/);

    // Someone outside the directory asks a policy question and reads the cited answer, and nothing else.
    await d.get('/'); // the page, which sets the CSRF cookie
    const asked = await d.post('/web/api/guest/ask', { text: 'Thời hạn xem xét kế hoạch đề xuất là bao lâu?' });
    assert.equal(asked.status, 200, asked.text);
    assert.match(asked.body.text, /Điều 8/);
    assert.match(asked.body.footer, /bổ sung vào danh bạ/);
    assert.equal((await d.post('/web/api/messages', { text: 'tạo đề xuất' })).status, 401);
    assert.equal((await d.get('/web/api/dashboard')).status, 401);
    assert.equal((await d.post('/web/api/guest/ask', { text: '' })).status, 400);

    // A pass that was not issued here, or no pass, asks nothing.
    const forged = new WebClient(h.url);
    await forged.get('/');
    forged.cookies.set('tld_guest', `${Date.now() + 3_600_000}.abc.forged`);
    assert.equal((await forged.post('/web/api/guest/ask', { text: 'Thời hạn xem xét là bao lâu?' })).status, 401);
    await c.get('/');
    assert.equal(
      (await c.post('/web/api/guest/ask', { text: 'Thời hạn xem xét là bao lâu?' })).status,
      401,
      'an officer session is not a guest pass',
    );
  });

  it('refuses an officer who left the directory at sign-in', async () => {
    await h.db.dataSource.query(`UPDATE officer SET active = false WHERE id = $1`, [p.financeHead]);
    const e = new WebClient(h.url);
    const s = await begin(e);
    idp.grants.set('code-4', { challenge: s.challenge, claims: claims(s.nonce, { email: 'gd.stc@test.invalid' }) });
    const refused = await e.get(`/auth/callback?code=code-4&state=${encodeURIComponent(s.state)}`);
    assert.equal(refused.status, 403);
    assert.match(refused.text, /chưa có trong danh bạ/);
    assert.equal((await e.get('/web/api/session')).body.guest, false);
  });

  it('refuses a wrong state, a wrong nonce, a wrong audience and a token signed by another key', async () => {
    const cases: {
      name: string;
      mutate: (s: { state: string; nonce: string; challenge: string }) => {
        state: string;
        claims: Record<string, unknown>;
        key?: 'stranger';
      };
    }[] = [
      { name: 'state', mutate: (s) => ({ state: `${s.state}x`, claims: claims(s.nonce, { oid: SC_HEAD_OID }) }) },
      { name: 'nonce', mutate: (s) => ({ state: s.state, claims: claims('other-nonce', { oid: SC_HEAD_OID }) }) },
      { name: 'audience', mutate: (s) => ({ state: s.state, claims: { ...claims(s.nonce, { oid: SC_HEAD_OID }), aud: 'another-app' } }) },
      {
        name: 'expired',
        mutate: (s) => ({
          state: s.state,
          claims: { ...claims(s.nonce, { oid: SC_HEAD_OID }), exp: Math.floor(Date.now() / 1000) - 3600 },
        }),
      },
      { name: 'key', mutate: (s) => ({ state: s.state, claims: claims(s.nonce, { oid: SC_HEAD_OID }), key: 'stranger' }) },
    ];
    for (const [i, t] of cases.entries()) {
      const c = new WebClient(h.url);
      const s = await begin(c);
      const m = t.mutate(s);
      idp.grants.set(`bad-${i}`, { challenge: s.challenge, claims: m.claims, ...(m.key ? { key: m.key } : {}) });
      const res = await c.get(`/auth/callback?code=bad-${i}&state=${encodeURIComponent(m.state)}`);
      assert.equal(res.status, 401, t.name);
      assert.equal((await c.get('/web/api/session')).body.signedIn, false, t.name);
    }
    // Without the login cookie (another browser finishing the flow): refused.
    const c = new WebClient(h.url);
    const s = await begin(c);
    idp.grants.set('no-cookie', { challenge: s.challenge, claims: claims(s.nonce, { oid: SC_HEAD_OID }) });
    assert.equal((await new WebClient(h.url).get(`/auth/callback?code=no-cookie&state=${encodeURIComponent(s.state)}`)).status, 401);
  });

  it('closes the demo endpoints outside demo mode', async () => {
    const c = new WebClient(h.url);
    await c.get('/');
    assert.equal((await c.get('/web/api/demo/officers')).status, 404);
    assert.equal((await c.post('/web/api/login/demo', { officerId: p.scHead })).status, 404);
  });
});
