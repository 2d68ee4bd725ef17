import { Decoder, Encoder, protocol } from 'socket.io-parser';

/**
 * socket.io-client's own parser, except for one thing: a packet it cannot decode (not JSON, an
 * unknown type) is dropped and reported instead of closing the connection with "parse error".
 * The chat service replays nothing, so a close would lose every event until the rooms are
 * joined again; a dropped packet loses only itself. Decoding keeps no state across text
 * packets, and an unfinished binary one is discarded, so the packets after it decode as usual.
 */
export function tolerantParser(dropped: (error: Error) => void) {
  class TolerantDecoder extends Decoder {
    override add(chunk: unknown): void {
      try {
        super.add(chunk);
      } catch (error) {
        this.destroy();
        dropped(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
  return { Encoder, Decoder: TolerantDecoder, protocol };
}
