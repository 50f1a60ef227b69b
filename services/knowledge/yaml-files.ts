// The YAML files of a knowledge folder (the curated pack, the question examples), in name order: a release
// may split one into several files. A folder that does not exist holds none.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function yamlFilesIn(dir: string): { name: string; path: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((name) => ({ name, path: path.join(dir, name) }));
}
