// Sign-in with Microsoft Entra ID (OpenID Connect), written by hand with node:crypto: the authorization
// code flow with PKCE (S256), state and nonce kept in a short-lived signed httpOnly cookie, the ID token's
// RS256 signature checked against the provider's JWKS, and its issuer, audience, expiry and nonce checked.
// The person is matched to the directory by the Entra object id (oid), then by email / UPN.
import { createHash, createPublicKey, randomBytes, verify as verifySignature, type JsonWebKey } from 'node:crypto';
import type { EntraConfig } from './web-config.js';
import { hmac, safeEqual } from './web-security.js';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export interface IdTokenClaims {
  iss: string;
  aud: string | string[];
  exp: number;
  nbf?: number;
  iat?: number;
  nonce?: string;
  oid?: string;
  tid?: string;
  email?: string;
  preferred_username?: string;
  upn?: string;
  name?: string;
}

export interface LoginState {
  state: string;
  nonce: string;
  verifier: string;
  /** Expiry, epoch ms. */
  exp: number;
}

export class OidcError extends Error {}

const STATE_TTL_MS = 10 * 60_000;
const CLOCK_SKEW_S = 300;

export class EntraOidc {
  private discovery?: Promise<Discovery>;
  private jwks?: { at: number; keys: (JsonWebKey & { kid?: string })[] };

  constructor(
    private readonly config: EntraConfig,
    private readonly secret: Buffer,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async meta(): Promise<Discovery> {
    this.discovery ??= (async () => {
      const res = await this.fetchImpl(`${this.config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
      if (!res.ok) throw new OidcError(`discovery failed: HTTP ${res.status}`);
      return (await res.json()) as Discovery;
    })();
    try {
      return await this.discovery;
    } catch (err) {
      this.discovery = undefined;
      throw err;
    }
  }

  /** The provider URL to redirect to, and the signed cookie value that remembers state, nonce and verifier. */
  async begin(now = Date.now()): Promise<{ url: string; cookie: string }> {
    const meta = await this.meta();
    const login: LoginState = {
      state: randomBytes(16).toString('base64url'),
      nonce: randomBytes(16).toString('base64url'),
      verifier: randomBytes(32).toString('base64url'),
      exp: now + STATE_TTL_MS,
    };
    const challenge = createHash('sha256').update(login.verifier).digest('base64url');
    const url = new URL(meta.authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: this.config.clientId,
      response_type: 'code',
      redirect_uri: this.config.redirectUrl,
      response_mode: 'query',
      scope: 'openid profile email',
      state: login.state,
      nonce: login.nonce,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), cookie: this.sealState(login) };
  }

  sealState(login: LoginState): string {
    const body = Buffer.from(JSON.stringify(login), 'utf8').toString('base64url');
    return `${body}.${hmac(this.secret, `oidc:${body}`)}`;
  }

  openState(cookie: string | undefined, now = Date.now()): LoginState | undefined {
    if (!cookie || cookie.length > 2000) return undefined;
    const [body, mac] = cookie.split('.');
    if (!body || !mac || !safeEqual(mac, hmac(this.secret, `oidc:${body}`))) return undefined;
    try {
      const login = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LoginState;
      return login.exp > now ? login : undefined;
    } catch {
      return undefined;
    }
  }

  /** Exchanges the code and returns the verified ID token claims. */
  async complete(params: { code?: string; state?: string }, login: LoginState | undefined, now = Date.now()): Promise<IdTokenClaims> {
    if (!login) throw new OidcError('login state missing or expired');
    if (!params.code || !params.state || !safeEqual(params.state, login.state)) throw new OidcError('state mismatch');
    const meta = await this.meta();
    const res = await this.fetchImpl(meta.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.code,
        redirect_uri: this.config.redirectUrl,
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
        code_verifier: login.verifier,
      }).toString(),
    });
    if (!res.ok) throw new OidcError(`token endpoint: HTTP ${res.status}`);
    const tokens = (await res.json()) as { id_token?: string };
    if (!tokens.id_token) throw new OidcError('no id_token');
    return this.verifyIdToken(tokens.id_token, login.nonce, meta.issuer, now);
  }

  async verifyIdToken(jwt: string, nonce: string, issuer: string, now = Date.now()): Promise<IdTokenClaims> {
    const parts = jwt.split('.');
    if (parts.length !== 3) throw new OidcError('malformed id_token');
    const [h, p, s] = parts as [string, string, string];
    let header: { alg?: string; kid?: string };
    let claims: IdTokenClaims;
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    } catch {
      throw new OidcError('malformed id_token');
    }
    if (header.alg !== 'RS256') throw new OidcError(`unexpected alg ${String(header.alg)}`);
    const jwk = await this.key(header.kid);
    const ok = verifySignature(
      'RSA-SHA256',
      Buffer.from(`${h}.${p}`),
      createPublicKey({ key: jwk, format: 'jwk' }),
      Buffer.from(s, 'base64url'),
    );
    if (!ok) throw new OidcError('bad signature');
    const seconds = Math.floor(now / 1000);
    if (claims.iss !== issuer) throw new OidcError('wrong issuer');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(this.config.clientId)) throw new OidcError('wrong audience');
    if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_S < seconds) throw new OidcError('expired');
    if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_S > seconds) throw new OidcError('not yet valid');
    if (!claims.nonce || !safeEqual(claims.nonce, nonce)) throw new OidcError('nonce mismatch');
    return claims;
  }

  private async key(kid: string | undefined): Promise<JsonWebKey> {
    const find = () => this.jwks?.keys.find((k) => (kid ? k.kid === kid : true) && k.kty === 'RSA');
    let found = find();
    // Keys rotate: refetch when a kid is unknown (at most once a minute).
    if (!found && (!this.jwks || Date.now() - this.jwks.at > 60_000)) {
      const meta = await this.meta();
      const res = await this.fetchImpl(meta.jwks_uri);
      if (!res.ok) throw new OidcError(`jwks: HTTP ${res.status}`);
      const body = (await res.json()) as { keys?: (JsonWebKey & { kid?: string })[] };
      this.jwks = { at: Date.now(), keys: body.keys ?? [] };
      found = find();
    }
    if (!found) throw new OidcError('signing key not found');
    return found;
  }
}

/** The email-like identifiers in the claims, lower-cased, for matching the directory. */
export function emailsOf(claims: IdTokenClaims): string[] {
  return [claims.email, claims.preferred_username, claims.upn]
    .map((v) => v?.trim().toLowerCase())
    .filter((v): v is string => Boolean(v && v.includes('@')));
}
