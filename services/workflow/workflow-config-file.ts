// Where the workflow configuration is read from: loadWorkflowConfig(path) → that path; otherwise env
// WORKFLOW_CONFIG_FILE; otherwise config/workflow.yaml at the repository root, and when that default file
// does not exist, the built-in defaults. A named file (argument or env) that does not exist is an error.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { assetPath } from '../platform/paths.js';
import { defaultWorkflowConfig, parseWorkflowConfig, type WorkflowConfig } from './workflow-config.js';
import { WorkflowConfigError } from './workflow-config-errors.js';

export const DEFAULT_WORKFLOW_CONFIG_PATH = assetPath('config', 'workflow.yaml');

/** Which file loadWorkflowConfig reads, and whether it must exist. */
export function resolveWorkflowConfigPath(explicit?: string): { file: string; required: boolean } {
  if (explicit) return { file: path.resolve(explicit), required: true };
  const fromEnv = process.env.WORKFLOW_CONFIG_FILE?.trim();
  if (fromEnv) return { file: path.resolve(fromEnv), required: true };
  return { file: DEFAULT_WORKFLOW_CONFIG_PATH, required: false };
}

/**
 * Reads and validates the workflow configuration (YAML or JSON: JSON is valid YAML). Throws
 * WorkflowConfigError naming the file and the wrong keys.
 */
export function loadWorkflowConfig(file?: string): WorkflowConfig {
  const { file: resolved, required } = resolveWorkflowConfigPath(file);
  if (!existsSync(resolved)) {
    if (required) throw new WorkflowConfigError(resolved, [{ key: '', message: 'không tìm thấy tệp' }]);
    return defaultWorkflowConfig;
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(resolved, 'utf8'));
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const where = err.linePos?.[0] ? `dòng ${err.linePos[0].line}, cột ${err.linePos[0].col}` : 'không rõ vị trí';
      throw new WorkflowConfigError(resolved, [{ key: '', message: `lỗi cú pháp YAML (${where}): ${err.code}` }]);
    }
    throw new WorkflowConfigError(resolved, [{ key: '', message: `không đọc được tệp: ${(err as Error).message}` }]);
  }
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new WorkflowConfigError(resolved, [{ key: '', message: 'nội dung phải là một bảng khóa: giá trị' }]);
  }
  return parseWorkflowConfig(raw, resolved);
}
