// Quiet logs during tests (TEST_LOG_LEVEL=debug to see them); the tests assert behaviour, not log lines.
import { logger } from '../../services/platform/logger.js';

logger.level = process.env.TEST_LOG_LEVEL ?? 'silent';
