// A loopback fake of the Microsoft identity platform token endpoint and of the Microsoft Graph calls used for
// proactive app installation, speaking their wire format:
//   POST /{tenant}/oauth2/v2.0/token (form: client_credentials) → 200 {token_type, expires_in, ext_expires_in, access_token}
//                                                                  401 {error:'invalid_client', error_description, error_codes…}
//   POST /v1.0/users/{id}/teamwork/installedApps {"teamsApp@odata.bind"} → 201 (no body) | 409 Conflict
//   GET  /v1.0/users/{id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '{app}' → 200 {value:[…]}
//   GET  /v1.0/users/{id}/teamwork/installedApps/{installationId}/chat → 200 {id:'19:…@unq.gbl.spaces', chatType:'oneOnOne'…}
// Graph errors are {error:{code, message, innerError:{date, request-id, client-request-id}}}.
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { LoopbackServer } from './loopback-server.js';

export const GRAPH_TENANT = '7c0c36f5-af83-4c24-8844-9962e0163719';
export const GRAPH_CLIENT = '3e1a9d2b-5b4f-4b8e-9c1d-2f6a7b8c9d0e';
export const GRAPH_SECRET = 'Zx8Q~fake.graph-secret_DO-NOT-LEAK~42';
export const CATALOG_APP = 'b1c5353a-7aca-41b3-830f-27d5218fe0e5';

export interface GraphCall {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  body: unknown;
  status: number;
}

export class FakeGraph extends LoopbackServer {
  readonly calls: GraphCall[] = [];
  /** AAD object id → installation id. */
  readonly installations = new Map<string, string>();
  /** installation id → chat id. */
  readonly chats = new Map<string, string>();
  readonly issuedTokens: string[] = [];
  /** Status for the next install requests (e.g. 403: the permission was not granted). */
  readonly installFailures: number[] = [];
  tokenLifetimeSeconds = 3599;

  callsTo(pattern: RegExp, method?: string): GraphCall[] {
    return this.calls.filter((c) => pattern.test(c.path) && (!method || c.method === method));
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const path = url.pathname;
    const contentType = String(req.headers['content-type'] ?? '');
    let body: unknown = raw;
    if (contentType.includes('application/json') && raw) body = JSON.parse(raw);
    if (contentType.includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(raw));
    const call: GraphCall = { method: req.method ?? '', path, query, authorization: req.headers.authorization, body, status: 0 };
    this.calls.push(call);
    const send = (status: number, payload?: unknown) => {
      call.status = status;
      res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json; odata.metadata=minimal' });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const graphError = (status: number, code: string, message: string) =>
      send(status, {
        error: {
          code,
          message,
          innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() },
        },
      });

    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (req.method === 'POST' && token) {
      const form = body as Record<string, string>;
      if (decodeURIComponent(token[1]!) !== GRAPH_TENANT) {
        return send(400, {
          error: 'invalid_request',
          error_description: 'AADSTS90002: Tenant not found.',
          error_codes: [90002],
          timestamp: new Date().toISOString(),
        });
      }
      if (form.grant_type !== 'client_credentials' || form.scope !== 'https://graph.microsoft.com/.default') {
        return send(400, { error: 'invalid_request', error_description: 'AADSTS900144: bad request.', error_codes: [900144] });
      }
      if (form.client_id !== GRAPH_CLIENT || form.client_secret !== GRAPH_SECRET) {
        return send(401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
          error_codes: [7000215],
        });
      }
      const access = `eyJ0eXAiOiJKV1Qi.${randomBytes(24).toString('base64url')}`;
      this.issuedTokens.push(access);
      return send(200, {
        token_type: 'Bearer',
        expires_in: this.tokenLifetimeSeconds,
        ext_expires_in: this.tokenLifetimeSeconds,
        access_token: access,
      });
    }

    const auth = /^Bearer (.+)$/.exec(call.authorization ?? '')?.[1];
    if (!auth || !this.issuedTokens.includes(auth))
      return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');

    const apps = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(path);
    if (apps && req.method === 'POST') {
      const user = decodeURIComponent(apps[1]!);
      const bind = (body as Record<string, unknown>)['teamsApp@odata.bind'];
      if (bind !== `${this.url}/v1.0/appCatalogs/teamsApps/${CATALOG_APP}`)
        return graphError(400, 'BadRequest', 'Invalid teamsApp@odata.bind');
      const failure = this.installFailures.shift();
      if (failure) return graphError(failure, failure === 403 ? 'Forbidden' : 'InternalServerError', 'Installation refused');
      if (this.installations.has(user)) return graphError(409, 'Conflict', 'App is already installed.');
      const installation = Buffer.from(`${user}##${CATALOG_APP}`).toString('base64');
      this.installations.set(user, installation);
      this.chats.set(installation, `19:${user}_${GRAPH_CLIENT}@unq.gbl.spaces`);
      return send(201);
    }
    if (apps && req.method === 'GET') {
      const user = decodeURIComponent(apps[1]!);
      if (query.$expand !== 'teamsApp' || query.$filter !== `teamsApp/id eq '${CATALOG_APP}'`)
        return graphError(400, 'BadRequest', 'Unsupported query');
      const installation = this.installations.get(user);
      return send(200, {
        '@odata.context': `${this.url}/v1.0/$metadata#users('${user}')/teamwork/installedApps(teamsApp())`,
        value: installation
          ? [
              {
                id: installation,
                consentedPermissionSet: null,
                teamsApp: { id: CATALOG_APP, externalId: GRAPH_CLIENT, displayName: 'Trợ lý Đổi mới', distributionMethod: 'organization' },
              },
            ]
          : [],
      });
    }
    const chat = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)\/chat$/.exec(path);
    if (chat && req.method === 'GET') {
      const chatId = this.chats.get(decodeURIComponent(chat[2]!));
      if (!chatId) return graphError(404, 'NotFound', 'Installation not found');
      return send(200, {
        '@odata.context': `${this.url}/v1.0/$metadata#chats/$entity`,
        id: chatId,
        topic: null,
        createdDateTime: new Date().toISOString(),
        lastUpdatedDateTime: new Date().toISOString(),
        chatType: 'oneOnOne',
        webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(chatId)}/0`,
        tenantId: GRAPH_TENANT,
      });
    }
    return graphError(404, 'NotFound', 'Resource not found');
  }
}

/** The environment that turns proactive installation on against this fake. */
export function graphEnv(fake: FakeGraph, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    GRAPH_PROACTIVE_INSTALL: 'true',
    GRAPH_TENANT_ID: GRAPH_TENANT,
    GRAPH_CLIENT_ID: GRAPH_CLIENT,
    GRAPH_CLIENT_SECRET: GRAPH_SECRET,
    TEAMS_APP_CATALOG_ID: CATALOG_APP,
    GRAPH_BASE_URL: fake.url,
    GRAPH_LOGIN_BASE_URL: fake.url,
    ...overrides,
  };
}
