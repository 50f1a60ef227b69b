// The Bot Framework adapter of /api/messages (Teams, the Emulator, the terminal chat): authenticated
// when the Microsoft app credentials are configured; replies retried on 429 and hung connectors, and
// every text sent as escaped markdown (line breaks survive, typed markup stays inert).
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { AppConfig } from '../config.js';
import { plainTextMiddleware } from './plain-text-middleware.js';
import { SendRetryMiddleware } from './send-retry.js';

export function createAdapter(config: AppConfig): TeamsAdapter {
  const adapter = config.authEnabled ? authenticatedAdapter(config) : new TeamsAdapter({});
  // Replies are retried on 429 and hung connectors; every text is sent as escaped markdown.
  adapter.use(new SendRetryMiddleware());
  adapter.use(plainTextMiddleware);
  return adapter;
}

function authenticatedAdapter(config: AppConfig): TeamsAdapter {
  return new TeamsAdapter({
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
  });
}
