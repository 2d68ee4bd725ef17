import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/lint/${name}`, import.meta.url), 'utf8');

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: 'eslint.config.js', ignore: false });
});

/**
 * Lint a fixture's source as if it lived at `virtualPath` (which need not exist on disk) and
 * return only the no-restricted-imports messages. Fails loudly if ESLint skipped the file, so a
 * mis-set ignore/files pattern cannot make the "no error" cases pass vacuously.
 */
async function restrictedImports(
  fixtureName: string,
  virtualPath: string,
  ruleId = 'no-restricted-imports',
) {
  const [result] = await eslint.lintText(fixture(fixtureName), { filePath: virtualPath });
  if (!result) throw new Error(`ESLint returned no result for ${virtualPath}`);
  const ignored = result.messages.filter((m) => /file ignored/i.test(m.message));
  expect(ignored, `${virtualPath} was ignored by ESLint`).toEqual([]);
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `${fixtureName} failed to parse`).toEqual([]);
  return result.messages.filter((m: Linter.LintMessage) => m.ruleId === ruleId);
}

/** Assert there is exactly one error and return it. */
function single(messages: Linter.LintMessage[]): Linter.LintMessage {
  expect(messages).toHaveLength(1);
  const [message] = messages;
  if (!message) throw new Error('unreachable: length checked above');
  expect(message.severity).toBe(2);
  return message;
}

describe('architecture boundaries (no-restricted-imports)', () => {
  it('forbids electron in app/core', async () => {
    const { message } = single(await restrictedImports('imports-electron.ts', 'app/core/x.ts'));
    expect(message).toContain('only app/desktop may import electron');
  });

  it('forbids electron sub-paths (electron/main) in app/core', async () => {
    const { message } = single(
      await restrictedImports('imports-electron-main.ts', 'app/core/x.ts'),
    );
    expect(message).toContain('only app/desktop may import electron');
  });

  it('forbids electron in app/connectors', async () => {
    const { message } = single(
      await restrictedImports('imports-electron.ts', 'app/connectors/dino/x.ts'),
    );
    expect(message).toContain('only app/desktop may import electron');
  });

  it.each(['app/headless/x.ts', 'app/ipc/x.ts', 'renderer/x.ts'])(
    'forbids electron in %s',
    async (path) => {
      const { message } = single(await restrictedImports('imports-electron.ts', path));
      expect(message).toContain('only app/desktop may import electron');
    },
  );

  it('forbids node:fs in app/core', async () => {
    const { message } = single(await restrictedImports('imports-node-fs.ts', 'app/core/x.ts'));
    expect(message).toMatch(/core is pure/);
  });

  it('forbids relative imports from app/core into app/connectors', async () => {
    const { message } = single(await restrictedImports('imports-connectors.ts', 'app/core/x.ts'));
    expect(message).toMatch(/core is pure/);
  });

  it('forbids relative imports from app/connectors into app/desktop', async () => {
    const { message } = single(
      await restrictedImports('imports-desktop.ts', 'app/connectors/dino/x.ts'),
    );
    expect(message).toContain('app/connectors may not import from app/desktop');
  });

  it('forbids a dynamic import of electron in app/core', async () => {
    const messages = await restrictedImports(
      'imports-electron-dynamically.ts',
      'app/core/x.ts',
      'no-restricted-syntax',
    );
    expect(single(messages).message).toContain('only app/desktop may import electron');
  });

  it('forbids app/headless from importing app/desktop, and app/desktop from app/headless', async () => {
    const { message } = single(
      await restrictedImports('imports-desktop.ts', 'app/headless/x/y.ts'),
    );
    expect(message).toContain('neither imports the other');
    const reverse = single(await restrictedImports('imports-headless.ts', 'app/desktop/x/y.ts'));
    expect(reverse.message).toContain('neither imports the other');
  });

  it('keeps app/state between the front ends and app/core: core and connectors may not import it, it may not import a front end', async () => {
    const { message } = single(await restrictedImports('imports-state.ts', 'app/core/x/y.ts'));
    expect(message).toContain('app/core is pure');
    single(await restrictedImports('imports-state.ts', 'app/connectors/x/y.ts'));
    const front = single(await restrictedImports('imports-desktop.ts', 'app/state/x/y.ts'));
    expect(front.message).toContain('app/state keeps what outlives the process');
    single(await restrictedImports('imports-electron.ts', 'app/state/x.ts'));
    expect(await restrictedImports('imports-state.ts', 'app/desktop/x/y.ts')).toEqual([]);
    expect(await restrictedImports('imports-state.ts', 'app/headless/x/y.ts')).toEqual([]);
  });

  it('allows electron in app/desktop', async () => {
    expect(await restrictedImports('imports-electron.ts', 'app/desktop/x.ts')).toEqual([]);
    expect(await restrictedImports('imports-electron-main.ts', 'app/desktop/x.ts')).toEqual([]);
  });

  it('allows node:fs outside app/core', async () => {
    expect(await restrictedImports('imports-node-fs.ts', 'app/headless/x.ts')).toEqual([]);
  });
});
