// Lets the settings-window benchmark build the desktop controller outside vitest: the bare
// specifier `electron` resolves to the same test double vitest.config.ts aliases it to.
import { registerHooks } from 'node:module';
import { URL } from 'node:url';

const DOUBLE = new URL('../test/support/electron-double.ts', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: DOUBLE, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
