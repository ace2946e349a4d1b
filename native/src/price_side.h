// One side of a price-indexed L2 book: a circular window of tick slots around the best plus a sorted overflow.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace zvt {

/*
 * Keys. Both sides are kept as "lower key is better": an ask's key is its price, a bid's key is
 * minus its price. One code path then serves both sides.
 *
 * Window. A level whose key is an exact multiple of the tick (k = key / tick, an integer) and
 * whose k lies in [base, base + W) lives in slot k & (W - 1) of a power-of-two circular array;
 * a bitmap (one bit per slot) says which slots hold a level, so "next level after this one" is a
 * count-trailing-zeros over 64-bit words. The window's best k is tracked incrementally.
 *
 *        base                      best                                   base + W
 *         |  headroom (W/4)         |   deeper levels ...                    |
 *   keys: [.........................#...#.##.#....#.......................)
 *   slot = k & (W - 1): the window slides by changing `base`; slots that leave are emptied first.
 *
 * Overflow. Everything else (off-tick prices, keys outside the window) sits in a vector sorted by
 * key. Invariant: an on-tick key inside the window range is never in the overflow, so every key
 * has exactly one home and a lookup checks one place.
 *
 * The window is placed when the first level of an empty window arrives (best at W/4), slides
 * down when a better on-tick price arrives below `base`, slides up when a level lands beyond the
 * window while the best is past the middle, and is re-centred at batch end when the overflow has
 * grown while the best is outside the window's first half. Sliding moves levels between window
 * and overflow; it is the only place the overflow vector may grow (rarely: it is preallocated).
 */

struct WindowSlot {
  double size;
  uint8_t priceTextDecimals;
  uint8_t sizeTextDecimals;
};

struct OverflowLevel {
  double key;
  double size;
  uint8_t priceTextDecimals;
  uint8_t sizeTextDecimals;
};

/** What one BOOK_LEVEL did to a side. */
enum class SetResult { kInserted, kUpdated, kDeleted, kAbsentDelete };

/** A level as handed out by iteration: price (not key) and text decimals. */
struct LevelView {
  double price;
  double size;
  uint8_t priceTextDecimals;
  uint8_t sizeTextDecimals;
};

class PriceSide {
 public:
  static constexpr int64_t kNone = std::numeric_limits<int64_t>::max();

  void Init(bool bid, double tick, uint32_t windowSlots, uint32_t overflowReserve);
  void Clear();

  /** The hot path (inline below): one BOOK_LEVEL. Returns true for a delete of an absent level. */
  inline bool Set(double price, double size, uint8_t priceTextDecimals, uint8_t sizeTextDecimals);
  /** Removes the worst levels beyond `maxDepth`; returns how many. Batch ends only. */
  uint32_t Truncate(uint32_t maxDepth) { return Count() > maxDepth ? TruncateWorst(Count() - maxDepth) : 0; }
  /** Re-centres the window on the best when the overflow has grown and the best left the window's first half. */
  void Rebalance() {
    if (overflow_.size() > kRebalanceOverflow) RebalanceWindow();
  }

  uint32_t Count() const { return windowCount_ + static_cast<uint32_t>(overflow_.size()); }
  bool Empty() const { return Count() == 0; }
  bool IsBid() const { return bid_; }
  /** Best price and size; false when the side is empty. */
  bool Best(double* price, double* size) const;

  /** Iterates levels best first. Valid until the side changes. */
  class Cursor {
   public:
    Cursor() = default;
    explicit Cursor(const PriceSide* side) { Reset(side); }
    void Reset(const PriceSide* side) {
      side_ = side;
      windowKey_ = side->windowBest_;
      overflowIndex_ = 0;
    }
    /** Key of the current level (lower is better), or +infinity at the end. */
    double Key() const;
    bool Done() const;
    /** The current level; call only when !Done(). */
    LevelView Level() const;
    void Next();

   private:
    bool WindowFirst() const;
    const PriceSide* side_ = nullptr;
    int64_t windowKey_ = kNone;
    size_t overflowIndex_ = 0;
  };

  /** Levels in the window and in the overflow (for tests and docs). */
  uint32_t WindowCount() const { return windowCount_; }
  uint32_t OverflowCount() const { return static_cast<uint32_t>(overflow_.size()); }

 private:
  friend class Cursor;

  uint64_t SlotOf(int64_t k) const { return static_cast<uint64_t>(k) & mask_; }
  bool InWindow(int64_t k) const { return static_cast<uint64_t>(k - base_) < static_cast<uint64_t>(slots_); }
  bool BitAt(uint64_t slot) const { return (bits_[slot >> 6] >> (slot & 63)) & 1u; }
  void SetBit(uint64_t slot) { bits_[slot >> 6] |= uint64_t{1} << (slot & 63); }
  void ClearBit(uint64_t slot) { bits_[slot >> 6] &= ~(uint64_t{1} << (slot & 63)); }
  double PriceOfKey(double key) const { return bid_ ? 0.0 - key : key; }
  double KeyOfTick(int64_t k) const { return static_cast<double>(k) * tick_; }

  /**
   * k when `key` is an on-tick key (an integer number of ticks), else false. Multiplies by the
   * reciprocal and rounds instead of dividing; the round trip k * tick == key is what decides, so
   * the answer is exact (a multiple of the tick whose quotient the reciprocal misses would only be
   * treated as off-tick, consistently, since the same key always gives the same answer).
   */
  bool TickIndex(double key, int64_t* k) const {
    // A tick of 1 (the common case: the scale is the venue's tick) skips both multiplications.
    const double quotient = unitTick_ ? key : key * inverseTick_;
    // Also false for NaN and infinities.
    if (!(quotient > -kMaxTickIndex && quotient < kMaxTickIndex)) return false;
    const int64_t index = std::llrint(quotient);
    const double back = static_cast<double>(index);
    if ((unitTick_ ? back : back * tick_) != key) return false;
    *k = index;
    return true;
  }
  /** Smallest window key >= from with a level, or kNone. */
  int64_t FindNext(int64_t from) const;
  /** Largest window key <= from with a level, or kNone. */
  int64_t FindPrevious(int64_t from) const;

  void WindowInsert(int64_t k, double size, uint8_t priceTextDecimals, uint8_t sizeTextDecimals) {
    const uint64_t slot = SlotOf(k);
    WindowSlot& target = window_[slot];
    target.size = size;
    target.priceTextDecimals = priceTextDecimals;
    target.sizeTextDecimals = sizeTextDecimals;
    SetBit(slot);
    windowCount_++;
    if (k < windowBest_) windowBest_ = k;
  }
  void WindowErase(int64_t k) {
    ClearBit(SlotOf(k));
    windowCount_--;
    if (k == windowBest_) windowBest_ = windowCount_ != 0 ? FindNext(k + 1) : kNone;
  }
  size_t OverflowLowerBound(double key) const;
  SetResult SetOverflow(double key, double size, uint8_t priceTextDecimals, uint8_t sizeTextDecimals);
  SetResult InsertOutside(int64_t k, double key, double size, uint8_t priceTextDecimals, uint8_t sizeTextDecimals);
  uint32_t TruncateWorst(uint32_t remove);
  void RebalanceWindow();
  /** Moves the window to [newBase, newBase + W): evicts leaving levels, pulls entering ones in. */
  void MoveWindow(int64_t newBase);

  /** Tick indices stay well inside int64 (and exact in a double) below this magnitude. */
  static constexpr double kMaxTickIndex = 9.0e15;
  /** Overflow size above which batch ends consider re-centring the window. */
  static constexpr size_t kRebalanceOverflow = 32;

  bool bid_ = false;
  /** -1 for bids, +1 for asks: key = price * sign_. */
  double sign_ = 1;
  double tick_ = 1;
  double inverseTick_ = 1;
  bool unitTick_ = true;
  uint32_t slots_ = 0;
  uint64_t mask_ = 0;
  int64_t base_ = 0;
  uint32_t windowCount_ = 0;
  int64_t windowBest_ = kNone;
  std::vector<WindowSlot> window_;
  std::vector<uint64_t> bits_;
  std::vector<OverflowLevel> overflow_;
  /** Scratch for levels evicted by a window move (reserved once). */
  std::vector<OverflowLevel> evicted_;
};

inline bool PriceSide::Set(double price, double size, uint8_t priceTextDecimals, uint8_t sizeTextDecimals) {
  const double key = price * sign_;
  int64_t k;
  if (__builtin_expect(TickIndex(key, &k), 1)) {
    if (__builtin_expect(!InWindow(k), 0)) {
      return InsertOutside(k, key, size, priceTextDecimals, sizeTextDecimals) == SetResult::kAbsentDelete;
    }
    // Branch-free on the two unpredictable facts (is the level there? is this a delete?): venue
    // streams mix inserts, updates and deletes at random, and each mispredicted branch costs more
    // than the whole update. The slot is written either way (a deleted slot's contents are unused).
    const uint64_t slot = SlotOf(k);
    uint64_t& word = bits_[slot >> 6];
    const uint64_t bit = uint64_t{1} << (slot & 63);
    const bool present = (word & bit) != 0;
    const bool keep = size != 0;
    WindowSlot& target = window_[slot];
    target.size = size;
    target.priceTextDecimals = priceTextDecimals;
    target.sizeTextDecimals = sizeTextDecimals;
    word = (word & ~bit) | (keep ? bit : 0);
    windowCount_ = windowCount_ + static_cast<uint32_t>(keep) - static_cast<uint32_t>(present);
    const int64_t best = windowBest_;
    const int64_t better = k < best ? k : best;
    windowBest_ = keep ? better : best;
    if (__builtin_expect(!keep & (k == best), 0)) {
      // Deleting the best (k == best implies it was present): scan to the next level.
      windowBest_ = windowCount_ != 0 ? FindNext(k + 1) : kNone;
    }
    return !keep & !present;
  }
  return SetOverflow(key, size, priceTextDecimals, sizeTextDecimals) == SetResult::kAbsentDelete;
}

}  // namespace zvt
