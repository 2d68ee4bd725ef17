import { ConnectorError } from '../../core/connector.js';
import type { EventLink } from '../../core/events.js';
import { sendLinkRequest } from '../../core/link-request.js';
import type { RoomNotification } from '../../core/notification.js';
import type { Outcome } from '../../ipc/contract.js';
import type { AppCore } from './core.js';

/** What a user does with a shown notification: click it, mark it read, answer it. */
export class NotificationActions {
  constructor(private readonly core: AppCore) {}

  /** A click on a notification: its link (web links only), and the room counts as read. */
  async open(notification: RoomNotification): Promise<Outcome> {
    const outcome = await this.core.openLink(notification.url, notification.account);
    this.core.pipeline.markRoomRead(notification.account, notification.room.id);
    return outcome;
  }

  /** One of its link buttons: that link (the same policy as a click), and the room is read. */
  async openLink(notification: RoomNotification, url: string): Promise<Outcome> {
    const outcome = await this.core.openLink(url, notification.account);
    this.core.pipeline.markRoomRead(notification.account, notification.room.id);
    return outcome;
  }

  /** An `http` button (ntfy): its request, sent now that the user clicked it, and its result. */
  sendRequest(notification: RoomNotification, link: EventLink): Promise<Outcome> {
    return sendLinkRequest(notification, link, {
      log: this.core.options.log,
      history: this.core.pipeline.history,
    });
  }

  markRoomRead(account: string, roomId: string): void {
    this.core.pipeline.markRoomRead(account, roomId);
  }

  canReply(id: string): boolean {
    return this.core.supervisor.connector(id)?.reply !== undefined;
  }

  async reply(notification: RoomNotification, text: string): Promise<Outcome> {
    const connector = this.core.supervisor.connector(notification.account);
    if (!connector?.reply) return { ok: false, message: 'this account cannot reply' };
    try {
      await connector.reply(notification.room.id, text);
      this.core.pipeline.markRoomRead(notification.account, notification.room.id);
      return { ok: true, message: 'sent' };
    } catch (error) {
      const message = ConnectorError.from(error).message;
      this.core.options.log.warn('reply failed', { account: notification.account, error: message });
      return { ok: false, message };
    }
  }
}
