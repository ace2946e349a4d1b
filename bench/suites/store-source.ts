// Bench actor for the `store` suite: publishes a deterministic stream of TRADE and BBO records as fast as its ring takes them.
import type { Actor, ActorContext } from '../../src/actors/actor.js';
import { BBO_PAYLOAD_BYTES, writeBbo } from '../../src/model/bbo-record.js';
import { createRecordStamps, setRecordStampsBig } from '../../src/model/record-header.js';
import { AggressorSide, RecordFlag, RecordType } from '../../src/model/record-types.js';
import { TRADE_PAYLOAD_BYTES, writeTrade, writeTradeIdNumber } from '../../src/model/trade-record.js';

export interface StoreSourceParams {
  count: number;
  /** Instruments 0..instruments-1 of the registry the recorder was given. */
  instruments: number;
}

export const STORE_SOURCE_BASE_NS = 1_760_000_000_000_000_000n;

/**
 * One trade per three records, BBOs otherwise; four records share a receive stamp as a venue frame
 * would. Written with the hot-path writers, as a venue actor writes them.
 */
export function createActor(context: ActorContext): Actor {
  const params = context.spec.params as StoreSourceParams;
  const output = context.outputs[0]!.producer;
  const stamps = createRecordStamps();
  let published = 0;
  return {
    start() {},
    onRecord() {},
    poll() {
      let written = 0;
      while (published < params.count && written < 1024) {
        const index = published;
        const instrumentId = index % params.instruments;
        setRecordStampsBig(stamps, STORE_SOURCE_BASE_NS + BigInt(index) * 1000n, STORE_SOURCE_BASE_NS + BigInt(index >> 2) * 4000n + 17n);
        const trade = index % 3 === 0;
        const offset = output.tryClaim(trade ? RecordType.TRADE : RecordType.BBO, trade ? TRADE_PAYLOAD_BYTES : BBO_PAYLOAD_BYTES);
        if (offset < 0) break;
        if (trade) {
          writeTrade(output, offset, instrumentId, RecordFlag.REPLAY, stamps, 6_000_000 + (index % 10_000), 1 + (index % 997), index % 2 === 0 ? AggressorSide.BUY : AggressorSide.SELL);
          writeTradeIdNumber(output, offset, index);
        } else {
          writeBbo(output, offset, instrumentId, 0, stamps, 6_000_000 + (index % 10_000), 10 + (index % 500), 6_000_001 + (index % 10_000), 7);
        }
        published++;
        written++;
      }
      output.publish();
      return written;
    },
    stop() {},
  };
}
