import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'app-builder-lib';

export const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, options: null): Promise<Configuration>;
  validateConfiguration(
    config: Configuration,
    debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void },
  ): Promise<void>;
}

interface FpmTargetModule {
  default: { prototype: { getDefaultDepends(target: string): string[] } };
}

/**
 * The parts of electron-builder that decide what a config means, loaded from the installed
 * app-builder-lib (CommonJS internals, so through require): tests ask electron-builder rather
 * than restate what it does.
 */
export function builderInternals() {
  const require = createRequire(import.meta.url);
  const configModule = require('app-builder-lib/out/util/config/config.js') as ConfigModule;
  const fpm = require('app-builder-lib/out/targets/FpmTarget.js') as FpmTargetModule;
  return {
    getConfig: (projectDir: string) => configModule.getConfig(projectDir, null, null),
    validateConfiguration: (config: Configuration) =>
      configModule.validateConfiguration(config, { isEnabled: false, add: () => {} }),
    /** The list electron-builder uses when a target names no `depends` of its own. */
    defaultDepends: (target: 'deb' | 'rpm') =>
      fpm.default.prototype.getDefaultDepends.call(undefined, target),
  };
}
