import { serverLevelWords, type ServerPreferences } from '../core/server-preferences.js';
import type { ServerPreferencesView } from '../ipc/contract.js';

/** The server's own preferences as the settings window says them, beside Tidings' rules. */
export function serverView(preferences: ServerPreferences): ServerPreferencesView {
  return {
    // An account with no level of its own there follows the workspace's default.
    level:
      preferences.level === 'default'
        ? "the server's default"
        : serverLevelWords(preferences.level),
    highlights: preferences.highlights,
    stayUntilDismissed: preferences.stayUntilDismissed,
    rooms: Object.fromEntries(
      Object.entries(preferences.rooms).map(([room, there]) => [
        room,
        there.muted ? 'muted' : serverLevelWords(there.level),
      ]),
    ),
  };
}
