// One side of a price-indexed L2 book: a circular window of tick slots around the best plus a sorted overflow.
#pragma once

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

  SetResult Set(double price, double size, uint8_t priceTextDecimals, uint8_t sizeTextDecimals);
  /** Removes the worst levels beyond `maxDepth`; returns how many. */
  uint32_t Truncate(uint32_t maxDepth);
  /** Re-centres the window on the best when the overflow has grown and the best left the window's first half. */
  void Rebalance();

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

  /** k when `key` is an on-tick key (an integer number of ticks), else false. */
  bool TickIndex(double key, int64_t* k) const;
  /** Smallest window key >= from with a level, or kNone. */
  int64_t FindNext(int64_t from) const;
  /** Largest window key <= from with a level, or kNone. */
  int64_t FindPrevious(int64_t from) const;

  void WindowInsert(int64_t k, double size, uint8_t priceTextDecimals, uint8_t sizeTextDecimals);
  void WindowErase(int64_t k);
  size_t OverflowLowerBound(double key) const;
  SetResult SetOverflow(double key, double size, uint8_t priceTextDecimals, uint8_t sizeTextDecimals);
  SetResult InsertOutside(int64_t k, double key, double size, uint8_t priceTextDecimals, uint8_t sizeTextDecimals);
  /** Moves the window to [newBase, newBase + W): evicts leaving levels, pulls entering ones in. */
  void MoveWindow(int64_t newBase);

  bool bid_ = false;
  double tick_ = 1;
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

}  // namespace zvt
