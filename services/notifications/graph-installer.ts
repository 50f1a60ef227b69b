// Proactive installation of the Teams app for one person through Microsoft Graph, then the id of the
// person's 1:1 chat with the bot, so a proactive message can be sent there:
//   POST {login}/{tenant}/oauth2/v2.0/token                     client credentials, scope {graph}/.default
//   POST {graph}/v1.0/users/{aad}/teamwork/installedApps        201 installed, 409 already installed
//   GET  {graph}/v1.0/users/{aad}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '{catalog}'
//   GET  {graph}/v1.0/users/{aad}/teamwork/installedApps/{installationId}/chat
// The token is cached until shortly before it expires (one request at a time). Errors are logged with the
// step and the HTTP status (and Graph's error code), never the secret, the token or the person's id.
import { logger } from '../platform/logger.js';
import type { GraphConfig } from './graph-config.js';

export class GraphError extends Error {
  constructor(
    readonly step: 'token' | 'install' | 'lookup' | 'chat',
    readonly status: number,
    readonly code?: string,
  ) {
    super(`graph ${step}: ${status}${code ? ` ${code}` : ''}`);
    this.name = 'GraphError';
  }
}

export interface GraphInstallResult {
  chatId: string;
  /** False when Graph answered 409: the app was already installed for the person. */
  installedNow: boolean;
}

export interface GraphInstallerOptions {
  fetch?: typeof fetch;
  /** Lookups of a fresh installation that Graph does not list yet are retried this many times. */
  lookupAttempts?: number;
  lookupDelayMs?: number;
  /** Seconds before expiry when a cached token is no longer used. */
  tokenMarginSeconds?: number;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

export class GraphAppInstaller {
  private token?: CachedToken;
  private pending?: Promise<string>;
  private readonly fetch: typeof fetch;

  constructor(
    private readonly config: GraphConfig,
    private readonly options: GraphInstallerOptions = {},
  ) {
    this.fetch = options.fetch ?? fetch;
  }

  /** Installs the app for the user (AAD object id) when needed and returns the id of their chat with the bot. */
  async installForUser(aadObjectId: string): Promise<GraphInstallResult> {
    const user = `${this.config.graphBaseUrl}/v1.0/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`;
    const install = await this.call('install', 'POST', user, {
      'teamsApp@odata.bind': `${this.config.graphBaseUrl}/v1.0/appCatalogs/teamsApps/${this.config.catalogAppId}`,
    });
    if (install.status !== 201 && install.status !== 409) throw await this.failure('install', install);
    const installedNow = install.status === 201;
    await install.body?.cancel().catch(() => undefined);

    const filter = `teamsApp/id eq '${this.config.catalogAppId}'`;
    const listUrl = `${user}?$expand=teamsApp&$filter=${encodeURIComponent(filter)}`;
    let installationId: string | undefined;
    const attempts = this.options.lookupAttempts ?? 3;
    for (let i = 0; i < attempts && !installationId; i++) {
      if (i > 0) await sleep(this.options.lookupDelayMs ?? 1000);
      const list = await this.call('lookup', 'GET', listUrl);
      if (list.status !== 200) throw await this.failure('lookup', list);
      const body = (await list.json()) as { value?: Array<{ id?: string; teamsApp?: { id?: string } }> };
      installationId = body.value?.find((v) => !v.teamsApp?.id || v.teamsApp.id === this.config.catalogAppId)?.id;
    }
    if (!installationId) throw new GraphError('lookup', 404, 'InstallationNotListed');

    const chat = await this.call('chat', 'GET', `${user}/${encodeURIComponent(installationId)}/chat`);
    if (chat.status !== 200) throw await this.failure('chat', chat);
    const chatId = ((await chat.json()) as { id?: string }).id;
    if (!chatId) throw new GraphError('chat', 502, 'NoChatId');
    logger.info({ step: 'graph', installedNow }, 'teams app available for a person through Graph');
    return { chatId, installedNow };
  }

  /** A request with the app token; a 401 drops the cached token and retries once with a new one. */
  private async call(step: GraphError['step'], method: 'GET' | 'POST', url: string, body?: unknown): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      let res: Response;
      try {
        res = await this.fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      } catch (err) {
        logger.warn(
          { step, err: { name: (err as Error).name, code: (err as { cause?: { code?: string } }).cause?.code } },
          'graph request failed',
        );
        throw new GraphError(step, 0, 'NetworkError');
      }
      if (res.status === 401 && attempt === 0) {
        await res.body?.cancel().catch(() => undefined);
        this.token = undefined;
        continue;
      }
      return res;
    }
  }

  private async accessToken(): Promise<string> {
    const margin = (this.options.tokenMarginSeconds ?? 120) * 1000;
    if (this.token && this.token.expiresAt - margin > Date.now()) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const url = `${this.config.loginBaseUrl}/${encodeURIComponent(this.config.tenantId)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    let res: Response;
    try {
      res = await this.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      });
    } catch (err) {
      logger.warn(
        { step: 'token', err: { name: (err as Error).name, code: (err as { cause?: { code?: string } }).cause?.code } },
        'graph token request failed',
      );
      throw new GraphError('token', 0, 'NetworkError');
    }
    if (res.status !== 200) throw await this.failure('token', res);
    const body = (await res.json()) as { token_type?: string; expires_in?: number | string; access_token?: string };
    if (!body.access_token || (body.token_type && body.token_type.toLowerCase() !== 'bearer'))
      throw new GraphError('token', 502, 'InvalidTokenResponse');
    const seconds = Number(body.expires_in ?? 3599);
    this.token = { value: body.access_token, expiresAt: Date.now() + (Number.isFinite(seconds) ? seconds : 3599) * 1000 };
    return body.access_token;
  }

  /** Reads Graph's (or the token endpoint's) error code and logs the status; never the body's free text. */
  private async failure(step: GraphError['step'], res: Response): Promise<GraphError> {
    let code: string | undefined;
    try {
      const body = (await res.json()) as { error?: { code?: string } | string };
      code = typeof body.error === 'string' ? body.error : body.error?.code;
    } catch {
      code = undefined;
    }
    code = code?.replace(/[^\w.-]/g, '').slice(0, 60);
    logger.warn({ step, status: res.status, graphCode: code }, 'graph request refused');
    return new GraphError(step, res.status, code);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
