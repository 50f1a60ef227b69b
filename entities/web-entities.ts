// The web face's entities and migration, registered in entities/index.ts with one line.
import { DecisionLink } from './decision-link.entity.js';
import { WebSession } from './web-session.entity.js';
import { Web1764461400000 } from './migrations/1764461400000-web.js';
import { WebEvents1764461500000 } from './migrations/1764461500000-web-events.js';
import { WebEventRow, WebPresence } from './web-event.entity.js';

export const WEB_ENTITIES = [WebSession, DecisionLink, WebEventRow, WebPresence];
export { DecisionLink, WebSession, Web1764461400000, WebEvents1764461500000 };
