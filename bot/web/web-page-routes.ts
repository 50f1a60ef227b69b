// The pages and static files: the chat and the dashboard (when the web chat is on), the decision link page, /static and two vendor bundles.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type restify from 'restify';
import { PAGES, STATIC_FILE, CONTENT_TYPES, type WebKit } from './web-kit.js';

export function registerPageRoutes(server: restify.Server, kit: WebKit): void {
  const { config, publicDir, vendor, page, staticFile } = kit;
  if (config.enabled) {
    server.get('/', page(PAGES.chat));
    server.get('/dashboard', page(PAGES.dashboard));
    server.get('/library', page(PAGES.library));
  }
  server.get('/d/:token', page(PAGES.link));
  server.get('/static/:file', async (req, res) => {
    const file = String(req.params.file ?? '');
    const path = join(publicDir, file);
    if (!STATIC_FILE.test(file) || !existsSync(path)) {
      res.send(404);
      return;
    }
    staticFile(path, CONTENT_TYPES[file.split('.').pop()!]!)(req, res);
  });
  server.get('/vendor/:file', async (req, res) => {
    const name = String(req.params.file ?? '');
    // Own names only: "__proto__" or "constructor" must not reach the file system as a path.
    const path = Object.hasOwn(vendor, name) ? vendor[name] : undefined;
    if (!path) {
      res.send(404);
      return;
    }
    staticFile(path, CONTENT_TYPES.js!)(req, res);
  });
}
