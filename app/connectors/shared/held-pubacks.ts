import type { MqttClient } from 'mqtt';

/** Messages handled one after another before the event loop gets a turn (~2 ms of work). */
const PACKETS_PER_TURN = 100;

type Send = (packet: { cmd: string }, done?: (error?: Error) => void, ...rest: unknown[]) => void;

/**
 * The PUBACK leaves only once the event is committed: a crash before that and the broker sends
 * the message again. mqtt.js reads the next packet only after the last one's PUBACK is written,
 * so waiting in `customHandleAcks` made each message of a queue a commit of its own; here mqtt.js
 * goes on at once while the PUBACK waits, and the messages that arrived together share one
 * commit. The PUBACK is taken at mqtt.js's one door for packets (`_sendPacket`, not public API:
 * pinned by test/connectors/dino/acks.test.ts and test/connectors/mqtt/acks.test.ts).
 */
export function holdPubacksUntilCommitted(
  mqttClient: MqttClient,
  persisted: () => Promise<void>,
  failed: (error: Error) => void,
): void {
  const client = mqttClient as unknown as { _sendPacket: Send };
  const send = client._sendPacket.bind(client);
  let handledInRow = 0;
  client._sendPacket = (packet, done, ...rest) => {
    if (packet.cmd !== 'puback') return send(packet, done, ...rest);
    // Taken in the same turn the event was recorded in: it covers that event's commit.
    const committed = persisted();
    // On to the next packet, but let the event loop turn now and then: mqtt.js goes from packet
    // to packet on process.nextTick, which never yields, and a queued backlog held timers and
    // I/O for ~70 ms at a time.
    if (++handledInRow < PACKETS_PER_TURN) done?.();
    else {
      handledInRow = 0;
      setImmediate(() => done?.());
    }
    committed.then(
      () => send(packet, undefined, ...rest),
      (error: unknown) => failed(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
