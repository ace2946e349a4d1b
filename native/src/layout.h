// Record layouts of src/model mirrored as constexpr offsets; test/unit/native/layout.test.ts fails if they drift.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace zvt {
namespace layout {

// Record type codes (src/model/record-types.ts, RecordType).
constexpr int32_t kBookLevel = 1;
constexpr int32_t kBookBatchEnd = 2;
constexpr int32_t kSnapshotBegin = 3;
constexpr int32_t kSnapshotEnd = 4;
constexpr int32_t kTrade = 5;
constexpr int32_t kBbo = 6;
constexpr int32_t kGap = 7;

// Common header (src/model/record-header.ts).
constexpr size_t kInstrumentIdOffset = 0;
constexpr size_t kFlagsOffset = 4;
constexpr size_t kTsEventNsOffset = 8;
constexpr size_t kTsRecvNsOffset = 16;
constexpr size_t kCommonHeaderBytes = 24;

// BOOK_LEVEL (src/model/book-level-record.ts).
constexpr size_t kBookLevelPriceOffset = 24;
constexpr size_t kBookLevelSizeOffset = 32;
constexpr size_t kBookLevelSideOffset = 40;
constexpr size_t kBookLevelPriceTextDecimalsOffset = 41;
constexpr size_t kBookLevelSizeTextDecimalsOffset = 42;
constexpr size_t kBookLevelPayloadBytes = 48;

// BOOK_BATCH_END (src/model/book-batch-end-record.ts).
constexpr size_t kBookBatchEndSequenceOffset = 24;
constexpr size_t kBookBatchEndPreviousSequenceOffset = 32;
constexpr size_t kBookBatchEndUpdateCountOffset = 40;
constexpr size_t kBookBatchEndChecksumOffset = 44;
constexpr size_t kBookBatchEndPayloadBytes = 48;

// SNAPSHOT_BEGIN (src/model/snapshot-begin-record.ts).
constexpr size_t kSnapshotBeginSequenceOffset = 24;
constexpr size_t kSnapshotBeginPayloadBytes = 32;

// SNAPSHOT_END (src/model/snapshot-end-record.ts).
constexpr size_t kSnapshotEndSequenceOffset = 24;
constexpr size_t kSnapshotEndLevelCountOffset = 32;
constexpr size_t kSnapshotEndChecksumOffset = 36;
constexpr size_t kSnapshotEndPayloadBytes = 40;

// GAP (src/model/gap-record.ts).
constexpr size_t kGapExpectedSequenceOffset = 24;
constexpr size_t kGapReceivedSequenceOffset = 32;
constexpr size_t kGapReasonOffset = 40;
constexpr size_t kGapPayloadBytes = 48;

// SEQUENCE_NONE (src/model/record-types.ts).
constexpr double kSequenceNone = -1;

}  // namespace layout

// Little-endian loads at byte offsets. memcpy compiles to a single move (payloads are 8-aligned),
// and keeps the code free of aliasing and alignment undefined behaviour.
inline uint32_t LoadU32(const uint8_t* at) {
  uint32_t value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

inline int32_t LoadI32(const uint8_t* at) {
  int32_t value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

inline double LoadF64(const uint8_t* at) {
  double value;
  std::memcpy(&value, at, sizeof value);
  return value;
}

}  // namespace zvt
