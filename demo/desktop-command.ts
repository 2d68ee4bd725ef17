import { electronBinary } from '../scripts/electron-binary.js';

export interface DesktopCommand {
  command: string[];
  /** Said on stderr before it starts, when it is not what the user would expect. */
  note?: string;
}

/**
 * How the demo starts the desktop app: the command TIDINGS_DEMO_DESKTOP names (the tests), else
 * `npm start`, else, where Electron's binary is not installed, `npm start -- --standin`: the app
 * on the Electron stand-in with its tray and notifications printed, rather than an app that
 * exits at once.
 */
export function desktopCommand(root: string, env: NodeJS.ProcessEnv): DesktopCommand {
  if (env.TIDINGS_DEMO_DESKTOP) return { command: env.TIDINGS_DEMO_DESKTOP.split(' ') };
  if (electronBinary(root, env)) return { command: ['npm', 'start', '--'] };
  return {
    command: ['npm', 'start', '--', '--standin'],
    note: 'Electron is not installed here, so the desktop app runs on the Electron stand-in: its tray menu and notifications are printed below (npm run demo -- --headless prints the CLI lines instead)',
  };
}
