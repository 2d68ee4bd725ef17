// The app's locale as Electron reports it (`app.getLocale()`) and the window's pages use: the
// `--lang` switch when given (api/command-line-switches.md), else on Linux Chromium's
// l10n_util reads LC_ALL, LC_MESSAGES, then LANG ("de_DE.UTF-8" → "de-DE"); "C" or nothing is
// "en-US".
export function systemLocale(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const switched = argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  if (switched) return switched;
  const posix = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const tag = posix.split(/[.@]/)[0]?.replace('_', '-') ?? '';
  return tag === '' || tag === 'C' || tag === 'POSIX' ? 'en-US' : tag;
}
