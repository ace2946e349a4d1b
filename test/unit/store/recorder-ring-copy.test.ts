// The venue side of recording: RingRecordWriter copies every trade and BBO into the recorder's ring, and a full
// recorder ring costs a counted drop, never the instrument's copy and never a resync.
import { describe, expect, it } from 'vitest';
import { calibrateMonoClock, takeClockBase } from '../../../src/actors/clock-calibration.js';
import { RingRecordWriter } from '../../../src/actors/venues/common/ring-record-writer.js';
import { ParsedBbos, ParsedTrades } from '../../../src/actors/venues/common/parsed-frame.js';
import { RingConsumer } from '../../../src/hotpath/ring-consumer.js';
import { allocateRingBuffer } from '../../../src/hotpath/ring-layout.js';
import { RingProducer } from '../../../src/hotpath/ring-producer.js';
import { decodeRecord, type MarketRecord } from '../../../src/model/market-record.js';
import { AggressorSide, RecordFlag } from '../../../src/model/record-types.js';

function drain(consumer: RingConsumer): MarketRecord[] {
  const records: MarketRecord[] = [];
  consumer.read((type, offset) => records.push(decodeRecord(consumer, offset, type)));
  return records;
}

function frame(writer: RingRecordWriter, tradeCount: number): void {
  const trades = new ParsedTrades();
  for (let index = 0; index < tradeCount; index++) {
    trades.push(0, 100 + index, 5, index % 2 === 0 ? AggressorSide.BUY : AggressorSide.SELL, true, 1_760_000_000, index * 1000);
    trades.setTradeIdString(index, `id-${index}`);
  }
  const bbos = new ParsedBbos();
  bbos.push(0, 99, 1, 101, 2, false, 0, 0);
  writer.beginFrame();
  writer.emitTrades(trades);
  writer.emitBbos(bbos);
  writer.endFrame();
}

describe('RingRecordWriter with a recorder ring', () => {
  it('writes each trade and BBO to the instrument ring and, identically, to the recorder ring', () => {
    const instrumentRing = allocateRingBuffer(1 << 16);
    const recorderRing = allocateRingBuffer(1 << 16);
    const writer = new RingRecordWriter([new RingProducer(instrumentRing)], calibrateMonoClock(takeClockBase()), RecordFlag.REPLAY, new RingProducer(recorderRing));
    frame(writer, 3);
    const toInstrument = drain(new RingConsumer(instrumentRing));
    const toRecorder = drain(new RingConsumer(recorderRing));
    expect(toInstrument).toHaveLength(4);
    expect(toRecorder).toEqual(toInstrument);
    expect(toRecorder.map((record) => record.flags)).toEqual([RecordFlag.REPLAY, RecordFlag.REPLAY, RecordFlag.REPLAY, RecordFlag.REPLAY | RecordFlag.NO_EVENT_TIME]);
    expect(writer.counters).toMatchObject({ trades: 3, bbos: 1, recorded: 4, recorderDrops: 0, droppedUpdates: 0 });
  });

  it('a full recorder ring drops and counts the copies; the instrument still gets everything, and nothing is resynced', () => {
    const instrumentRing = allocateRingBuffer(1 << 16);
    const recorderRing = allocateRingBuffer(1024);
    const writer = new RingRecordWriter([new RingProducer(instrumentRing)], calibrateMonoClock(takeClockBase()), 0, new RingProducer(recorderRing));
    frame(writer, 20);
    expect(drain(new RingConsumer(instrumentRing))).toHaveLength(21);
    const recorded = drain(new RingConsumer(recorderRing));
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.length).toBeLessThan(21);
    expect(writer.counters).toMatchObject({ trades: 20, bbos: 1, recorded: recorded.length, recorderDrops: 21 - recorded.length, droppedUpdates: 0 });
    expect(writer.overflowed.size).toBe(0);
  });

  it('without a recorder ring nothing changes', () => {
    const instrumentRing = allocateRingBuffer(1 << 16);
    const writer = new RingRecordWriter([new RingProducer(instrumentRing)], calibrateMonoClock(takeClockBase()), 0);
    frame(writer, 2);
    expect(drain(new RingConsumer(instrumentRing))).toHaveLength(3);
    expect(writer.counters).toMatchObject({ trades: 2, bbos: 1, recorded: 0, recorderDrops: 0 });
  });
});
