import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { ConnectBus } from '../linux-notifications/shared-session-bus.js';
import { gnomeDnd } from './gnome-dnd.js';
import { gnomeSettingApplies } from './linux-states.js';
import { macFocusDnd } from './macos-focus.js';
import { notificationServerDnd } from './notification-server-dnd.js';
import { combineDetectors, noSystemDnd, type SystemDnd } from './system-dnd.js';
import { windowsFocusAssistDnd } from './windows-focus-assist.js';

export interface SystemDndContext {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  log: Logger;
  clock: Clock;
  /** The session bus the front end's notification sink uses too (Linux). */
  connectBus?: ConnectBus;
}

/** The detectors for this operating system, as one SystemDnd. */
export function createSystemDnd(context: SystemDndContext): SystemDnd {
  const { platform, env, log, clock } = context;
  if (platform === 'darwin') return macFocusDnd(log, clock);
  if (platform === 'win32') return windowsFocusAssistDnd(log);
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return noSystemDnd;
  const bus = notificationServerDnd({ log, clock, env, connectBus: context.connectBus });
  return gnomeSettingApplies(env) ? combineDetectors([bus, gnomeDnd(log, env)]) : bus;
}
