// Workflow configurations for tests. The shipped default makes the Party-committee consultation (Decree 73
// Art. 4.3) block approval and evaluation; tests about something else switch it off with a stated basis.
import path from 'node:path';
import { parseWorkflowConfig, type WorkflowConfig } from '../../services/workflow/workflow-config.js';

export const PARTY_STEP_OFF_FILE = path.resolve(__dirname, '..', 'fixtures', 'workflow-party-step-off.yaml');

export const WORKFLOW_WITHOUT_PARTY_STEP: WorkflowConfig = parseWorkflowConfig(
  {
    decision: { partyCommitteeConsultation: { required: false, switchedOffBasis: 'Kiểm thử: bước xin ý kiến cấp ủy được kiểm thử riêng' } },
  },
  '(kiểm thử)',
);

/** The environment of a harness without the Party-committee step. */
export const PARTY_STEP_OFF_ENV = { WORKFLOW_CONFIG_FILE: PARTY_STEP_OFF_FILE };
