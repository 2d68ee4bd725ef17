import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Electron's binary cannot run here: desktop modules get a test double of `electron`
  // (test/support/electron-double.ts). electron-store is inlined so its own `import 'electron'`
  // gets the double too; `^electron$` leaves `electron-store` itself alone.
  resolve: {
    alias: [
      {
        find: /^electron$/,
        replacement: fileURLToPath(new URL('./test/support/electron-double.ts', import.meta.url)),
      },
    ],
  },
  test: {
    server: { deps: { inline: ['electron-store'] } },
    include: ['test/**/*.test.ts'],
    // The desktop end-to-end tests run the built app on the Electron stand-in.
    globalSetup: ['test/e2e/build-app.ts'],
    // Protocol tests start real servers (mosquitto, dunst); give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
