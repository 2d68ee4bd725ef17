import { BoundedMap } from '../../core/bounded-map.js';

/** What a re-sent message is compared on to tell an edit from a reaction or a thread reply. */
export interface MessageState {
  editedAt: number;
  reactions: string;
  starred: number;
  deleted: boolean;
}

/**
 * The state of the messages seen on room streams, bounded: the server re-sends the whole
 * message on every change, so telling "new" from "edited" needs what was seen before.
 */
export class MessageMemory extends BoundedMap<string, MessageState> {
  constructor(limit = 20_000) {
    super(limit);
  }
}
