// BookEngine: applies gathered ring records to price-indexed books and answers the contract's queries.
#include "book_engine.h"

#include <array>
#include <cmath>
#include <limits>

#include "layout.h"
#include "okx_checksum.h"

namespace zvt {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/** Instrument ids below this index a flat table; larger ids (never seen in practice) use a hash map. */
constexpr uint32_t kDenseIds = 1u << 20;
constexpr uint32_t kMinWindowSlots = 1024;
constexpr uint32_t kMaxWindowSlots = 65536;
constexpr uint32_t kOverflowReserve = 256;
constexpr int kChecksumLevels = 25;

/** Payload bytes read per record type (index = type code); 0 = not a book record, skipped. */
constexpr std::array<size_t, 8> kPayloadBytesByType = {
    0,                                   // 0: ring padding, never gathered
    layout::kBookLevelPayloadBytes,      // 1: BOOK_LEVEL
    layout::kBookBatchEndPayloadBytes,   // 2: BOOK_BATCH_END
    layout::kSnapshotBeginPayloadBytes,  // 3: SNAPSHOT_BEGIN
    layout::kSnapshotEndPayloadBytes,    // 4: SNAPSHOT_END
    0,                                   // 5: TRADE
    0,                                   // 6: BBO
    layout::kCommonHeaderBytes,          // 7: GAP (only the header is read)
};
static_assert(layout::kBookLevel == 1 && layout::kBookBatchEnd == 2 && layout::kSnapshotBegin == 3 &&
                  layout::kSnapshotEnd == 4 && layout::kTrade == 5 && layout::kBbo == 6 && layout::kGap == 7,
              "kPayloadBytesByType follows the record type codes");

bool IsUint32(double value) { return value >= 0 && value <= 4294967295.0 && value == std::trunc(value); }

bool IsIntegerIn(double value, double low, double high) {
  return value >= low && value <= high && value == std::trunc(value);
}

/** Tick slots per side: 8 per level of depth, a power of two in [1024, 65536]. */
uint32_t WindowSlotsFor(uint32_t maxDepth) {
  const uint64_t wanted = static_cast<uint64_t>(maxDepth) * 8;
  uint32_t slots = kMinWindowSlots;
  while (slots < wanted && slots < kMaxWindowSlots) slots <<= 1;
  return slots;
}

EngineError Invalid(std::string message) { return EngineError{EngineErrorKind::kInvalid, 0, std::move(message)}; }
EngineError Fail(EngineErrorKind kind, double detail = 0) { return EngineError{kind, detail, std::string()}; }

std::string Number(double value) {
  if (value == std::trunc(value) && std::fabs(value) < 1e18) return std::to_string(static_cast<long long>(value));
  return std::to_string(value);
}

}  // namespace

EngineError BookEngine::AddBook(double instrumentId, double maxDepth, double tickSize, double priceDecimals,
                                double sizeDecimals) {
  if (!IsUint32(instrumentId)) {
    return Invalid("Book instrumentId must be an integer from 0 to 4294967295 (got " +
                                     Number(instrumentId) + ")");
  }
  const uint32_t id = static_cast<uint32_t>(instrumentId);
  if (FindBook(id) != nullptr) {
    return Fail(EngineErrorKind::kBookDuplicate);
  }
  if (!IsIntegerIn(maxDepth, 1, kMaxDepthLimit)) {
    return Invalid("Book maxDepth must be an integer from 1 to 10000 (got " + Number(maxDepth) + ")");
  }
  if (!(tickSize > 0) || !std::isfinite(tickSize)) {
    return Invalid("Book tickSize must be a finite number above 0 (got " + Number(tickSize) + ")");
  }
  if (!IsIntegerIn(priceDecimals, 0, kMaxDecimals) || !IsIntegerIn(sizeDecimals, 0, kMaxDecimals)) {
    return Invalid("Book priceDecimals and sizeDecimals must be integers from 0 to 36");
  }
  auto book = std::make_unique<Book>();
  book->instrumentId = id;
  book->maxDepth = static_cast<uint32_t>(maxDepth);
  book->tickSize = tickSize;
  book->priceDecimals = static_cast<uint8_t>(priceDecimals);
  book->sizeDecimals = static_cast<uint8_t>(sizeDecimals);
  const uint32_t slots = windowSlots_ != 0 ? windowSlots_ : WindowSlotsFor(book->maxDepth);
  book->sides[0].Init(true, tickSize, slots, kOverflowReserve);
  book->sides[1].Init(false, tickSize, slots, kOverflowReserve);
  const size_t index = books_.size();
  books_.push_back(std::move(book));
  if (id < kDenseIds) {
    if (id >= denseIndex_.size()) denseIndex_.resize(static_cast<size_t>(id) + 1, -1);
    denseIndex_[id] = static_cast<int32_t>(index);
  } else {
    sparseIndex_.emplace(id, index);
  }
  return EngineError{};
}

EngineError BookEngine::AddConsolidated(double groupId, const std::vector<double>& instrumentIds,
                                        const std::vector<double>& takerFeeBps, double staleAfterNs) {
  if (!IsUint32(groupId)) {
    return Invalid("Consolidated groupId must be an integer from 0 to 4294967295 (got " + Number(groupId) + ")");
  }
  const uint32_t id = static_cast<uint32_t>(groupId);
  if (FindGroup(id) != nullptr) {
    return Fail(EngineErrorKind::kGroupDuplicate);
  }
  if (instrumentIds.empty() || instrumentIds.size() > kMaxMembers || takerFeeBps.size() != instrumentIds.size()) {
    return Invalid("Consolidated group " + Number(groupId) + " must have 1 to 32 members (got " +
                                             std::to_string(instrumentIds.size()) + ")");
  }
  if (!(staleAfterNs >= 0) || !std::isfinite(staleAfterNs)) {
    return Invalid("Consolidated staleAfterNs must be a finite number >= 0 (got " + Number(staleAfterNs) + ")");
  }
  auto group = std::make_unique<Group>();
  group->groupId = id;
  group->staleAfterNs = staleAfterNs;
  // Same order of checks as the TypeScript engine: fees and duplicates, then existence, then scales.
  for (size_t member = 0; member < instrumentIds.size(); member++) {
    for (size_t other = 0; other < member; other++) {
      if (instrumentIds[other] == instrumentIds[member]) {
        return Invalid("Consolidated group " + Number(groupId) + " lists instrument " + Number(instrumentIds[member]) +
                       " twice");
      }
    }
    const double fee = takerFeeBps[member];
    if (!(fee > -10000 && fee < 10000)) {
      return Invalid("Consolidated takerFeeBps must be above -10000 and below 10000 (got " + Number(fee) + ")");
    }
  }
  for (size_t member = 0; member < instrumentIds.size(); member++) {
    const double memberId = instrumentIds[member];
    Book* book = IsUint32(memberId) ? FindBook(static_cast<uint32_t>(memberId)) : nullptr;
    if (book == nullptr) return Fail(EngineErrorKind::kMemberUnknown, memberId);
    group->members.push_back(book);
    const double fee = takerFeeBps[member];
    // Exactly the contract's expressions, so every engine gets the same doubles.
    group->askFactor.push_back(1 + fee / 10000);
    group->bidFactor.push_back(1 - fee / 10000);
  }
  const Book* first = group->members[0];
  for (const Book* book : group->members) {
    if (book->priceDecimals != first->priceDecimals || book->sizeDecimals != first->sizeDecimals) {
      return Fail(EngineErrorKind::kMemberScale, book->instrumentId);
    }
  }
  group->cursors.resize(group->members.size());
  const size_t index = groups_.size();
  groups_.push_back(std::move(group));
  if (id < kDenseIds) {
    if (id >= denseGroupIndex_.size()) denseGroupIndex_.resize(static_cast<size_t>(id) + 1, -1);
    denseGroupIndex_[id] = static_cast<int32_t>(index);
  } else {
    groupIndex_.emplace(id, index);
  }
  return EngineError{};
}

int64_t BookEngine::Apply(const uint8_t* bytes, size_t length, const int32_t* types, const int32_t* offsets,
                          uint32_t count, double nowNs, uint32_t* failedIndex) {
  using namespace layout;
  uint32_t applied = 0;
  // Records come in runs of one instrument: remember the last lookup.
  uint32_t cachedId = 0;
  Book* cached = nullptr;
  bool haveCached = false;
  for (uint32_t i = 0; i < count; i++) {
    const uint32_t type = static_cast<uint32_t>(types[i]);
    // Payload bytes each applied type needs; 0 for the types the engine skips (trades, BBO, ...).
    const size_t payloadBytes = type < kPayloadBytesByType.size() ? kPayloadBytesByType[type] : 0;
    if (payloadBytes == 0) continue;
    const int32_t offset = offsets[i];
    if (offset < 0 || static_cast<size_t>(offset) + payloadBytes > length) {
      *failedIndex = i;
      return kApplyOutOfBounds;
    }
    const uint8_t* record = bytes + offset;
    const uint32_t instrumentId = LoadU32(record + kInstrumentIdOffset);
    Book* book;
    if (haveCached && instrumentId == cachedId) {
      book = cached;
    } else {
      book = FindBook(instrumentId);
      cached = book;
      cachedId = instrumentId;
      haveCached = true;
    }
    if (book == nullptr) continue;
    applied++;
    if (__builtin_expect(type == kBookLevel, 1)) {
      // Side 0 is the bid side; any other value reads as the ask side, as in the TypeScript engine.
      const bool absent = book->sides[record[kBookLevelSideOffset] != 0].Set(
          LoadF64(record + kBookLevelPriceOffset), LoadF64(record + kBookLevelSizeOffset),
          record[kBookLevelPriceTextDecimalsOffset], record[kBookLevelSizeTextDecimalsOffset]);
      book->counters[kCounterLevelUpdates]++;
      book->counters[kCounterAbsentDeletes] += absent;
      continue;
    }
    switch (type) {
      case kBookBatchEnd: {
        const uint32_t truncated = book->sides[0].Truncate(book->maxDepth) + book->sides[1].Truncate(book->maxDepth);
        book->counters[kCounterTruncatedLevels] += truncated;
        book->sides[0].Rebalance();
        book->sides[1].Rebalance();
        book->lastSequence = LoadF64(record + kBookBatchEndSequenceOffset);
        book->lastPreviousSequence = LoadF64(record + kBookBatchEndPreviousSequenceOffset);
        book->lastChecksum = LoadI32(record + kBookBatchEndChecksumOffset);
        book->lastUpdateNs = nowNs;
        book->counters[kCounterBatches]++;
        break;
      }
      case kSnapshotBegin:
        book->sides[0].Clear();
        book->sides[1].Clear();
        book->state = kSnapshotting;
        break;
      case kSnapshotEnd: {
        const uint32_t truncated = book->sides[0].Truncate(book->maxDepth) + book->sides[1].Truncate(book->maxDepth);
        book->counters[kCounterTruncatedLevels] += truncated;
        book->sides[0].Rebalance();
        book->sides[1].Rebalance();
        book->lastSequence = LoadF64(record + kSnapshotEndSequenceOffset);
        book->lastPreviousSequence = kSequenceNone;
        book->lastChecksum = LoadI32(record + kSnapshotEndChecksumOffset);
        book->lastUpdateNs = nowNs;
        book->state = kSynced;
        book->counters[kCounterSnapshots]++;
        break;
      }
      default:  // kGap
        book->state = kResyncing;
        break;
    }
  }
  return applied;
}

double BookEngine::BestPrice(const Book& book, int side) {
  double price;
  double size;
  return book.sides[side].Best(&price, &size) ? price : kNaN;
}

double BookEngine::BestSize(const Book& book, int side) {
  double price;
  double size;
  return book.sides[side].Best(&price, &size) ? size : 0;
}

uint32_t BookEngine::CopyTop(const Book& book, int side, uint32_t n, double* prices, double* sizes) {
  uint32_t copied = 0;
  for (PriceSide::Cursor cursor(&book.sides[side]); copied < n && !cursor.Done(); cursor.Next()) {
    const LevelView level = cursor.Level();
    prices[copied] = level.price;
    sizes[copied] = level.size;
    copied++;
  }
  return copied;
}

uint8_t BookEngine::Cross(const Book& book) {
  double bid;
  double ask;
  double size;
  if (!book.sides[0].Best(&bid, &size) || !book.sides[1].Best(&ask, &size)) return kCrossNone;
  if (bid > ask) return kCrossed;
  if (bid == ask) return kLocked;
  return kCrossNone;
}

bool BookEngine::OkxChecksum(const Book& book, int32_t* checksum, ChecksumFailure* failure) {
  const size_t capacity = static_cast<size_t>(kChecksumLevels) * 2 * (2 * kMaxDecimalTextBytes + 2);
  if (checksumText_.size() < capacity) checksumText_.resize(capacity);
  uint8_t* text = checksumText_.data();
  size_t length = 0;
  PriceSide::Cursor cursors[2] = {PriceSide::Cursor(&book.sides[0]), PriceSide::Cursor(&book.sides[1])};
  for (int level = 0; level < kChecksumLevels; level++) {
    for (int side = 0; side < 2; side++) {
      PriceSide::Cursor& cursor = cursors[side];
      if (cursor.Done()) continue;
      const LevelView view = cursor.Level();
      cursor.Next();
      if (length != 0) text[length++] = ':';
      size_t written = 0;
      DecimalTextStatus status =
          WriteDecimalFixed(text + length, view.price, book.priceDecimals, view.priceTextDecimals, &written);
      if (status == DecimalTextStatus::kOk) {
        length += written;
        text[length++] = ':';
        status = WriteDecimalFixed(text + length, view.size, book.sizeDecimals, view.sizeTextDecimals, &written);
        length += written;
      }
      if (status != DecimalTextStatus::kOk) {
        // Report the number that failed, price first, exactly as writeDecimalFixedBytes would meet it.
        const bool priceFailed =
            WriteDecimalFixed(text + length, view.price, book.priceDecimals, view.priceTextDecimals, &written) !=
            DecimalTextStatus::kOk;
        failure->mantissa = priceFailed ? view.price : view.size;
        failure->decimals = priceFailed ? book.priceDecimals : book.sizeDecimals;
        failure->textDecimals = priceFailed ? view.priceTextDecimals : view.sizeTextDecimals;
        return false;
      }
    }
  }
  *checksum = static_cast<int32_t>(Crc32(text, length));
  return true;
}

uint32_t BookEngine::ExcludedMask(const Group& group, double nowNs) const {
  uint32_t mask = 0;
  for (size_t member = 0; member < group.members.size(); member++) {
    const Book* book = group.members[member];
    if (book->state != kSynced || nowNs - book->lastUpdateNs > group.staleAfterNs) mask |= 1u << member;
  }
  return mask;
}

void BookEngine::ConsolidatedBbo(Group& group, double nowNs, double* out, uint32_t fields) const {
  const uint32_t excluded = ExcludedMask(group, nowNs);
  double bidPrice = kNaN;
  double bidSize = 0;
  uint32_t bidMembers = 0;
  double askPrice = kNaN;
  double askSize = 0;
  uint32_t askMembers = 0;
  for (size_t member = 0; member < group.members.size(); member++) {
    const uint32_t bit = 1u << member;
    if ((excluded & bit) != 0) continue;
    const Book* book = group.members[member];
    double price;
    double size;
    if (book->sides[0].Best(&price, &size)) {
      if (bidMembers == 0 || price > bidPrice) {
        bidPrice = price;
        bidSize = size;
        bidMembers = bit;
      } else if (price == bidPrice) {
        bidSize += size;
        bidMembers |= bit;
      }
    }
    if (book->sides[1].Best(&price, &size)) {
      if (askMembers == 0 || price < askPrice) {
        askPrice = price;
        askSize = size;
        askMembers = bit;
      } else if (price == askPrice) {
        askSize += size;
        askMembers |= bit;
      }
    }
  }
  const double values[kBboFields] = {bidPrice, bidSize, askPrice, askSize, static_cast<double>(bidMembers),
                                     static_cast<double>(askMembers)};
  for (uint32_t field = 0; field < fields && field < static_cast<uint32_t>(kBboFields); field++) out[field] = values[field];
}

uint32_t BookEngine::CopyConsolidatedTop(Group& group, int side, uint32_t n, double nowNs, double* prices,
                                         double* sizes, double* memberSizes) const {
  const uint32_t excluded = ExcludedMask(group, nowNs);
  const size_t members = group.members.size();
  uint32_t active = 0;
  for (size_t member = 0; member < members; member++) {
    group.cursors[member].Reset(&group.members[member]->sides[side]);
    if ((excluded & (1u << member)) == 0 && !group.cursors[member].Done()) active |= 1u << member;
  }
  uint32_t copied = 0;
  while (copied < n && active != 0) {
    // Lowest key (best price) among the active members' current levels.
    double bestKey = std::numeric_limits<double>::infinity();
    for (uint32_t rest = active; rest != 0; rest &= rest - 1) {
      const double key = group.cursors[__builtin_ctz(rest)].Key();
      if (key < bestKey) bestKey = key;
    }
    double* row = memberSizes + static_cast<size_t>(copied) * members;
    for (size_t member = 0; member < members; member++) row[member] = 0;
    double total = 0;
    double price = 0;
    for (uint32_t rest = active; rest != 0; rest &= rest - 1) {
      const int member = __builtin_ctz(rest);
      PriceSide::Cursor& cursor = group.cursors[member];
      if (cursor.Key() != bestKey) continue;
      const LevelView level = cursor.Level();
      price = level.price;
      row[member] = level.size;
      total += level.size;
      cursor.Next();
      if (cursor.Done()) active &= ~(1u << member);
    }
    prices[copied] = price;
    sizes[copied] = total;
    copied++;
  }
  return copied;
}

uint32_t BookEngine::CopyFeeAdjustedTop(Group& group, int side, uint32_t n, double nowNs, double* effectivePrices,
                                        double* sizes, int32_t* members) const {
  const uint32_t excluded = ExcludedMask(group, nowNs);
  const bool bid = side == 0;
  const std::vector<double>& factors = bid ? group.bidFactor : group.askFactor;
  uint32_t active = 0;
  for (size_t member = 0; member < group.members.size(); member++) {
    group.cursors[member].Reset(&group.members[member]->sides[side]);
    if ((excluded & (1u << member)) == 0 && !group.cursors[member].Done()) active |= 1u << member;
  }
  uint32_t copied = 0;
  while (copied < n && active != 0) {
    int bestMember = -1;
    double bestEffective = 0;
    double bestSize = 0;
    // Ascending member order and strict comparisons: ties go to the lowest member index.
    for (uint32_t rest = active; rest != 0; rest &= rest - 1) {
      const int member = __builtin_ctz(rest);
      const LevelView level = group.cursors[member].Level();
      const double effective = level.price * factors[member];
      if (bestMember < 0 || (bid ? effective > bestEffective : effective < bestEffective)) {
        bestMember = member;
        bestEffective = effective;
        bestSize = level.size;
      }
    }
    effectivePrices[copied] = bestEffective;
    sizes[copied] = bestSize;
    members[copied] = bestMember;
    copied++;
    PriceSide::Cursor& cursor = group.cursors[bestMember];
    cursor.Next();
    if (cursor.Done()) active &= ~(1u << bestMember);
  }
  return copied;
}

}  // namespace zvt
