// `BENCH_PROFILE=<dir> npm run bench` writes a CPU profile of each Tidings run (open it in
// Chrome DevTools or VS Code) to find where the time goes. Off by default: the profiler itself
// slows what it watches, and the figures are taken without it.
import { Session } from 'node:inspector/promises';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const directory = process.env.BENCH_PROFILE;

export async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (!directory) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(directory, { recursive: true });
    await writeFile(join(directory, `${name}.cpuprofile`), JSON.stringify(profile));
  }
}
