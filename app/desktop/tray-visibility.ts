import { join } from 'node:path';

/** The GNOME Shell extensions that show AppIndicator / StatusNotifier tray icons. */
const APPINDICATOR_EXTENSIONS = [
  'appindicatorsupport@rgcjonas.gmail.com',
  'ubuntu-appindicators@ubuntu.com',
];

/**
 * Whether the tray icon can be seen: GNOME Shell shows none without an AppIndicator extension,
 * and Tidings then opens its window at start so it is not invisible. Elsewhere a tray is taken
 * to be there.
 */
export function trayCanShow(options: {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  exists(path: string): boolean;
}): boolean {
  if (options.platform !== 'linux') return true;
  const desktop = (options.env.XDG_CURRENT_DESKTOP ?? '').toUpperCase();
  if (!desktop.split(':').includes('GNOME')) return true;
  const dataDirs = (options.env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':');
  const roots = [
    join(options.env.XDG_DATA_HOME || join(options.home, '.local/share')),
    ...dataDirs,
  ];
  return roots.some((root) =>
    APPINDICATOR_EXTENSIONS.some((ext) =>
      options.exists(join(root, 'gnome-shell/extensions', ext)),
    ),
  );
}
