// The deployment files, checked offline: the Kubernetes manifests (rendered with `kubectl kustomize`
// where kubectl is installed) hold together (probes, replicas, PDB, HPA, Ingress TLS, migration Job,
// names that reference each other) and their settings pass the bot's own configuration validation;
// the Dockerfile is multi-stage, non-root, with a health check, and copies only paths that exist;
// docker-compose runs migrations before the bot on PostgreSQL; the Grafana dashboard queries metrics
// the bot really exposes.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { loadConfig } from '../bot/config.js';
import { metricsRegistry } from '../services/platform/metrics.js';
import { loadMetricsConfig } from '../bot/http/metrics-route.js';
import { loadRetentionConfig } from '../services/privacy/retention.js';

const root = path.resolve(__dirname, '..');
const k8s = path.join(root, 'deployment/k8s');

// Loosely typed Kubernetes objects: the test asserts on their shape.
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

function parseDocs(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      assert.deepEqual(doc.errors, [], 'YAML parses');
      return doc.toJS() as K8sObject | null;
    })
    .filter((doc): doc is K8sObject => doc !== null);
}

function kubectlAvailable(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
}

/** The base as listed in its kustomization (used where kubectl is missing). */
function baseDocs(): K8sObject[] {
  const kustomization = parseYaml(readFileSync(path.join(k8s, 'base/kustomization.yaml'), 'utf8')) as { resources: string[] };
  return kustomization.resources.flatMap((file) => parseDocs(readFileSync(path.join(k8s, 'base', file), 'utf8')));
}

function byKind(docs: K8sObject[], kind: string): K8sObject[] {
  return docs.filter((d) => d.kind === kind);
}

function one(docs: K8sObject[], kind: string): K8sObject {
  const found = byKind(docs, kind);
  assert.equal(found.length, 1, `exactly one ${kind}`);
  return found[0];
}

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The structural rules every rendering (base or production) must satisfy. */
function checkRendering(docs: K8sObject[], minReplicas: number): void {
  for (const kind of [
    'Deployment',
    'Service',
    'Ingress',
    'PodDisruptionBudget',
    'HorizontalPodAutoscaler',
    'ConfigMap',
    'Job',
    'CronJob',
    'ServiceAccount',
  ]) {
    assert.ok(byKind(docs, kind).length >= 1, `${kind} present`);
  }
  const deployment = one(docs, 'Deployment');
  const pod = deployment.spec.template;
  assert.ok(deployment.spec.replicas >= minReplicas, `at least ${minReplicas} replicas`);
  assert.ok(matches(deployment.spec.selector.matchLabels, pod.metadata.labels), 'the selector selects the pods');
  assert.equal(deployment.spec.strategy.rollingUpdate.maxUnavailable, 0, 'a rollout never lowers capacity');
  assert.equal(pod.spec.securityContext.runAsNonRoot, true);
  assert.ok(pod.spec.securityContext.runAsUser > 0);
  const container = pod.spec.containers[0];
  assert.equal(container.readinessProbe.httpGet.path, '/readyz');
  assert.equal(container.livenessProbe.httpGet.path, '/healthz');
  const portName = container.readinessProbe.httpGet.port;
  const port = container.ports.find((p: { name: string }) => p.name === portName);
  assert.ok(port, 'the probe port is a named container port');
  assert.ok(container.resources.requests.cpu && container.resources.requests.memory && container.resources.limits.memory, 'resources set');
  assert.equal(container.securityContext.readOnlyRootFilesystem, true);
  assert.equal(container.securityContext.allowPrivilegeEscalation, false);
  assert.ok(
    container.volumeMounts.some((m: { mountPath: string }) => m.mountPath === '/tmp'),
    'a writable /tmp for the documents being generated',
  );
  assert.deepEqual(container.command, ['node', 'dist/bot/main.js']);
  // The drain must fit in the grace period: SHUTDOWN_TIMEOUT_MS + preStop pause.
  const config = one(docs, 'ConfigMap');
  const drainSeconds = Number(config.data!.SHUTDOWN_TIMEOUT_MS) / 1000 + 5;
  assert.ok(pod.spec.terminationGracePeriodSeconds > drainSeconds, 'grace period longer than the drain');
  assert.equal(Number(config.data!.PORT), port.containerPort);

  const envFrom = (c: { envFrom: { configMapRef?: { name: string }; secretRef?: { name: string } }[] }) => ({
    config: c.envFrom.find((e) => e.configMapRef)?.configMapRef?.name,
    secret: c.envFrom.find((e) => e.secretRef)?.secretRef?.name,
  });
  const secretName = envFrom(container).secret;
  assert.equal(envFrom(container).config, config.metadata.name);

  const service = one(docs, 'Service');
  assert.ok(matches(service.spec.selector, pod.metadata.labels), 'the Service selects the pods');
  assert.equal(service.spec.ports[0].targetPort, portName);

  const pdb = one(docs, 'PodDisruptionBudget');
  assert.ok(matches(pdb.spec.selector.matchLabels, pod.metadata.labels), 'the PDB covers the pods');
  assert.ok(
    pdb.spec.minAvailable >= 1 && pdb.spec.minAvailable < deployment.spec.replicas,
    'a drain can proceed and never empties the service',
  );

  const hpa = one(docs, 'HorizontalPodAutoscaler');
  assert.equal(hpa.spec.scaleTargetRef.kind, 'Deployment');
  assert.equal(hpa.spec.scaleTargetRef.name, deployment.metadata.name);
  assert.ok(hpa.spec.minReplicas >= 2 && hpa.spec.maxReplicas >= hpa.spec.minReplicas);
  assert.ok(hpa.spec.minReplicas <= deployment.spec.replicas, 'the HPA does not fight the Deployment downwards');

  const ingress = one(docs, 'Ingress');
  const tls = ingress.spec.tls[0];
  assert.ok(tls.secretName, 'a TLS certificate secret');
  for (const rule of ingress.spec.rules) {
    assert.ok(tls.hosts.includes(rule.host), `${rule.host} is served over TLS`);
    for (const p of rule.http.paths) {
      assert.equal(p.backend.service.name, service.metadata.name);
      assert.equal(p.backend.service.port.name, service.spec.ports[0].name);
    }
    assert.ok(
      rule.http.paths.some((p: { path: string }) => p.path === '/api/' || p.path === '/'),
      '/api/messages is routed',
    );
  }

  const job = one(docs, 'Job');
  const jobContainer = job.spec.template.spec.containers[0];
  assert.deepEqual(jobContainer.command.slice(-2), ['db', 'migrate']);
  assert.equal(jobContainer.image, container.image, 'migrations run with the image being rolled out');
  assert.equal(job.spec.template.spec.restartPolicy, 'Never');
  assert.deepEqual(envFrom(jobContainer), { config: config.metadata.name, secret: secretName });

  const cron = one(docs, 'CronJob');
  const cronContainer = cron.spec.jobTemplate.spec.template.spec.containers[0];
  assert.deepEqual(cronContainer.command.slice(-2), ['privacy', 'purge']);
  assert.equal(cronContainer.image, container.image);

  // The settings the pods get pass the bot's own validation (with the example Secret's values).
  const secret = parseDocs(readFileSync(path.join(k8s, 'secret.example.yaml'), 'utf8'))[0];
  assert.equal(secret.metadata.name, secretName, 'the example Secret is the one the pods read');
  const env = { ...config.data, ...secret.stringData };
  const app = loadConfig(env);
  assert.equal(app.database.kind, 'postgres');
  assert.equal(app.authEnabled, true);
  assert.equal(app.demo, false);
  assert.doesNotThrow(() => loadMetricsConfig(env));
  assert.doesNotThrow(() => loadRetentionConfig(env));
  // The purge may run longer than a turn's database bounds, but ends (cleanly) before the Job's deadline.
  const cronEnv = Object.fromEntries((cronContainer.env ?? []).map((e: { name: string; value: string }) => [e.name, e.value]));
  const cronConfig = loadConfig({ ...env, ...cronEnv });
  assert.equal(cronConfig.database.kind, 'postgres');
  const bounds = cronConfig.database.kind === 'postgres' ? cronConfig.database.timeouts : undefined;
  assert.ok(bounds && bounds.statementTimeoutMs > 10_000 && bounds.queryTimeoutMs >= bounds.statementTimeoutMs);
  assert.ok(bounds.queryTimeoutMs < cron.spec.jobTemplate.spec.activeDeadlineSeconds * 1000, 'bounded inside the Job deadline');
}

describe('deployment: Kubernetes manifests', function () {
  this.timeout(60_000);

  it('every YAML file parses', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.ya?ml$/.test(entry.name)) files.push(full);
      }
    };
    walk(path.join(root, 'deployment'));
    assert.ok(files.length >= 15);
    for (const file of files) parseDocs(readFileSync(file, 'utf8'));
  });

  it('the base holds together', () => {
    checkRendering(baseDocs(), 2);
  });

  it('the production overlay renders with kustomize and holds together', function () {
    if (!kubectlAvailable()) this.skip();
    const rendered = parseDocs(execFileSync('kubectl', ['kustomize', path.join(k8s, 'overlays/production')], { encoding: 'utf8' }));
    checkRendering(rendered, 3);
    for (const doc of rendered.filter((d) => d.kind !== 'Namespace')) {
      assert.equal(doc.metadata.namespace, 'tro-ly-doi-moi', `${doc.kind} is namespaced`);
    }
    const deployment = one(rendered, 'Deployment');
    assert.match(deployment.spec.template.spec.containers[0].image, /^registry\.laocai\.gov\.vn\/.+:\S+$/);
    assert.equal(deployment.spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable, 'DoNotSchedule');
    const ingress = one(rendered, 'Ingress');
    assert.deepEqual(ingress.spec.tls[0].hosts, ['tro-ly-doi-moi.laocai.gov.vn']);
    assert.equal(ingress.spec.rules[0].host, 'tro-ly-doi-moi.laocai.gov.vn');
    const config = one(rendered, 'ConfigMap');
    assert.equal(new URL(config.data!.PUBLIC_BASE_URL).host, 'tro-ly-doi-moi.laocai.gov.vn', 'download links point at the ingress host');
    assert.equal(one(rendered, 'Namespace').metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted');
  });

  it('the example Secret names every secret the bot reads, and the kustomization never applies it', () => {
    const secret = parseDocs(readFileSync(path.join(k8s, 'secret.example.yaml'), 'utf8'))[0];
    for (const name of [
      'DATABASE_URL',
      'MICROSOFT_APP_ID',
      'MICROSOFT_APP_PASSWORD',
      'MICROSOFT_APP_TENANT_ID',
      'METRICS_TOKEN',
      'ZALO_OA_SECRET_KEY',
      'ZALO_APP_SECRET',
      'ZALO_TOKEN_ENCRYPTION_KEY',
      'ZALO_BOT_TOKEN',
      'ZALO_BOT_SECRET',
      'WEB_SESSION_SECRET',
      'FILE_LINK_SECRET',
    ]) {
      assert.ok(name in secret.stringData!, `${name} in the example Secret`);
    }
    // Shared by every replica (sessions and download links made on one are honoured by the others):
    // placeholders only, of the required length, never a real value.
    for (const name of ['WEB_SESSION_SECRET', 'FILE_LINK_SECRET']) {
      assert.match(secret.stringData![name], /^REPLACE_ME/, `${name} is a placeholder`);
      assert.ok(secret.stringData![name].length >= 32, `${name} placeholder has the required length`);
    }
    assert.ok(
      baseDocs().every((d) => d.kind !== 'Secret'),
      'no Secret in the base',
    );
    const config = one(baseDocs(), 'ConfigMap');
    for (const key of Object.keys(config.data!)) {
      assert.ok(!/PASSWORD|SECRET|TOKEN|DATABASE_URL/.test(key), `${key} does not belong in a ConfigMap`);
    }
  });

  it('behind the ingress, rate limits use the client address the ingress forwards (WEB_TRUST_PROXY)', () => {
    const docs = baseDocs();
    assert.ok(byKind(docs, 'Ingress').length >= 1, 'the pods are reached through an ingress');
    assert.equal(one(docs, 'ConfigMap').data!.WEB_TRUST_PROXY, 'true');
    const ingress = one(docs, 'Ingress');
    assert.match(
      ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'] ?? '',
      /^\d+[km]$/,
      'a body size limit at the ingress',
    );
  });
});

describe('deployment: Dockerfile and compose', function () {
  const dockerfile = readFileSync(path.join(root, 'deployment/Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('is multi-stage, runs as a non-root user with a health check and the bot as PID 1 (no npm)', () => {
    const froms = instructions.filter((l) => /^FROM /i.test(l));
    assert.ok(froms.length >= 2, 'multi-stage');
    const lastStage = instructions.slice(instructions.lastIndexOf(froms[froms.length - 1]));
    const user = lastStage.filter((l) => /^USER /i.test(l)).pop();
    assert.ok(user, 'USER set in the final stage');
    const uid = user!.split(/\s+/)[1].split(':')[0];
    assert.match(uid, /^\d+$/, 'numeric (Kubernetes runAsNonRoot can check it)');
    assert.notEqual(Number(uid), 0);
    const health = lastStage.find((l) => /^HEALTHCHECK /i.test(l));
    assert.ok(health && health.includes('/healthz'));
    const cmd = lastStage.find((l) => /^CMD /i.test(l))!;
    assert.deepEqual(JSON.parse(cmd.slice(4)), ['node', 'dist/bot/main.js'], 'compiled JavaScript, no tsx');
    assert.ok(lastStage.some((l) => /^EXPOSE 3978$/.test(l)));
    assert.ok(
      !lastStage.some((l) => /^RUN .*npm (ci|install)/.test(l)),
      'no install in the final stage: node_modules come pruned from the deps stage',
    );
    assert.ok(
      instructions.some((l) => /npm prune --omit=dev/.test(l)),
      'devDependencies (typescript, mocha, ...) are not shipped',
    );
  });

  it('copies only paths that exist, and .dockerignore does not hide them', () => {
    const ignore = readFileSync(path.join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const must of ['node_modules', '.env', '.git', 'data']) assert.ok(ignore.includes(must), `.dockerignore excludes ${must}`);
    const copies = instructions.filter((l) => /^COPY /i.test(l) && !/--from=/.test(l));
    assert.ok(copies.length >= 5);
    for (const copy of copies) {
      const parts = copy
        .split(/\s+/)
        .slice(1)
        .filter((p) => !p.startsWith('--'));
      for (const source of parts.slice(0, -1)) {
        assert.ok(existsSync(path.join(root, source)), `${source} exists`);
        assert.ok(!ignore.includes(source) && !ignore.some((i) => source.startsWith(`${i}/`)), `${source} is not ignored`);
      }
    }
    // Everything the bot reads at run time from the package root (services/platform/paths.ts) is in the image.
    for (const needed of [
      'package.json',
      'config',
      'knowledge/curated',
      'web',
      'deployment/teams',
      'services/directory/demo-directory.csv',
    ]) {
      assert.ok(
        copies.some((c) => c.split(/\s+/).includes(needed)),
        `${needed} copied`,
      );
    }
  });

  it('builds on a closed network: no BuildKit frontend, the base image a build argument (compose too), compiled code only', () => {
    assert.ok(!/^#\s*syntax=/m.test(dockerfile), 'a `# syntax=` line makes BuildKit fetch a frontend image from Docker Hub');
    assert.ok(!instructions.some((l) => /--mount=|<</.test(l)), 'no BuildKit-only cache mounts or heredocs');
    const froms = instructions.filter((l) => /^FROM /i.test(l));
    assert.ok(
      froms.every((l) => /^FROM \$\{NODE_IMAGE\}( AS \w+)?$/i.test(l)),
      'every stage FROM ${NODE_IMAGE}',
    );
    assert.ok(
      instructions.some((l) => /^RUN .*npm run build/.test(l)),
      'compiled in the build stage',
    );
    const lastStage = instructions.slice(instructions.lastIndexOf(froms[froms.length - 1]!));
    assert.ok(
      lastStage.some((l) => /^COPY --from=build \/app\/dist /.test(l)),
      'the final stage gets dist/ from the build stage',
    );
    assert.ok(!lastStage.some((l) => /^COPY (bot|dialogs|entities|services) /.test(l)), 'no TypeScript sources in the final stage');
    const compose = parseYaml(readFileSync(path.join(root, 'deployment/docker-compose.yml'), 'utf8')) as {
      services: { migrate: { build: { args?: Record<string, string> }; command: string[] } };
    };
    assert.match(
      compose.services.migrate.build.args?.NODE_IMAGE ?? '',
      /^\$\{NODE_IMAGE:-node:20/,
      'compose passes the base image through',
    );
    assert.deepEqual(compose.services.migrate.command, ['node', 'dist/bot/cli.js', 'db', 'migrate']);
  });

  it('compose runs the migrations, then the bot on PostgreSQL', () => {
    const compose = parseYaml(readFileSync(path.join(root, 'deployment/docker-compose.yml'), 'utf8')) as {
      services: Record<
        string,
        {
          image?: string;
          command?: string[];
          environment?: Record<string, string>;
          depends_on?: Record<string, { condition: string }>;
          ports?: string[];
          healthcheck?: unknown;
          build?: { context: string; dockerfile: string };
        }
      >;
    };
    const { db, migrate, bot } = compose.services;
    assert.ok(db && migrate && bot);
    assert.match(db.image!, /^postgres:15/);
    assert.ok(db.healthcheck, 'the database reports when it is ready');
    assert.equal(db.ports, undefined, 'the database is not published');
    assert.deepEqual(migrate.command!.slice(-2), ['db', 'migrate']);
    assert.equal(migrate.depends_on!.db.condition, 'service_healthy');
    assert.equal(bot.depends_on!.migrate.condition, 'service_completed_successfully');
    assert.equal(path.resolve(root, 'deployment', migrate.build!.context), root);
    assert.ok(existsSync(path.join(root, migrate.build!.dockerfile)));
    assert.match(bot.environment!.DATABASE_URL, /^postgres:\/\/[^@]+@db:5432\//);
    const env = Object.fromEntries(Object.entries(bot.environment!).map(([k, v]) => [k, String(v).replace(/\$\{\w+:-([^}]*)\}/g, '$1')]));
    // Fail closed: the compose file serves only with the Bot Framework credentials given to it.
    assert.throws(() => loadConfig({ ...env, NODE_ENV: 'production' }), /MICROSOFT_APP_ID/);
    const config = loadConfig({
      ...env,
      NODE_ENV: 'production',
      MICROSOFT_APP_ID: 'app',
      MICROSOFT_APP_PASSWORD: 'p',
      MICROSOFT_APP_TYPE: 'MultiTenant',
      FILE_LINK_SECRET: 'x'.repeat(32),
    });
    assert.equal(config.database.kind, 'postgres');
  });

  it('compose passes the shared secrets from the environment, never a value, and trusts no forwarded address', () => {
    const compose = parseYaml(readFileSync(path.join(root, 'deployment/docker-compose.yml'), 'utf8')) as {
      services: Record<string, { environment?: Record<string, string>; image?: string }>;
    };
    const env = compose.services.bot.environment!;
    for (const name of ['WEB_SESSION_SECRET', 'FILE_LINK_SECRET', 'MICROSOFT_APP_PASSWORD', 'METRICS_TOKEN']) {
      assert.equal(env[name], `\${${name}:-}`, `${name} comes from the environment`);
    }
    // No reverse proxy in the compose file: the bot is reached directly, so X-Forwarded-For is the client's word.
    assert.ok(
      !Object.values(compose.services).some((svc) => /nginx|caddy|traefik|haproxy|envoy/.test(svc.image ?? '')),
      'no proxy service (else: a body size limit there)',
    );
    assert.equal(env.WEB_TRUST_PROXY, 'false');
  });
});

describe('deployment: Grafana dashboard', () => {
  it('is valid JSON and queries only metrics the bot exposes', async () => {
    const dashboard = JSON.parse(readFileSync(path.join(root, 'deployment/grafana/tro-ly-doi-moi-dashboard.json'), 'utf8')) as {
      uid: string;
      panels: { title: string; targets: { expr: string }[] }[];
    };
    assert.equal(dashboard.uid, 'tro-ly-doi-moi');
    const exposed = new Set<string>();
    for (const metric of await metricsRegistry.getMetricsAsJSON()) {
      exposed.add(metric.name);
      if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) exposed.add(`${metric.name}${suffix}`);
    }
    const used = new Set<string>();
    for (const panel of dashboard.panels) {
      assert.ok(panel.targets.length > 0, `${panel.title} has a query`);
      for (const target of panel.targets) for (const m of target.expr.matchAll(/\btld_\w+/g)) used.add(m[0]);
    }
    for (const name of [
      'tld_turns_total',
      'tld_turn_duration_seconds_bucket',
      'tld_db_pool_connections',
      'tld_job_queue_jobs',
      'tld_outbox_backlog',
      'tld_zalo_api_errors_total',
    ]) {
      assert.ok(used.has(name), `the dashboard shows ${name}`);
    }
    for (const name of used) assert.ok(exposed.has(name), `${name} is exposed by /metrics`);
  });
});
