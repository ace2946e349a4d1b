// PriceSide: tick-slot window with an occupancy bitmap, sorted overflow, incremental best, truncation from the worst end.
#include "price_side.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace zvt {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace

void PriceSide::Init(bool bid, double tick, uint32_t windowSlots, uint32_t overflowReserve) {
  bid_ = bid;
  sign_ = bid ? -1.0 : 1.0;
  tick_ = tick;
  inverseTick_ = 1.0 / tick;
  unitTick_ = tick == 1.0;
  slots_ = windowSlots;
  mask_ = windowSlots - 1;
  base_ = 0;
  windowCount_ = 0;
  windowBest_ = kNone;
  window_.assign(windowSlots, WindowSlot{0, 0, 0});
  bits_.assign(windowSlots / 64, 0);
  overflow_.clear();
  overflow_.reserve(overflowReserve);
  evicted_.clear();
  evicted_.reserve(overflowReserve);
}

void PriceSide::Clear() {
  if (windowCount_ != 0) std::memset(bits_.data(), 0, bits_.size() * sizeof(uint64_t));
  windowCount_ = 0;
  windowBest_ = kNone;
  overflow_.clear();
}

int64_t PriceSide::FindNext(int64_t from) const {
  if (from < base_) from = base_;
  const int64_t end = base_ + static_cast<int64_t>(slots_);
  while (from < end) {
    const uint64_t slot = SlotOf(from);
    const unsigned bit = static_cast<unsigned>(slot & 63);
    const uint64_t word = bits_[slot >> 6] >> bit;
    if (word != 0) {
      const int64_t k = from + __builtin_ctzll(word);
      return k < end ? k : kNone;
    }
    from += 64 - bit;
  }
  return kNone;
}

int64_t PriceSide::FindPrevious(int64_t from) const {
  const int64_t last = base_ + static_cast<int64_t>(slots_) - 1;
  if (from > last) from = last;
  while (from >= base_) {
    const uint64_t slot = SlotOf(from);
    const unsigned bit = static_cast<unsigned>(slot & 63);
    const uint64_t word = bits_[slot >> 6] << (63 - bit);
    if (word != 0) {
      const int64_t k = from - __builtin_clzll(word);
      return k >= base_ ? k : kNone;
    }
    from -= static_cast<int64_t>(bit) + 1;
  }
  return kNone;
}

size_t PriceSide::OverflowLowerBound(double key) const {
  // Branch-light binary search; the overflow is small and sorted by key.
  size_t low = 0;
  size_t count = overflow_.size();
  while (count > 0) {
    const size_t half = count >> 1;
    if (overflow_[low + half].key < key) {
      low += half + 1;
      count -= half + 1;
    } else {
      count = half;
    }
  }
  return low;
}

SetResult PriceSide::SetOverflow(double key, double size, uint8_t priceTextDecimals, uint8_t sizeTextDecimals) {
  const size_t index = OverflowLowerBound(key);
  if (index < overflow_.size() && overflow_[index].key == key) {
    if (size == 0) {
      overflow_.erase(overflow_.begin() + static_cast<std::ptrdiff_t>(index));
      return SetResult::kDeleted;
    }
    OverflowLevel& level = overflow_[index];
    level.size = size;
    level.priceTextDecimals = priceTextDecimals;
    level.sizeTextDecimals = sizeTextDecimals;
    return SetResult::kUpdated;
  }
  if (size == 0) return SetResult::kAbsentDelete;
  overflow_.insert(overflow_.begin() + static_cast<std::ptrdiff_t>(index),
                   OverflowLevel{key, size, priceTextDecimals, sizeTextDecimals});
  return SetResult::kInserted;
}

SetResult PriceSide::InsertOutside(int64_t k, double key, double size, uint8_t priceTextDecimals,
                                   uint8_t sizeTextDecimals) {
  // The level may sit in the overflow already (evicted by an earlier window move).
  const size_t index = OverflowLowerBound(key);
  if (index < overflow_.size() && overflow_[index].key == key) {
    return SetOverflow(key, size, priceTextDecimals, sizeTextDecimals);
  }
  if (size == 0) return SetResult::kAbsentDelete;
  const int64_t headroom = static_cast<int64_t>(slots_ / 4);
  if (windowCount_ == 0 || k < base_) {
    // First level of an empty window, or a better price than the window reaches: slide down.
    MoveWindow(k - headroom);
    WindowInsert(k, size, priceTextDecimals, sizeTextDecimals);
    return SetResult::kInserted;
  }
  // Beyond the worst end. Slide up if the best has drifted past the middle, else overflow.
  if (windowBest_ - base_ > static_cast<int64_t>(slots_ / 2)) {
    MoveWindow(windowBest_ - headroom);
    if (InWindow(k)) {
      WindowInsert(k, size, priceTextDecimals, sizeTextDecimals);
      return SetResult::kInserted;
    }
  }
  return SetOverflow(key, size, priceTextDecimals, sizeTextDecimals);
}

void PriceSide::MoveWindow(int64_t newBase) {
  if (newBase == base_) return;
  const int64_t oldEnd = base_ + static_cast<int64_t>(slots_);
  const int64_t newEnd = newBase + static_cast<int64_t>(slots_);
  evicted_.clear();
  if (windowCount_ != 0) {
    // Keys of the old window that the new one does not cover, ascending.
    int64_t low;
    int64_t high;
    if (newBase > base_) {
      low = base_;
      high = std::min(newBase, oldEnd);
    } else {
      low = std::max(newEnd, base_);
      high = oldEnd;
    }
    for (int64_t k = FindNext(low); k != kNone && k < high; k = FindNext(k + 1)) {
      const uint64_t slot = SlotOf(k);
      const WindowSlot& level = window_[slot];
      evicted_.push_back(OverflowLevel{KeyOfTick(k), level.size, level.priceTextDecimals, level.sizeTextDecimals});
      ClearBit(slot);
      windowCount_--;
    }
  }
  base_ = newBase;
  // Pull on-tick overflow levels that the new window covers (their slots were just vacated).
  if (!overflow_.empty()) {
    const double lowKey = KeyOfTick(newBase);
    const double highKey = KeyOfTick(newEnd);
    size_t read = OverflowLowerBound(lowKey);
    size_t write = read;
    const size_t size = overflow_.size();
    for (; read < size; read++) {
      const OverflowLevel& level = overflow_[read];
      int64_t k;
      if (level.key < highKey && TickIndex(level.key, &k) && InWindow(k)) {
        const uint64_t slot = SlotOf(k);
        window_[slot] = WindowSlot{level.size, level.priceTextDecimals, level.sizeTextDecimals};
        SetBit(slot);
        windowCount_++;
        continue;
      }
      if (write != read) overflow_[write] = level;
      write++;
    }
    overflow_.resize(write);
  }
  // Merge the evicted levels (sorted) into the overflow (sorted), from the back.
  if (!evicted_.empty()) {
    size_t left = overflow_.size();
    size_t right = evicted_.size();
    overflow_.resize(left + right);
    size_t out = left + right;
    while (right > 0) {
      if (left > 0 && overflow_[left - 1].key > evicted_[right - 1].key) {
        overflow_[--out] = overflow_[--left];
      } else {
        overflow_[--out] = evicted_[--right];
      }
    }
  }
  windowBest_ = windowCount_ != 0 ? FindNext(base_) : kNone;
}

uint32_t PriceSide::TruncateWorst(uint32_t remove) {
  int64_t windowWorst = windowCount_ != 0 ? FindPrevious(base_ + static_cast<int64_t>(slots_) - 1) : kNone;
  for (uint32_t removed = 0; removed < remove; removed++) {
    const bool fromOverflow =
        !overflow_.empty() && (windowCount_ == 0 || overflow_.back().key > KeyOfTick(windowWorst));
    if (fromOverflow) {
      overflow_.pop_back();
      continue;
    }
    ClearBit(SlotOf(windowWorst));
    windowCount_--;
    if (windowCount_ == 0) {
      windowBest_ = kNone;
      windowWorst = kNone;
    } else {
      windowWorst = FindPrevious(windowWorst - 1);
    }
  }
  return remove;
}

void PriceSide::RebalanceWindow() {
  double bestKey = overflow_.front().key;
  if (windowCount_ != 0) {
    const int64_t offset = windowBest_ - base_;
    const double windowKey = KeyOfTick(windowBest_);
    if (windowKey <= bestKey && offset < static_cast<int64_t>(slots_ / 2)) return;
    if (windowKey < bestKey) bestKey = windowKey;
  }
  const double quotient = std::floor(bestKey / tick_);
  if (!(quotient > -kMaxTickIndex && quotient < kMaxTickIndex)) return;
  MoveWindow(static_cast<int64_t>(quotient) - static_cast<int64_t>(slots_ / 4));
}

bool PriceSide::Best(double* price, double* size) const {
  const double windowKey = windowCount_ != 0 ? KeyOfTick(windowBest_) : kInfinity;
  if (!overflow_.empty() && overflow_.front().key < windowKey) {
    *price = PriceOfKey(overflow_.front().key);
    *size = overflow_.front().size;
    return true;
  }
  if (windowCount_ == 0) return false;
  *price = PriceOfKey(windowKey);
  *size = window_[SlotOf(windowBest_)].size;
  return true;
}

bool PriceSide::Cursor::WindowFirst() const {
  if (windowKey_ == kNone) return false;
  if (overflowIndex_ >= side_->overflow_.size()) return true;
  return side_->KeyOfTick(windowKey_) < side_->overflow_[overflowIndex_].key;
}

bool PriceSide::Cursor::Done() const {
  return windowKey_ == kNone && overflowIndex_ >= side_->overflow_.size();
}

double PriceSide::Cursor::Key() const {
  const double windowKey = windowKey_ != kNone ? side_->KeyOfTick(windowKey_) : kInfinity;
  const double overflowKey =
      overflowIndex_ < side_->overflow_.size() ? side_->overflow_[overflowIndex_].key : kInfinity;
  return windowKey < overflowKey ? windowKey : overflowKey;
}

LevelView PriceSide::Cursor::Level() const {
  if (WindowFirst()) {
    const WindowSlot& slot = side_->window_[side_->SlotOf(windowKey_)];
    return LevelView{side_->PriceOfKey(side_->KeyOfTick(windowKey_)), slot.size, slot.priceTextDecimals,
                     slot.sizeTextDecimals};
  }
  const OverflowLevel& level = side_->overflow_[overflowIndex_];
  return LevelView{side_->PriceOfKey(level.key), level.size, level.priceTextDecimals, level.sizeTextDecimals};
}

void PriceSide::Cursor::Next() {
  if (WindowFirst()) {
    windowKey_ = side_->FindNext(windowKey_ + 1);
  } else {
    overflowIndex_++;
  }
}

}  // namespace zvt
