// The message catalogue: every text the bot shows, in Vietnamese, one module per area.
export { core } from './core.js';
export { calendar } from './calendar.js';
export { directory } from './directory.js';
export { knowledge } from './knowledge.js';
export { wizard } from './wizard.js';
export { decisions } from './decisions.js';
export { zalo } from './zalo.js';
export { operations } from './operations.js';
export { afterDecision } from './after-decision.js';
export { web } from './web.js';
export { files } from './files.js';
export { replies } from './replies.js';
export { forChannel } from './channel-wording.js';
export { campaigns } from './campaigns.js';
export { obstacles } from './obstacles.js';
export { planImport } from './plan-import.js';
export { library, writing } from './library.js';
export { lookup } from './lookup.js';
