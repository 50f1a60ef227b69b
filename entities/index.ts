// The registry of entities and migrations. Listed explicitly so tsx, tsc and tests see the same set.
import { BotState } from './bot-state.entity.js';
import { ChannelAccount } from './channel-account.entity.js';
import { Foundation1764460800000 } from './migrations/1764460800000-foundation.js';
import { LegalDocument } from './legal-document.entity.js';
import { LegalProvision } from './legal-provision.entity.js';
import { KnowledgeBase1764460900000 } from './migrations/1764460900000-knowledge-base.js';
import { Proposals1764461000000 } from './migrations/1764461000000-proposals.js';
import { Officer } from './officer.entity.js';
import { AuditEvent } from './audit-event.entity.js';
import { Proposal } from './proposal.entity.js';
import { ProposalRevision } from './proposal-revision.entity.js';
import { Unit } from './unit.entity.js';
import { ActingHead } from './acting-head.entity.js';
import { Decision } from './decision.entity.js';
import { CollectiveVote } from './collective-vote.entity.js';
import { NotificationOutbox } from './notification-outbox.entity.js';
import { Decisions1764461100000 } from './migrations/1764461100000-decisions.js';
import { ZaloInbox } from './zalo-inbox.entity.js';
import { ZaloOutbox } from './zalo-outbox.entity.js';
import { ZaloOaToken } from './zalo-oa-token.entity.js';
import { ZaloLinkAttempt, ZaloLinkCode } from './zalo-link-code.entity.js';
import { Zalo1764461200000 } from './migrations/1764461200000-zalo.js';

import { AfterDecision1764461300000, AFTER_DECISION_ENTITIES } from './after-decision-entities.js';
import { Web1764461400000, WebEvents1764461500000, WEB_ENTITIES } from './web-entities.js';
import { EvaluationCoverage1764461600000 } from './migrations/1764461600000-evaluation-coverage.js';
import { Campaign, CampaignRecipient } from './campaign.entity.js';
import { Campaigns1796309117046 } from './migrations/1796309117046-campaigns.js';
import { ZaloTemplates1796309118879 } from './migrations/1796309118879-zalo-templates.js';
import { ObstacleReports1796309500000 } from './migrations/1796309500000-obstacle-reports.js';
import { ObstacleReport } from './obstacle-report.entity.js';
import { CollectiveVotes1796309600000 } from './migrations/1796309600000-collective-votes.js';

export const ENTITIES = [
  Unit,
  Officer,
  ChannelAccount,
  BotState,
  LegalDocument,
  LegalProvision,
  Proposal,
  ProposalRevision,
  AuditEvent,
  Decision,
  CollectiveVote,
  ActingHead,
  NotificationOutbox,
  ZaloInbox,
  ZaloOutbox,
  ZaloOaToken,
  ZaloLinkCode,
  ZaloLinkAttempt,
  ...AFTER_DECISION_ENTITIES,
  ...WEB_ENTITIES,
  Campaign,
  CampaignRecipient,
  ObstacleReport,
];

export const MIGRATIONS = [
  Foundation1764460800000,
  KnowledgeBase1764460900000,
  Proposals1764461000000,
  Decisions1764461100000,
  Zalo1764461200000,
  AfterDecision1764461300000,
  Web1764461400000,
  WebEvents1764461500000,
  EvaluationCoverage1764461600000,
  Campaigns1796309117046,
  ZaloTemplates1796309118879,
  ObstacleReports1796309500000,
  CollectiveVotes1796309600000,
];

export { AuditEvent, BotState, ChannelAccount, Officer, Proposal, ProposalRevision, Unit };
export { LegalDocument, LegalProvision };
export { ActingHead, CollectiveVote, Decision, NotificationOutbox };
export { ZaloInbox, ZaloOutbox, ZaloOaToken, ZaloLinkCode, ZaloLinkAttempt };
