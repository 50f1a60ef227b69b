// What the knowledge feature shares with the identity step, built by the composition root before the
// application (which asks the outsider desk about people the directory does not know): the one-time
// import of the province's letter in the demo, and the desk where outsiders may ask about the law.
import type { DataSource } from 'typeorm';
import type { PolicyAnswerer } from '../../services/knowledge/policy-answerer.js';
import { importSampleLetterIfEmpty } from '../../services/knowledge/sample-letter.js';
import { logger } from '../../services/platform/logger.js';
import { zalo as zaloText } from '../../services/platform/messages/zalo.js';
import type { OutsiderDesk } from '../app.js';
import type { Configuration } from '../configuration.js';
import { isZaloChannel } from '../zalo/zalo-adapter.js';
import { createOutsiderDesk } from './outsider-questions.js';

export interface KnowledgeParts {
  /** Runs before the first answer: in the demo the province's letter is imported (inside a turn, not in the background). */
  ready: () => Promise<void>;
  outsiders: OutsiderDesk;
}

export function buildKnowledgeParts(dataSource: DataSource, answerer: PolicyAnswerer, configuration: Configuration): KnowledgeParts {
  const { app: config, zalo } = configuration;
  let sample: Promise<void> | null = config.demo ? null : Promise.resolve();
  const ready = () =>
    (sample ??= importSampleLetterIfEmpty(dataSource)
      .then((imported) => (imported ? answerer.refresh() : undefined))
      .catch((err: unknown) => logger.warn({ err }, 'sample letter not imported')));
  // People not (yet) in the directory may ask too: the answers are public law and the province's letter.
  // On Zalo the person may be in the directory but not linked yet: the answer ends with how to link.
  const outsiders = createOutsiderDesk({
    answerer,
    directoryContact: config.DIRECTORY_CONTACT,
    ready,
    footerFor: (channelId) =>
      isZaloChannel(channelId) ? zaloText.afterOutsiderAnswer(zalo.linkCodeTtlMinutes, config.DIRECTORY_CONTACT) : undefined,
    welcomeFor: (channelId) => (isZaloChannel(channelId) ? zaloText.onboarding(zalo.linkCodeTtlMinutes) : undefined),
  });
  return { ready, outsiders };
}
