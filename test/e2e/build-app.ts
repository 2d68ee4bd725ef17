// vitest globalSetup: the end-to-end tests run the built app (dist/), so it is built once per
// run, before any test file starts. Incremental, so a run with nothing changed costs little.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const tsc = join(process.cwd(), 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'],
    { stdio: 'inherit' },
  );
}
