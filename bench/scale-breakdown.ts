// Where the idle accounts' memory goes: one size of the scale benchmark, for one protocol or a
// mix, with the added memory split by kind (V8 heap, external, the rest of the RSS) per account.
// `node --import tsx bench/scale-breakdown.ts --types dino --count 250 --idle 5`
// (`BENCH_SCALE_SNAPSHOTS=<dir>` also writes a heap snapshot of each side).
import { parseArgs } from 'node:util';
import { fixed } from './report.js';
import { accountMakers, mixedAccounts } from './scale-accounts.js';
import { scale } from './scale.js';
import type { ScaleReport } from './scale-child.js';

const { values } = parseArgs({
  options: {
    types: { type: 'string', default: Object.keys(accountMakers).join(',') },
    count: { type: 'string', default: '1000' },
    idle: { type: 'string', default: '20' },
  },
});
const types = values.types.split(',').map((t) => t.trim()) as (keyof typeof accountMakers)[];
const count = Number(values.count);
const idleMs = Number(values.idle) * 1000;

const result = await mixedAccounts(
  count,
  (accounts) => scale(accounts, idleMs),
  types.map((type) => accountMakers[type]),
);

const kinds: [string, (r: ScaleReport) => number][] = [
  ['RSS', (r) => r.rssMiB],
  ['heap used', (r) => r.heapUsedMiB],
  ['heap total', (r) => r.heapTotalMiB],
  ['external', (r) => r.externalMiB],
  ['  of which ArrayBuffers', (r) => r.arrayBuffersMiB],
  ['RSS anonymous', (r) => r.rssAnonMiB ?? NaN],
  ['RSS of files', (r) => r.rssFileMiB ?? NaN],
  ['native (RSS − heap total − external)', (r) => r.rssMiB - r.heapTotalMiB - r.externalMiB],
  ['threads', (r) => (r.threads ?? NaN) / 2 ** 20],
];
console.log(`${count} accounts (${types.join(', ')}), ${idleMs / 1000} s idle`);
console.log('kind                              baseline MiB  tidings MiB  added MiB  KiB/account');
for (const [kind, of] of kinds) {
  const baseline = of(result.baseline);
  const tidings = of(result.tidings);
  if (kind === 'threads') {
    console.log(
      `${kind.padEnd(36)}  ${fixed(baseline * 2 ** 20).padStart(12)}  ${fixed(tidings * 2 ** 20).padStart(11)}`,
    );
    continue;
  }
  const added = tidings - baseline;
  console.log(
    [
      kind.padEnd(36),
      fixed(baseline, 1).padStart(12),
      fixed(tidings, 1).padStart(11),
      fixed(added, 1).padStart(9),
      fixed((added * 1024) / count, 1).padStart(11),
    ].join('  '),
  );
}
console.log(
  `idle CPU ms: baseline ${fixed(result.baseline.idleCpuMs, 1)}, tidings ${fixed(result.tidings.idleCpuMs, 1)}`,
);
console.log('libuv handles, baseline:', JSON.stringify(result.baseline.handles));
console.log('libuv handles, tidings: ', JSON.stringify(result.tidings.handles));
if (result.tidings.rssByMapping) {
  const names = new Set([
    ...Object.keys(result.baseline.rssByMapping ?? {}),
    ...Object.keys(result.tidings.rssByMapping),
  ]);
  for (const name of names) {
    const baseline = result.baseline.rssByMapping?.[name] ?? 0;
    const tidings = result.tidings.rssByMapping[name] ?? 0;
    console.log(
      `RSS in ${name.padEnd(16)} ${fixed(baseline, 1).padStart(8)}  ${fixed(tidings, 1).padStart(8)}  ${fixed(tidings - baseline, 1).padStart(7)}`,
    );
  }
}
