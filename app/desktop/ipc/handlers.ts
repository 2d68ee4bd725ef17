import type { Method, RequestOf, ResponseOf } from '../../ipc/contract.js';
import type { Controller } from '../controller.js';
import { exportSettings, importSettings } from '../settings-transfer.js';

export type Handlers = {
  [M in Method]: (request: RequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>>;
};

/** What main answers to each method of the contract: the controller, nothing else. */
export function controllerHandlers(controller: Controller): Handlers {
  return {
    getSnapshot: () => controller.snapshot(),
    saveAccount: (r) => controller.saveAccount(r.account, r.previousId),
    removeAccount: (r) => controller.removeAccount(r.id, r.forgetHistory),
    testConnection: (r) => controller.testConnection(r.account, r.previousId),
    listRooms: (r) => controller.listRooms(r.id),
    findRooms: (r) => controller.findRooms(r.account, r.previousId),
    saveNotifications: (r) => controller.saveNotifications(r.notifications),
    setDnd: (r) => controller.setDnd(r.choice),
    accountAction: (r) => controller.accountAction(r.id, r.action),
    listHistory: (r) => controller.listHistory(r),
    openHistoryEntry: (r) => controller.openHistoryEntry(r.seq),
    setStartAtLogin: (r) => controller.setStartAtLogin(r.enabled),
    exportSettings: (r) => exportSettings(controller, r.includeSecrets),
    importSettings: () => importSettings(controller),
    signInWithBrowser: (r) => controller.signInWithBrowser(r.id, r.server),
    diagnostics: () => controller.diagnostics(),
    sendTestNotification: (r) => controller.notifications.sendTest(r.account),
    openLogFolder: () => controller.openLogFolder(),
    saveServerLevel: (r) => controller.accounts.saveServerLevel(r.id, r.level, r.room),
    sendTwoFactorCode: (r) => controller.accounts.sendTwoFactorCode(r.id, r.code),
  };
}
