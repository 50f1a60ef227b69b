// Coverage (Art. 2): the decree covers leaders and managers. A non-manager is told plainly how it applies
// to them; whether they may go on is the configurable rule allow / warn / block.
import type { Officer } from '../entities/officer.entity.js';
import type { WorkflowConfig } from '../services/workflow/workflow-config.js';
import { wizard } from '../services/platform/messages/wizard.js';

export type CoverageOutcome = { allowed: true; notice?: string } | { allowed: false; notice: string };

export function checkCoverage(officer: Officer, config: WorkflowConfig, contact: string): CoverageOutcome {
  if (officer.isManager) return { allowed: true };
  switch (config.coverage.nonManagerRule) {
    case 'allow':
      return { allowed: true };
    case 'warn':
      return { allowed: true, notice: wizard.coverageWarn };
    case 'block':
      return { allowed: false, notice: wizard.coverageBlock(contact) };
  }
}
