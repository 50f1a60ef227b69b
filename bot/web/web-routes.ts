// The web face's routes, one group a file (its hub, adapter, sessions and links are built by the
// composition root, bot/web/web-face.ts):
//   /                 the web chat (demo: pick a demo officer; production: sign in with Microsoft Entra ID)
//   /dashboard        the dashboard (Home Affairs: the province; heads: their units)
//   /library          the province's library of innovations (every member of the directory)
//   /d/<token>        a signed one-time decision link (always served: it reaches people chat cannot)
//   /auth/login, /auth/callback   OpenID Connect with Entra ID
//   /web/api/campaigns  the campaigns a person may follow, with progress per unit (the dashboard's panel)
//   /web/api/...      JSON endpoints and the Server-Sent Events stream of the chat; /web/api/upload takes a file
// Every state-changing request carries the CSRF token (signed double-submit cookie, same-origin check).
import type { RouteRegistration } from '../routes.js';
import { registerChatRoutes } from './web-chat-routes.js';
import { registerDashboardRoutes } from './web-dashboard-routes.js';
import { registerCampaignRoutes } from './web-campaign-routes.js';
import { createWebKit } from './web-kit.js';
import { registerLibraryRoutes } from './web-library-routes.js';
import { registerLinkRoutes } from './web-link-routes.js';
import { registerObstacleRoutes } from './web-obstacle-routes.js';
import { registerPageRoutes } from './web-page-routes.js';
import { registerSignInRoutes } from './web-sign-in-routes.js';
import { registerUploadRoutes } from './web-upload-routes.js';

export const webRoutes: RouteRegistration = async (server, { container, jsonBody, onClose }) => {
  const kit = createWebKit(container, jsonBody);
  // This process's streams stop being present when it stops (the LISTEN connection closes too).
  onClose(() => kit.hub.close());
  registerPageRoutes(server, kit);
  registerLinkRoutes(server, kit);
  if (!kit.config.enabled) return;
  registerSignInRoutes(server, kit);
  registerChatRoutes(server, kit);
  registerUploadRoutes(server, kit);
  registerDashboardRoutes(server, kit);
  registerCampaignRoutes(server, kit);
  registerObstacleRoutes(server, kit);
  registerLibraryRoutes(server, kit);
};
