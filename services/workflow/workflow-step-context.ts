// What a step of the workflow (the decision, the evaluation) acts with: the database, the notifier whose
// outbox its transactions write to, the province's workflow configuration, its working calendar and
// today's Vietnamese date. Each step's service builds it once; the modules of that step take it as their
// first argument.
import type { DataSource } from 'typeorm';
import { WorkingCalendar } from '../calendar/working-days.js';
import { todayVN } from '../calendar/local-date.js';
import type { Notifier } from '../notifications/notifier.js';
import type { WorkflowConfig } from './workflow-config.js';

export interface WorkflowStepOptions {
  config: WorkflowConfig;
  calendar?: WorkingCalendar;
  /** Tests move the date; otherwise the Vietnamese date. */
  today?: () => string;
}

export interface WorkflowStepContext {
  dataSource: DataSource;
  notifier: Notifier;
  config: WorkflowConfig;
  calendar: WorkingCalendar;
  today: () => string;
}

export function workflowStepContext(dataSource: DataSource, notifier: Notifier, options: WorkflowStepOptions): WorkflowStepContext {
  return {
    dataSource,
    notifier,
    config: options.config,
    calendar: options.calendar ?? new WorkingCalendar(options.config.calendar),
    today: options.today ?? (() => todayVN()),
  };
}
