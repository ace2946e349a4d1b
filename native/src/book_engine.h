// The native BookEngine: venue books keyed by instrument id, consolidated groups, batch application of ring records.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "price_side.h"

namespace zvt {

/* Mirrors src/hotpath/book/book-engine.ts; that file's comments fix the semantics. */

enum BookState : uint8_t { kEmpty = 0, kSnapshotting = 1, kSynced = 2, kResyncing = 3 };
enum CrossState : uint8_t { kCrossNone = 0, kLocked = 1, kCrossed = 2 };

constexpr int kCounterLevelUpdates = 0;
constexpr int kCounterAbsentDeletes = 1;
constexpr int kCounterTruncatedLevels = 2;
constexpr int kCounterBatches = 3;
constexpr int kCounterSnapshots = 4;
constexpr int kCounterFields = 5;

constexpr int kBboFields = 6;
constexpr uint32_t kMaxMembers = 32;
constexpr uint32_t kMaxDepthLimit = 10000;
constexpr uint32_t kMaxDecimals = 36;

struct Book {
  uint32_t instrumentId = 0;
  uint32_t maxDepth = 0;
  double tickSize = 1;
  uint8_t priceDecimals = 0;
  uint8_t sizeDecimals = 0;
  uint8_t state = kEmpty;
  double lastSequence = -1;
  double lastPreviousSequence = -1;
  int32_t lastChecksum = 0;
  double lastUpdateNs = 0;
  uint64_t counters[kCounterFields] = {0, 0, 0, 0, 0};
  PriceSide sides[2];  // [0] bids, [1] asks
};

struct Group {
  uint32_t groupId = 0;
  std::vector<Book*> members;
  /** 1 + fee and 1 - fee, computed exactly as the contract says. */
  std::vector<double> askFactor;
  std::vector<double> bidFactor;
  double staleAfterNs = 0;
  /** Scratch cursors, one per member (no allocation per query). */
  std::vector<PriceSide::Cursor> cursors;
};

/** Cold-path failures; the binding has the TypeScript wrapper build the matching ZvtError. */
enum class EngineErrorKind { kNone, kInvalid, kBookDuplicate, kGroupDuplicate, kMemberUnknown, kMemberScale };

struct EngineError {
  EngineErrorKind kind = EngineErrorKind::kNone;
  /** The instrument id a member error is about. */
  double detail = 0;
  /** Text for kInvalid (options the TypeScript validation already rejects; kept as a second line of defence). */
  std::string message;
  bool Failed() const { return kind != EngineErrorKind::kNone; }
};

/** A level whose text cannot be rebuilt (writeDecimalFixedBytes would throw): the number and its scales. */
struct ChecksumFailure {
  double mantissa = 0;
  double decimals = 0;
  double textDecimals = 0;
};

/** Status of applyBatch when a record lies outside the ring bytes (a broken invariant). */
constexpr int64_t kApplyOutOfBounds = -1;

class BookEngine {
 public:
  /** 0: window slots from maxDepth (8 per level, 1024..65536); else this power of two >= 64 (tests). */
  explicit BookEngine(uint32_t windowSlots = 0) : windowSlots_(windowSlots) {}

  EngineError AddBook(double instrumentId, double maxDepth, double tickSize, double priceDecimals,
                      double sizeDecimals);
  EngineError AddConsolidated(double groupId, const std::vector<double>& instrumentIds,
                              const std::vector<double>& takerFeeBps, double staleAfterNs);

  /**
   * Applies records [0, count): types[i], payload at bytes + offsets[i]. Returns how many it
   * applied, or kApplyOutOfBounds (with *failedIndex) when a payload lies outside `length` bytes.
   */
  int64_t Apply(const uint8_t* bytes, size_t length, const int32_t* types, const int32_t* offsets, uint32_t count,
                double nowNs, uint32_t* failedIndex);

  /** nullptr when no book was added for this id. */
  Book* FindBook(uint32_t instrumentId) {
    if (instrumentId < denseIndex_.size()) {
      const int32_t index = denseIndex_[instrumentId];
      return index >= 0 ? books_[static_cast<size_t>(index)].get() : nullptr;
    }
    auto found = sparseIndex_.find(instrumentId);
    return found == sparseIndex_.end() ? nullptr : books_[found->second].get();
  }
  Group* FindGroup(uint32_t groupId) {
    if (groupId < denseGroupIndex_.size()) {
      const int32_t index = denseGroupIndex_[groupId];
      return index >= 0 ? groups_[static_cast<size_t>(index)].get() : nullptr;
    }
    auto found = groupIndex_.find(groupId);
    return found == groupIndex_.end() ? nullptr : groups_[found->second].get();
  }

  static double BestPrice(const Book& book, int side);
  static double BestSize(const Book& book, int side);
  static uint32_t CopyTop(const Book& book, int side, uint32_t n, double* prices, double* sizes);
  static uint8_t Cross(const Book& book);
  /** OKX CRC32 as signed int32; false (with the offending number in *failure) if a level's text cannot be rebuilt. */
  bool OkxChecksum(const Book& book, int32_t* checksum, ChecksumFailure* failure);

  uint32_t ExcludedMask(const Group& group, double nowNs) const;
  void ConsolidatedBbo(Group& group, double nowNs, double* out, uint32_t fields) const;
  uint32_t CopyConsolidatedTop(Group& group, int side, uint32_t n, double nowNs, double* prices, double* sizes,
                               double* memberSizes) const;
  uint32_t CopyFeeAdjustedTop(Group& group, int side, uint32_t n, double nowNs, double* effectivePrices,
                              double* sizes, int32_t* members) const;

 private:
  uint32_t windowSlots_;
  std::vector<std::unique_ptr<Book>> books_;
  /** instrumentId → index into books_ for ids below kDenseIds; -1 where none. */
  std::vector<int32_t> denseIndex_;
  std::unordered_map<uint32_t, size_t> sparseIndex_;
  std::vector<std::unique_ptr<Group>> groups_;
  std::vector<int32_t> denseGroupIndex_;
  std::unordered_map<uint32_t, size_t> groupIndex_;
  /** Text of the last OKX checksum (reused; at most 50 levels × 2 numbers). */
  std::vector<uint8_t> checksumText_;
};

}  // namespace zvt
