// Where a CLI command writes its lines: the terminal by default, a capture in tests.
export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const stdio: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
