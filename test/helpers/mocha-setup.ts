// Quiet logs during tests (TEST_LOG_LEVEL=debug to see them); the tests assert behaviour, not log lines.
import { logger } from '../../services/platform/logger.js';

logger.level = process.env.TEST_LOG_LEVEL ?? 'silent';

// TEST_PROFILE=<file>: one line per test file with its CPU and wall time, measured inside the worker.
import { appendFileSync } from 'node:fs';
let start: { cpu: NodeJS.CpuUsage; wall: number } | undefined;
export const mochaHooks = process.env.TEST_PROFILE
  ? {
      beforeAll(this: Mocha.Context) {
        start = { cpu: process.cpuUsage(), wall: Date.now() };
      },
      afterAll(this: Mocha.Context) {
        if (!start) return;
        const cpu = process.cpuUsage(start.cpu);
        const root = this.test?.parent;
        const file = root?.suites.find((s) => s.file)?.file ?? root?.file ?? '?';
        const line = `${((cpu.user + cpu.system) / 1e6).toFixed(2)} ${((Date.now() - start.wall) / 1000).toFixed(2)} ${process.pid} ${file}\n`;
        appendFileSync(process.env.TEST_PROFILE!, line);
      },
    }
  : {};
