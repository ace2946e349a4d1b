// The record layout compiled into the native addon (native/src/layout.h) must equal src/model's constants.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot, loadNativeBookEngine } from '../../../src/actors/native-book-engine.js';
import * as batchEnd from '../../../src/model/book-batch-end-record.js';
import * as bookLevel from '../../../src/model/book-level-record.js';
import * as gap from '../../../src/model/gap-record.js';
import * as header from '../../../src/model/record-header.js';
import { RecordType, SEQUENCE_NONE } from '../../../src/model/record-types.js';
import * as snapshotBegin from '../../../src/model/snapshot-begin-record.js';
import * as snapshotEnd from '../../../src/model/snapshot-end-record.js';

/** TS name → value of every constant the native engine mirrors. */
const EXPECTED: Record<string, number> = {
  BOOK_LEVEL: RecordType.BOOK_LEVEL,
  BOOK_BATCH_END: RecordType.BOOK_BATCH_END,
  SNAPSHOT_BEGIN: RecordType.SNAPSHOT_BEGIN,
  SNAPSHOT_END: RecordType.SNAPSHOT_END,
  TRADE: RecordType.TRADE,
  BBO: RecordType.BBO,
  GAP: RecordType.GAP,
  INSTRUMENT_ID_OFFSET: header.INSTRUMENT_ID_OFFSET,
  FLAGS_OFFSET: header.FLAGS_OFFSET,
  TS_EVENT_NS_OFFSET: header.TS_EVENT_NS_OFFSET,
  TS_RECV_NS_OFFSET: header.TS_RECV_NS_OFFSET,
  COMMON_HEADER_BYTES: header.COMMON_HEADER_BYTES,
  BOOK_LEVEL_PRICE_OFFSET: bookLevel.BOOK_LEVEL_PRICE_OFFSET,
  BOOK_LEVEL_SIZE_OFFSET: bookLevel.BOOK_LEVEL_SIZE_OFFSET,
  BOOK_LEVEL_SIDE_OFFSET: bookLevel.BOOK_LEVEL_SIDE_OFFSET,
  BOOK_LEVEL_PRICE_TEXT_DECIMALS_OFFSET: bookLevel.BOOK_LEVEL_PRICE_TEXT_DECIMALS_OFFSET,
  BOOK_LEVEL_SIZE_TEXT_DECIMALS_OFFSET: bookLevel.BOOK_LEVEL_SIZE_TEXT_DECIMALS_OFFSET,
  BOOK_LEVEL_PAYLOAD_BYTES: bookLevel.BOOK_LEVEL_PAYLOAD_BYTES,
  BOOK_BATCH_END_SEQUENCE_OFFSET: batchEnd.BOOK_BATCH_END_SEQUENCE_OFFSET,
  BOOK_BATCH_END_PREVIOUS_SEQUENCE_OFFSET: batchEnd.BOOK_BATCH_END_PREVIOUS_SEQUENCE_OFFSET,
  BOOK_BATCH_END_UPDATE_COUNT_OFFSET: batchEnd.BOOK_BATCH_END_UPDATE_COUNT_OFFSET,
  BOOK_BATCH_END_CHECKSUM_OFFSET: batchEnd.BOOK_BATCH_END_CHECKSUM_OFFSET,
  BOOK_BATCH_END_PAYLOAD_BYTES: batchEnd.BOOK_BATCH_END_PAYLOAD_BYTES,
  SNAPSHOT_BEGIN_SEQUENCE_OFFSET: snapshotBegin.SNAPSHOT_BEGIN_SEQUENCE_OFFSET,
  SNAPSHOT_BEGIN_PAYLOAD_BYTES: snapshotBegin.SNAPSHOT_BEGIN_PAYLOAD_BYTES,
  SNAPSHOT_END_SEQUENCE_OFFSET: snapshotEnd.SNAPSHOT_END_SEQUENCE_OFFSET,
  SNAPSHOT_END_LEVEL_COUNT_OFFSET: snapshotEnd.SNAPSHOT_END_LEVEL_COUNT_OFFSET,
  SNAPSHOT_END_CHECKSUM_OFFSET: snapshotEnd.SNAPSHOT_END_CHECKSUM_OFFSET,
  SNAPSHOT_END_PAYLOAD_BYTES: snapshotEnd.SNAPSHOT_END_PAYLOAD_BYTES,
  GAP_EXPECTED_SEQUENCE_OFFSET: gap.GAP_EXPECTED_SEQUENCE_OFFSET,
  GAP_RECEIVED_SEQUENCE_OFFSET: gap.GAP_RECEIVED_SEQUENCE_OFFSET,
  GAP_REASON_OFFSET: gap.GAP_REASON_OFFSET,
  GAP_PAYLOAD_BYTES: gap.GAP_PAYLOAD_BYTES,
  SEQUENCE_NONE,
};

/** `SNAKE_CASE` → the `kCamelCase` name layout.h uses (`BOOK_LEVEL` → `kBookLevel`). */
function headerName(name: string): string {
  return (
    'k' +
    name
      .toLowerCase()
      .split('_')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join('')
  );
}

function parseLayoutHeader(): Map<string, number> {
  const root = findPackageRoot();
  if (root === null) throw new Error('package root not found');
  const text = readFileSync(join(root, 'native', 'src', 'layout.h'), 'utf8');
  const constants = new Map<string, number>();
  for (const match of text.matchAll(/constexpr\s+\w+\s+(k\w+)\s*=\s*(-?\d+)\s*;/g)) constants.set(match[1]!, Number(match[2]));
  return constants;
}

describe('native record layout', () => {
  it('native/src/layout.h declares every model constant with the same value (no compiler needed)', () => {
    const constants = parseLayoutHeader();
    for (const [name, value] of Object.entries(EXPECTED)) {
      expect({ name, value: constants.get(headerName(name)) }).toEqual({ name, value });
    }
  });

  it('the built addon reports exactly the model constants (fails when the addon is missing)', () => {
    const load = loadNativeBookEngine();
    expect(load.ok ? 'loaded' : load.reason).toBe('loaded');
    if (!load.ok) return;
    expect(load.layout).toEqual(EXPECTED);
  });
});
