// Runs the built app on the Electron stand-in: `node --import ./test/electron-standin/register.js
// dist/app/desktop/main.js`. A synchronous resolve hook (Node 24 `module.registerHooks`) answers
// the bare specifier `electron` with the stand-in, for the app and for its dependencies
// (electron-store), whether they import or require it. Nothing else is touched.
import { registerHooks } from 'node:module';
import { URL } from 'node:url';

const STANDIN = new URL('./electron.ts', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron' || specifier === 'electron/main')
      return { url: STANDIN, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
