// Configuration of proactive app installation through Microsoft Graph: when Teams refuses a proactive
// message because the app is not installed for the person, the bot installs it for them and retries.
// Off unless GRAPH_PROACTIVE_INSTALL=true. A wrong value stops start-up with a message naming the variable,
// never its value (the client secret). The client may be its own app registration (GRAPH_CLIENT_ID,
// GRAPH_CLIENT_SECRET, GRAPH_TENANT_ID) or the bot's own SingleTenant registration (MICROSOFT_APP_*),
// with the application permission TeamsAppInstallation.ReadWriteSelfForUser.All (admin consent).
import { z } from 'zod/v4';
import { ConfigError } from '../platform/config-error.js';

export interface GraphConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The app's id in the tenant app catalog (Teams admin center → Manage apps → the app → App ID). */
  catalogAppId: string;
  /** https://graph.microsoft.com, without a trailing slash. */
  graphBaseUrl: string;
  /** https://login.microsoftonline.com, without a trailing slash. */
  loginBaseUrl: string;
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A tenant is named by its GUID or one of its domains (laocai.onmicrosoft.com). */
const TENANT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i;
const baseUrl = (fallback: string) =>
  optional.pipe(
    z
      .url({ protocol: /^https?$/ })
      .optional()
      .transform((v) => (v ?? fallback).replace(/\/+$/, '')),
  );

const schema = z
  .object({
    GRAPH_PROACTIVE_INSTALL: optional.pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).optional()),
    GRAPH_TENANT_ID: optional,
    GRAPH_CLIENT_ID: optional,
    GRAPH_CLIENT_SECRET: optional,
    TEAMS_APP_CATALOG_ID: optional,
    GRAPH_BASE_URL: baseUrl('https://graph.microsoft.com'),
    GRAPH_LOGIN_BASE_URL: baseUrl('https://login.microsoftonline.com'),
    MICROSOFT_APP_ID: optional,
    MICROSOFT_APP_PASSWORD: optional,
    MICROSOFT_APP_TENANT_ID: optional,
    MICROSOFT_APP_TYPE: optional,
  })
  .transform((env, ctx): GraphConfig | null => {
    const on = ['true', '1', 'yes', 'on'].includes(env.GRAPH_PROACTIVE_INSTALL ?? 'false');
    if (!on) return null;
    // The bot's own registration can be reused only when it lives in the province's tenant (SingleTenant).
    const reuse = !env.GRAPH_CLIENT_ID && env.MICROSOFT_APP_TYPE === 'SingleTenant';
    const tenantId = env.GRAPH_TENANT_ID ?? (reuse ? env.MICROSOFT_APP_TENANT_ID : undefined);
    const clientId = env.GRAPH_CLIENT_ID ?? (reuse ? env.MICROSOFT_APP_ID : undefined);
    const clientSecret = env.GRAPH_CLIENT_SECRET ?? (reuse ? env.MICROSOFT_APP_PASSWORD : undefined);
    const need = 'bắt buộc khi GRAPH_PROACTIVE_INSTALL=true (hoặc dùng MICROSOFT_APP_* của ứng dụng SingleTenant)';
    if (!tenantId) ctx.addIssue({ code: 'custom', path: ['GRAPH_TENANT_ID'], message: need });
    else if (!TENANT.test(tenantId))
      ctx.addIssue({ code: 'custom', path: ['GRAPH_TENANT_ID'], message: 'phải là mã GUID hoặc tên miền của tenant' });
    if (!clientId) ctx.addIssue({ code: 'custom', path: ['GRAPH_CLIENT_ID'], message: need });
    if (!clientSecret) ctx.addIssue({ code: 'custom', path: ['GRAPH_CLIENT_SECRET'], message: need });
    if (env.GRAPH_CLIENT_ID && !env.GRAPH_CLIENT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['GRAPH_CLIENT_SECRET'], message: 'bắt buộc khi đã đặt GRAPH_CLIENT_ID' });
    }
    if (!env.TEAMS_APP_CATALOG_ID)
      ctx.addIssue({ code: 'custom', path: ['TEAMS_APP_CATALOG_ID'], message: 'bắt buộc khi GRAPH_PROACTIVE_INSTALL=true' });
    else if (!GUID.test(env.TEAMS_APP_CATALOG_ID)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEAMS_APP_CATALOG_ID'],
        message: 'phải là mã GUID của ứng dụng trong danh mục ứng dụng của tenant',
      });
    }
    if (!tenantId || !clientId || !clientSecret || !env.TEAMS_APP_CATALOG_ID) return z.NEVER;
    return {
      tenantId,
      clientId,
      clientSecret,
      catalogAppId: env.TEAMS_APP_CATALOG_ID,
      graphBaseUrl: env.GRAPH_BASE_URL,
      loginBaseUrl: env.GRAPH_LOGIN_BASE_URL,
    };
  });

/** The Graph installation settings, or null when proactive installation is off. Throws ConfigError. */
export function loadGraphConfig(source: NodeJS.ProcessEnv = process.env): GraphConfig | null {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(môi trường)'}: ${issue.message}`));
  }
  return parsed.data;
}
