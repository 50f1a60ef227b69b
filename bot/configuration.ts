// The whole configuration of a process, read from the environment once, at start-up, by the
// composition root. Each section's schema lives beside the code it configures; this is the one place
// they are read, and every problem of every section is reported at once, naming the variable (never its
// value). Nothing else reads process.env.
import { ConfigError } from '../services/platform/config-error.js';
import { loadKnowledgeConfig, type KnowledgeConfig } from '../services/knowledge/knowledge-config.js';
import { loadGraphConfig, type GraphConfig } from '../services/notifications/graph-config.js';
import { loadDeliveryConfig, type DeliveryConfig } from '../services/notifications/delivery-config.js';
import { loadWorkflowConfig, WorkflowConfigError, type WorkflowConfig } from '../services/workflow/workflow-config.js';
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

/** Reads every section; throws one ConfigError listing every problem found. */
export function loadConfiguration(
  env: Environment = process.env,
  options: { workflowFile?: string; serving?: boolean } = {},
): Configuration {
  const problems: string[] = [];
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
  if (problems.length || !app || !workflow || !knowledge || !zalo || !web || graph === undefined || !metrics || !delivery)
    throw new ConfigError(problems);
  return { app, workflow, knowledge, zalo, web, graph, metrics, delivery };
}
