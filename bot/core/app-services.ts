// What handlers may use. Domain services know nothing of channels; handlers translate.
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config.js';
import { IdentityService } from '../../services/directory/identity-service.js';
import { ProposalEvents } from '../../services/proposals/proposal-events.js';

export interface AppServices {
  config: AppConfig;
  dataSource: DataSource;
  identity: IdentityService;
  events: ProposalEvents;
}

export function createAppServices(config: AppConfig, dataSource: DataSource): AppServices {
  return { config, dataSource, identity: new IdentityService(dataSource), events: new ProposalEvents() };
}
