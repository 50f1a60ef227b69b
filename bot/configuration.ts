// The whole configuration of a process, read from the environment once, at start-up, by the
// composition root. Each section's schema lives beside the code it configures; this is the one place
// they are read, and every problem of every section is reported at once, naming the variable (never its
// value). Nothing else reads process.env.
import { ConfigError } from '../services/platform/config-error.js';
import { loadKnowledgeConfig, type KnowledgeConfig } from '../services/knowledge/knowledge-config.js';
import { loadPlanImportConfig, type PlanImportConfig } from '../services/plan-import/plan-import-config.js';
import { loadGraphConfig, type GraphConfig } from '../services/notifications/graph-config.js';
import { loadDeliveryConfig, type DeliveryConfig } from '../services/notifications/delivery-config.js';
import type { WorkflowConfig } from '../services/workflow/workflow-config.js';
import { WorkflowConfigError } from '../services/workflow/workflow-config-errors.js';
import { loadWorkflowConfig } from '../services/workflow/workflow-config-file.js';
import { loadZaloConfig, type ZaloConfig } from '../services/zalo/zalo-config.js';
import { loadConfig, type AppConfig } from './config.js';
import { loadMetricsConfig, type MetricsConfig } from './http/metrics-route.js';
import { loadWebConfig, type WebConfig } from './web/web-config.js';

export interface Configuration {
  /** Server, database, Bot Framework credentials, demo mode. */
  app: AppConfig;
  /** Deadlines, reminders, coverage, fields, calendar (config/workflow.yaml). */
  workflow: WorkflowConfig;
  knowledge: KnowledgeConfig;
  zalo: ZaloConfig;
  web: WebConfig;
  /** Installing the Teams app through Microsoft Graph; null when off. */
  graph: GraphConfig | null;
  metrics: MetricsConfig;
  /** The pace of proactive messages (NOTIFY_*). */
  delivery: DeliveryConfig;
  /** A plan read from a document: size limit, download hosts. */
  planImport: PlanImportConfig;
}

export type Environment = Record<string, string | undefined>;

function problemsOf(err: unknown): string[] {
  if (err instanceof ConfigError) return err.problems;
  if (err instanceof WorkflowConfigError) return [err.message];
  const problems = (err as { problems?: unknown }).problems;
  if (Array.isArray(problems)) return problems.map(String);
  if (err instanceof Error && /không hợp lệ/.test(err.message)) {
    return err.message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^\s*-\s*/, ''));
  }
  throw err;
}

// deployment/k8s/secret.example.yaml's placeholders: a copy applied unfilled must not start a server
// that signs links with a published secret or calls Azure with a zero app id.
const PLACEHOLDER = /REPLACE_ME/i;
const ZERO_GUID = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;

function placeholderProblems(env: Environment): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (PLACEHOLDER.test(value) || (/^MICROSOFT_APP_(ID|TENANT_ID)$/.test(name) && ZERO_GUID.test(value.trim())))
      problems.push(`${name}: còn giá trị mẫu của secret.example.yaml; đặt giá trị thật trước khi chạy`);
  }
  return problems;
}

/** Reads every section; throws one ConfigError listing every problem found. */
export function loadConfiguration(
  env: Environment = process.env,
  options: { workflowFile?: string; serving?: boolean } = {},
): Configuration {
  const problems: string[] = placeholderProblems(env);
  const section = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (err) {
      problems.push(...problemsOf(err));
      return undefined;
    }
  };
  const app = section(() => loadConfig(env, { serving: options.serving }));
  const workflow = section(() => loadWorkflowConfig(options.workflowFile ?? env.WORKFLOW_CONFIG_FILE));
  const knowledge = section(() => loadKnowledgeConfig(env));
  const zalo = section(() => loadZaloConfig(env));
  const web = app ? section(() => loadWebConfig(app, env)) : undefined;
  const graph = section(() => loadGraphConfig(env));
  const metrics = section(() => loadMetricsConfig(env));
  const delivery = section(() => loadDeliveryConfig(env));
  const planImport = section(() => loadPlanImportConfig(env));
  if (problems.length || !app || !workflow || !knowledge || !zalo || !web || graph === undefined || !metrics || !delivery || !planImport)
    throw new ConfigError(problems);
  return { app, workflow, knowledge, zalo, web, graph, metrics, delivery, planImport };
}
