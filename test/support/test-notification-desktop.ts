// A desktop whose notification server is ours (test-notification-server.ts) on a private session
// bus, without dunst: for tests that act as the user pressing a notification's named buttons,
// which dunst cannot do.
import { startNotificationDaemon } from './notification-daemon.js';
import {
  startTestNotificationServer,
  type TestNotificationServer,
} from './test-notification-server.js';

export interface TestNotificationDesktop {
  /** process.env with DBUS_SESSION_BUS_ADDRESS on the private bus: the process under test's. */
  env: NodeJS.ProcessEnv;
  server: TestNotificationServer;
  stop(): Promise<void>;
}

/** Starts the private bus and our server on it, saying it can do `capabilities`. */
export async function startTestNotificationDesktop(
  capabilities: string[],
): Promise<TestNotificationDesktop> {
  const bus = await startNotificationDaemon({ dunst: false });
  try {
    const server = await startTestNotificationServer(
      bus.env.DBUS_SESSION_BUS_ADDRESS!,
      capabilities,
    );
    return {
      env: bus.env,
      server,
      stop: async () => {
        await server.stop();
        await bus.stop();
      },
    };
  } catch (error) {
    await bus.stop();
    throw error;
  }
}
