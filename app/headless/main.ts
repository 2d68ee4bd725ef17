import { createConnector } from '../connectors/registry.js';
import { systemClock } from '../core/clock.js';
import { accountNamedSink } from '../core/account-named-sink.js';
import { afterCommit } from '../core/after-commit-sink.js';
import { fanOut } from '../core/fan-out-sink.js';
import { History } from '../core/pipeline/history.js';
import { Pipeline } from '../core/pipeline/pipeline.js';
import { serverRules } from '../core/server-preferences.js';
import { SettingsError } from '../core/settings/validate.js';
import type { Settings } from '../core/settings/schema.js';
import { keepRunningOnStrayErrors } from '../core/stray-errors.js';
import { Supervisor } from '../core/supervisor/supervisor.js';
import { USAGE, UsageError, parseArgs, type CliOptions } from './args.js';
import { openState, type DurableState } from '../state/open-state.js';
import { sharedSessionBus, type ConnectBus } from '../linux-notifications/shared-session-bus.js';
import { createSystemDnd } from '../system-dnd/create.js';
import { noSystemDnd, type SystemDnd } from '../system-dnd/system-dnd.js';
import { jsonLinesSink } from './json-lines-sink.js';
import { statusLine, writeLine } from './json-lines.js';
import { loadSettings } from './load-settings.js';
import { cliNotificationSink } from './cli-notifications.js';
import { requiringEnvSecrets } from './env-secrets.js';
import { resolveSecret } from './secrets.js';
import { stderrLogger } from './stderr-logger.js';

const EXIT_CONFIG = 2;
/** However a connection hangs on close, a signal ends the process within this time. */
const SHUTDOWN_GRACE_MS = 5_000;

const log = stderrLogger();
const stdout = (text: string) => process.stdout.write(text);

function configError(message: string): never {
  process.stderr.write(`tidings: ${message}\n`);
  process.exit(EXIT_CONFIG);
}

function readOptions(): CliOptions {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options === 'help') {
      process.stderr.write(`${USAGE}\n`);
      process.exit(0);
    }
    return options;
  } catch (error) {
    if (error instanceof UsageError) configError(`${error.message}\n${USAGE}`);
    throw error;
  }
}

function readSettings(path: string): Settings {
  try {
    return loadSettings(path);
  } catch (error) {
    if (error instanceof SettingsError) configError(`invalid config ${path}: ${error.message}`);
    throw error;
  }
}

/** The state database in `--state-dir`; without it, history lives in memory for the run. */
function openStateDir(dir: string | undefined, settings: Settings): DurableState | undefined {
  if (dir === undefined) return undefined;
  try {
    return openState({ dir, clock: systemClock, log, retention: settings.history });
  } catch (error) {
    configError(`cannot keep state in ${dir}: ${error instanceof Error ? error.message : error}`);
  }
}

function run(options: CliOptions, settings: Settings): void {
  const state = openStateDir(options.stateDir, settings);
  const lines = jsonLinesSink(stdout);
  // One session-bus connection for the notifications and the system's do-not-disturb.
  const connectBus = options.notifySend ? sharedSessionBus(process.env) : undefined;
  const desktop = options.notifySend
    ? cliNotificationSink({
        log,
        connectBus,
        clock: systemClock,
        actions: options.actions,
        write: stdout,
        pipeline: () => pipeline,
        supervisor: () => supervisor,
        typeOf: (account) => settings.accounts.find((a) => a.id === account)?.type,
      })
    : undefined;
  // The JSON lines carry the account's id; the popups name it where it would be ambiguous.
  const shown = desktop
    ? fanOut(
        lines,
        accountNamedSink(desktop, () => settings.accounts),
      )
    : lines;
  const sink = state ? afterCommit(shown, state.persisted) : shown;
  const pipeline: Pipeline = new Pipeline({
    settings: settings.notifications,
    sink,
    clock: systemClock,
    history: state?.history ?? new History(systemClock, { retention: settings.history }),
    ...(state && { unread: state.unread, dedupe: state.dedupe }),
  });
  const systemDnd = watchSystemDnd(options, pipeline, connectBus);
  const supervisor: Supervisor = new Supervisor({
    clock: systemClock,
    createConnector: requiringEnvSecrets(createConnector, process.env),
    resolveSecret: (secret) => resolveSecret(secret),
    onEvent: (event) => pipeline.accept(event),
    onStatus: (status) => writeLine(statusLine(status), stdout),
    // The server's highlights count as keywords, as they do in its own decision.
    onPreferences: (account, preferences) =>
      pipeline.setServerRules(account, serverRules(account, preferences)),
    log,
    ...(state && {
      markers: state.markers,
      persisted: state.persisted,
      seen: (account: string, id: string) => pipeline.hasSeen(account, id),
    }),
  });

  // Nothing else may keep the process alive with no accounts: it runs until it is told to stop.
  const keepAlive = setInterval(() => {}, 1 << 30);
  stop = (signal: string) => {
    stop = () => {};
    log.info('shutting down', { signal });
    setTimeout(() => {
      log.warn('connections did not close in time; exiting anyway');
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
    void supervisor
      .stop()
      .catch((error: unknown) => log.error('stop failed', { error: String(error) }))
      .finally(() => {
        pipeline.close();
        void systemDnd.close();
        desktop?.close();
        state?.close();
        clearInterval(keepAlive);
        process.exit(0);
      });
  };
  // A reader that went away (| head) is a reason to stop, not to crash.
  process.stdout.on('error', () => stop('stdout closed'));

  log.info('started', { accounts: settings.accounts.length, notifySend: options.notifySend });
  // Reached now, not at the first notification: a missing server is said at once (and retried).
  void desktop
    ?.capabilities()
    .then((capabilities) => log.info('notification server', { capabilities: [...capabilities] }))
    .catch(() => {});
  supervisor.start(settings.accounts);
}

/**
 * The desktop's own do-not-disturb holds back what the CLI raises on the desktop: only with
 * `--notify-send`, since a JSON-lines reader alone is no desktop to disturb.
 */
function watchSystemDnd(
  options: CliOptions,
  pipeline: Pipeline,
  connectBus: ConnectBus | undefined,
): SystemDnd {
  if (!options.notifySend) return noSystemDnd;
  const systemDnd = createSystemDnd({
    platform: process.platform,
    env: process.env,
    log,
    clock: systemClock,
    connectBus,
  });
  const follow = () => {
    const now = systemDnd.current();
    log.info("the system's do-not-disturb", { state: now.state, source: now.source });
    pipeline.setSystemDnd(now);
  };
  systemDnd.onChange(follow);
  if (systemDnd.current().state !== 'unknown') follow();
  return systemDnd;
}

/** What a signal does: until the connections exist, there is nothing to close. */
let stop = (signal: string): void => {
  log.info('stopped while starting', { signal });
  process.exit(0);
};
// First of all, so a signal during a long start still ends the process the documented way.
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
keepRunningOnStrayErrors(process, log);
const options = readOptions();
const settings = readSettings(options.config);
// A signal that came while the file was read is handled here, before any connection opens.
setImmediate(() => run(options, settings));
