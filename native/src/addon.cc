// N-API surface of the native BookEngine (node-addon-api): one ObjectWrap class plus the compiled record layout.
#include <napi.h>

#include <cmath>
#include <vector>

#include "book_engine.h"
#include "layout.h"

namespace zvt {

namespace {

/*
 * Errors. The JavaScript wrapper (src/actors/native-book-engine.ts) passes a `raise(kind, a, b, c)`
 * function to the constructor; it builds the same ZvtError (code, message, details) the TypeScript
 * engine throws, so both engines fail identically. C++ only names the kind and the numbers.
 */
constexpr const char* kRaiseBookUnknown = "book-unknown";
constexpr const char* kRaiseGroupUnknown = "group-unknown";
constexpr const char* kRaiseBookDuplicate = "book-duplicate";
constexpr const char* kRaiseGroupDuplicate = "group-duplicate";
constexpr const char* kRaiseMemberUnknown = "member-unknown";
constexpr const char* kRaiseMemberScale = "member-scale";
constexpr const char* kRaiseDecimal = "decimal";
constexpr const char* kRaiseBatchRange = "batch-range";
constexpr const char* kRaiseNotBound = "not-bound";
constexpr size_t kIoFields = 4;

/** A typed array's data and element count; throws a TypeError when `value` is not a `type` typed array. */
template <typename T>
T* TypedData(const Napi::Env& env, const Napi::Value& value, napi_typedarray_type type, size_t* length,
             const char* what) {
  bool isTypedArray = false;
  if (napi_is_typedarray(env, value, &isTypedArray) != napi_ok || !isTypedArray) {
    throw Napi::TypeError::New(env, std::string(what) + " must be a typed array");
  }
  napi_typedarray_type actual;
  size_t elements = 0;
  void* data = nullptr;
  napi_status status = napi_get_typedarray_info(env, value, &actual, &elements, &data, nullptr, nullptr);
  if (status != napi_ok || actual != type) {
    throw Napi::TypeError::New(env, std::string(what) + " has the wrong typed array type");
  }
  *length = elements;
  return static_cast<T*>(data);
}

double NumberArgument(const Napi::CallbackInfo& info, size_t index) {
  const Napi::Value value = info[index];
  if (!value.IsNumber()) throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(index) + " must be a number");
  return value.As<Napi::Number>().DoubleValue();
}

std::vector<double> NumberArray(const Napi::Env& env, const Napi::Value& value, const char* what) {
  if (!value.IsArray()) throw Napi::TypeError::New(env, std::string(what) + " must be an array");
  const Napi::Array array = value.As<Napi::Array>();
  std::vector<double> numbers(array.Length());
  for (uint32_t i = 0; i < array.Length(); i++) {
    const Napi::Value item = array.Get(i);
    numbers[i] = item.IsNumber() ? item.As<Napi::Number>().DoubleValue() : std::nan("");
  }
  return numbers;
}

/**
 * `n` of a copy* call, or applyBatch's count, as a count: <= 0 and NaN give 0, and a fraction
 * rounds up, as the TypeScript engines' `while (copied < n)` loops do.
 */
uint32_t CountArgument(double n) {
  if (!(n > 0)) return 0;
  if (n >= 4294967295.0) return 4294967295u;
  return static_cast<uint32_t>(std::ceil(n));
}

}  // namespace

class BookEngineWrap : public Napi::ObjectWrap<BookEngineWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(
        env, "BookEngine",
        {
            InstanceMethod<&BookEngineWrap::AddBook>("addBook"),
            InstanceMethod<&BookEngineWrap::AddConsolidated>("addConsolidated"),
            InstanceMethod<&BookEngineWrap::Bind>("bind"),
            InstanceMethod<&BookEngineWrap::Apply>("apply"),
            InstanceMethod<&BookEngineWrap::BindIo>("bindIo"),
            InstanceMethod<&BookEngineWrap::ApplyFunction>("applyFunction"),
            InstanceMethod<&BookEngineWrap::BindBbo>("bindBbo"),
            InstanceMethod<&BookEngineWrap::BboFunction>("bboFunction"),
            InstanceMethod<&BookEngineWrap::State>("state"),
            InstanceMethod<&BookEngineWrap::BestPrice>("bestPrice"),
            InstanceMethod<&BookEngineWrap::BestSize>("bestSize"),
            InstanceMethod<&BookEngineWrap::Depth>("depth"),
            InstanceMethod<&BookEngineWrap::CopyTop>("copyTop"),
            InstanceMethod<&BookEngineWrap::CrossState>("crossState"),
            InstanceMethod<&BookEngineWrap::LastSequence>("lastSequence"),
            InstanceMethod<&BookEngineWrap::LastChecksum>("lastChecksum"),
            InstanceMethod<&BookEngineWrap::LastUpdateNs>("lastUpdateNs"),
            InstanceMethod<&BookEngineWrap::OkxChecksum>("okxChecksum"),
            InstanceMethod<&BookEngineWrap::CopyCounters>("copyCounters"),
            InstanceMethod<&BookEngineWrap::ConsolidatedBbo>("consolidatedBbo"),
            InstanceMethod<&BookEngineWrap::CopyConsolidatedTop>("copyConsolidatedTop"),
            InstanceMethod<&BookEngineWrap::ExcludedMask>("excludedMask"),
            InstanceMethod<&BookEngineWrap::CopyFeeAdjustedTop>("copyFeeAdjustedTop"),
            InstanceMethod<&BookEngineWrap::Levels>("levels"),
        });
  }

  // new BookEngine(raise, windowSlots = 0)
  explicit BookEngineWrap(const Napi::CallbackInfo& info)
      : Napi::ObjectWrap<BookEngineWrap>(info), engine_(WindowSlotsArgument(info)) {
    if (info.Length() < 1 || !info[0].IsFunction()) {
      throw Napi::TypeError::New(info.Env(), "BookEngine needs a raise(kind, a, b, c) function");
    }
    raise_ = Napi::Persistent(info[0].As<Napi::Function>());
  }

 private:
  static uint32_t WindowSlotsArgument(const Napi::CallbackInfo& info) {
    if (info.Length() < 2 || info[1].IsUndefined()) return 0;
    const double slots = info[1].IsNumber() ? info[1].As<Napi::Number>().DoubleValue() : -1;
    const bool valid = slots == 0 || (slots >= 64 && slots <= 1048576 && slots == std::trunc(slots) &&
                                      (static_cast<uint32_t>(slots) & (static_cast<uint32_t>(slots) - 1)) == 0);
    if (!valid) throw Napi::RangeError::New(info.Env(), "windowSlots must be 0 or a power of two from 64 to 1048576");
    return static_cast<uint32_t>(slots);
  }

  [[noreturn]] void Raise(const Napi::Env& env, const char* kind, double a = 0, double b = 0, double c = 0) {
    const Napi::Value error = raise_.Call({Napi::String::New(env, kind), Napi::Number::New(env, a),
                                           Napi::Number::New(env, b), Napi::Number::New(env, c)});
    throw Napi::Error(env, error);
  }

  Book& BookArgument(const Napi::CallbackInfo& info) {
    const double id = NumberArgument(info, 0);
    Book* book = nullptr;
    if (id >= 0 && id <= 4294967295.0 && id == std::trunc(id)) book = engine_.FindBook(static_cast<uint32_t>(id));
    if (book == nullptr) Raise(info.Env(), kRaiseBookUnknown, id);
    return *book;
  }

  Group& GroupArgument(const Napi::CallbackInfo& info) {
    const double id = NumberArgument(info, 0);
    Group* group = nullptr;
    if (id >= 0 && id <= 4294967295.0 && id == std::trunc(id)) group = engine_.FindGroup(static_cast<uint32_t>(id));
    if (group == nullptr) Raise(info.Env(), kRaiseGroupUnknown, id);
    return *group;
  }

  /** Side argument: 0 is the bid side, anything else the ask side (as the TypeScript engine reads it). */
  static int SideArgument(const Napi::CallbackInfo& info, size_t index) {
    return NumberArgument(info, index) == 0 ? 0 : 1;
  }

  void RaiseEngineError(const Napi::Env& env, const EngineError& error, double id) {
    switch (error.kind) {
      case EngineErrorKind::kBookDuplicate:
        Raise(env, kRaiseBookDuplicate, id);
      case EngineErrorKind::kGroupDuplicate:
        Raise(env, kRaiseGroupDuplicate, id);
      case EngineErrorKind::kMemberUnknown:
        Raise(env, kRaiseMemberUnknown, id, error.detail);
      case EngineErrorKind::kMemberScale:
        Raise(env, kRaiseMemberScale, id, error.detail);
      default:
        throw Napi::RangeError::New(env, error.message);
    }
  }

  // addBook(instrumentId, maxDepth, tickSize, priceDecimals, sizeDecimals); options are validated in TypeScript first.
  void AddBook(const Napi::CallbackInfo& info) {
    const double id = NumberArgument(info, 0);
    const EngineError error = engine_.AddBook(id, NumberArgument(info, 1), NumberArgument(info, 2),
                                              NumberArgument(info, 3), NumberArgument(info, 4));
    if (error.Failed()) RaiseEngineError(info.Env(), error, id);
  }

  // addConsolidated(groupId, instrumentIds[], takerFeeBps[], staleAfterNs)
  void AddConsolidated(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const double id = NumberArgument(info, 0);
    const std::vector<double> instrumentIds = NumberArray(env, info[1], "instrumentIds");
    const std::vector<double> fees = NumberArray(env, info[2], "takerFeeBps");
    const EngineError error = engine_.AddConsolidated(id, instrumentIds, fees, NumberArgument(info, 3));
    if (error.Failed()) RaiseEngineError(env, error, id);
  }

  // bind(u8, types, offsets): keeps references so the memory stays alive while its pointers are held.
  void Bind(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    bytes_ = TypedData<const uint8_t>(env, info[0], napi_uint8_array, &bytesLength_, "views.u8");
    types_ = TypedData<const int32_t>(env, info[1], napi_int32_array, &typesLength_, "types");
    offsets_ = TypedData<const int32_t>(env, info[2], napi_int32_array, &offsetsLength_, "offsets");
    bytesReference_ = Napi::Persistent(info[0].As<Napi::Object>());
    typesReference_ = Napi::Persistent(info[1].As<Napi::Object>());
    offsetsReference_ = Napi::Persistent(info[2].As<Napi::Object>());
    bound_ = true;
  }

  // apply(count, nowNs) → records applied. The hot call: two numbers in, one out.
  Napi::Value Apply(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    if (!bound_) Raise(env, kRaiseNotBound);
    const double nowNs = NumberArgument(info, 1);
    const size_t limit = typesLength_ < offsetsLength_ ? typesLength_ : offsetsLength_;
    uint32_t count = CountArgument(NumberArgument(info, 0));
    if (count > limit) count = static_cast<uint32_t>(limit);
    uint32_t failedIndex = 0;
    const int64_t applied = engine_.Apply(bytes_, bytesLength_, types_, offsets_, count, nowNs, &failedIndex);
    if (applied < 0) Raise(env, kRaiseBatchRange, failedIndex, offsets_[failedIndex], static_cast<double>(bytesLength_));
    return Napi::Number::New(env, static_cast<double>(applied));
  }

  /*
   * The two per-message calls, apply and consolidatedBbo, are plain N-API functions bound to this
   * engine through their `data` pointer, taking no arguments: the wrapper writes them into the
   * bound `io` Float64Array and reads the result from it. That skips node-addon-api's per-call
   * wrapping (CallbackInfo, unwrap, exception plumbing) and N-API's argument and result conversion:
   * measured here, ~65 ns per call as a class method, ~20 with two arguments and a result, ~9 like
   * this. The JavaScript wrapper keeps this object alive as long as it holds the functions.
   *
   *   io[0]  apply: count          bbo: groupId
   *   io[1]  apply: nowNs          bbo: nowNs
   *   io[2]  apply: records applied (out)
   */
  void BindIo(const Napi::CallbackInfo& info) {
    size_t length = 0;
    double* io = TypedData<double>(info.Env(), info[0], napi_float64_array, &length, "io");
    if (length < kIoFields) throw Napi::RangeError::New(info.Env(), "io must have 4 elements");
    io_ = io;
    ioReference_ = Napi::Persistent(info[0].As<Napi::Object>());
  }

  Napi::Value ApplyFunction(const Napi::CallbackInfo& info) { return RawFunction(info, "apply", RawApply); }

  Napi::Value RawFunction(const Napi::CallbackInfo& info, const char* name, napi_callback callback) {
    napi_value function;
    const napi_status status = napi_create_function(info.Env(), name, NAPI_AUTO_LENGTH, callback, this, &function);
    NAPI_THROW_IF_FAILED(info.Env(), status, Napi::Value());
    return Napi::Value(info.Env(), function);
  }

  static BookEngineWrap* RawSelf(napi_env env, napi_callback_info info) {
    void* data = nullptr;
    napi_get_cb_info(env, info, nullptr, nullptr, nullptr, &data);
    BookEngineWrap* self = static_cast<BookEngineWrap*>(data);
    if (self->io_ == nullptr) {
      napi_throw_error(env, nullptr, "native BookEngine: io array not bound");
      return nullptr;
    }
    return self;
  }

  static napi_value RawApply(napi_env env, napi_callback_info info) {
    BookEngineWrap* self = RawSelf(env, info);
    if (self == nullptr) return nullptr;
    double* io = self->io_;
    if (!self->bound_) {
      self->RawRaise(env, kRaiseNotBound, 0, 0, 0);
      return nullptr;
    }
    const size_t limit = self->typesLength_ < self->offsetsLength_ ? self->typesLength_ : self->offsetsLength_;
    uint32_t count = CountArgument(io[0]);
    if (count > limit) count = static_cast<uint32_t>(limit);
    uint32_t failedIndex = 0;
    const int64_t applied =
        self->engine_.Apply(self->bytes_, self->bytesLength_, self->types_, self->offsets_, count, io[1], &failedIndex);
    if (applied < 0) {
      io[2] = 0;
      self->RawRaise(env, kRaiseBatchRange, failedIndex, self->offsets_[failedIndex], static_cast<double>(self->bytesLength_));
      return nullptr;
    }
    io[2] = static_cast<double>(applied);
    return nullptr;
  }

  // bindBbo(out): the Float64Array consolidatedBbo writes into, kept (with a reference) until rebound.
  void BindBbo(const Napi::CallbackInfo& info) {
    bbo_ = TypedData<double>(info.Env(), info[0], napi_float64_array, &bboLength_, "out");
    bboReference_ = Napi::Persistent(info[0].As<Napi::Object>());
  }

  Napi::Value BboFunction(const Napi::CallbackInfo& info) { return RawFunction(info, "bbo", RawBbo); }

  static napi_value RawBbo(napi_env env, napi_callback_info info) {
    BookEngineWrap* self = RawSelf(env, info);
    if (self == nullptr) return nullptr;
    const double id = self->io_[0];
    Group* group = nullptr;
    if (id >= 0 && id <= 4294967295.0 && id == std::trunc(id)) group = self->engine_.FindGroup(static_cast<uint32_t>(id));
    if (group == nullptr) {
      self->RawRaise(env, kRaiseGroupUnknown, id, 0, 0);
      return nullptr;
    }
    self->engine_.ConsolidatedBbo(*group, self->io_[1], self->bbo_,
                                  static_cast<uint32_t>(self->bboLength_ < kBboFields ? self->bboLength_ : kBboFields));
    return nullptr;
  }

  /** Raise() without C++ exceptions, for the raw callback: throws raise(kind, a, b, c)'s error into JavaScript. */
  void RawRaise(napi_env env, const char* kind, double a, double b, double c) {
    napi_value arguments[4];
    napi_create_string_utf8(env, kind, NAPI_AUTO_LENGTH, &arguments[0]);
    napi_create_double(env, a, &arguments[1]);
    napi_create_double(env, b, &arguments[2]);
    napi_create_double(env, c, &arguments[3]);
    napi_value undefined;
    napi_get_undefined(env, &undefined);
    napi_value error;
    if (napi_call_function(env, undefined, raise_.Value(), 4, arguments, &error) == napi_ok) napi_throw(env, error);
  }

  Napi::Value State(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), BookArgument(info).state);
  }

  Napi::Value BestPrice(const Napi::CallbackInfo& info) {
    const Book& book = BookArgument(info);
    return Napi::Number::New(info.Env(), BookEngine::BestPrice(book, SideArgument(info, 1)));
  }

  Napi::Value BestSize(const Napi::CallbackInfo& info) {
    const Book& book = BookArgument(info);
    return Napi::Number::New(info.Env(), BookEngine::BestSize(book, SideArgument(info, 1)));
  }

  Napi::Value Depth(const Napi::CallbackInfo& info) {
    const Book& book = BookArgument(info);
    return Napi::Number::New(info.Env(), book.sides[SideArgument(info, 1)].Count());
  }

  // copyTop(instrumentId, side, n, outPrices, outSizes)
  Napi::Value CopyTop(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const Book& book = BookArgument(info);
    const int side = SideArgument(info, 1);
    uint32_t n = CountArgument(NumberArgument(info, 2));
    size_t pricesLength = 0;
    size_t sizesLength = 0;
    double* prices = TypedData<double>(env, info[3], napi_float64_array, &pricesLength, "outPrices");
    double* sizes = TypedData<double>(env, info[4], napi_float64_array, &sizesLength, "outSizes");
    if (n > pricesLength) n = static_cast<uint32_t>(pricesLength);
    if (n > sizesLength) n = static_cast<uint32_t>(sizesLength);
    return Napi::Number::New(env, BookEngine::CopyTop(book, side, n, prices, sizes));
  }

  Napi::Value CrossState(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), BookEngine::Cross(BookArgument(info)));
  }

  Napi::Value LastSequence(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), BookArgument(info).lastSequence);
  }

  Napi::Value LastChecksum(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), BookArgument(info).lastChecksum);
  }

  Napi::Value LastUpdateNs(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), BookArgument(info).lastUpdateNs);
  }

  Napi::Value OkxChecksum(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const Book& book = BookArgument(info);
    int32_t checksum = 0;
    ChecksumFailure failure;
    if (!engine_.OkxChecksum(book, &checksum, &failure)) {
      Raise(env, kRaiseDecimal, failure.mantissa, failure.decimals, failure.textDecimals);
    }
    return Napi::Number::New(env, checksum);
  }

  void CopyCounters(const Napi::CallbackInfo& info) {
    const Book& book = BookArgument(info);
    size_t length = 0;
    double* out = TypedData<double>(info.Env(), info[1], napi_float64_array, &length, "out");
    for (size_t field = 0; field < length && field < static_cast<size_t>(kCounterFields); field++) {
      out[field] = static_cast<double>(book.counters[field]);
    }
  }

  // consolidatedBbo(groupId, nowNs, out)
  void ConsolidatedBbo(const Napi::CallbackInfo& info) {
    Group& group = GroupArgument(info);
    const double nowNs = NumberArgument(info, 1);
    size_t length = 0;
    double* out = TypedData<double>(info.Env(), info[2], napi_float64_array, &length, "out");
    engine_.ConsolidatedBbo(group, nowNs, out, static_cast<uint32_t>(length < kBboFields ? length : kBboFields));
  }

  // copyConsolidatedTop(groupId, side, n, nowNs, outPrices, outSizes, outMemberSizes)
  Napi::Value CopyConsolidatedTop(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    Group& group = GroupArgument(info);
    const int side = SideArgument(info, 1);
    uint32_t n = CountArgument(NumberArgument(info, 2));
    const double nowNs = NumberArgument(info, 3);
    size_t pricesLength = 0;
    size_t sizesLength = 0;
    size_t memberSizesLength = 0;
    double* prices = TypedData<double>(env, info[4], napi_float64_array, &pricesLength, "outPrices");
    double* sizes = TypedData<double>(env, info[5], napi_float64_array, &sizesLength, "outSizes");
    double* memberSizes = TypedData<double>(env, info[6], napi_float64_array, &memberSizesLength, "outMemberSizes");
    const size_t rows = memberSizesLength / group.members.size();
    if (n > pricesLength) n = static_cast<uint32_t>(pricesLength);
    if (n > sizesLength) n = static_cast<uint32_t>(sizesLength);
    if (n > rows) n = static_cast<uint32_t>(rows);
    return Napi::Number::New(env, engine_.CopyConsolidatedTop(group, side, n, nowNs, prices, sizes, memberSizes));
  }

  Napi::Value ExcludedMask(const Napi::CallbackInfo& info) {
    Group& group = GroupArgument(info);
    return Napi::Number::New(info.Env(), engine_.ExcludedMask(group, NumberArgument(info, 1)));
  }

  // copyFeeAdjustedTop(groupId, side, n, nowNs, outEffectivePrices, outSizes, outMembers)
  Napi::Value CopyFeeAdjustedTop(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    Group& group = GroupArgument(info);
    const int side = SideArgument(info, 1);
    uint32_t n = CountArgument(NumberArgument(info, 2));
    const double nowNs = NumberArgument(info, 3);
    size_t pricesLength = 0;
    size_t sizesLength = 0;
    size_t membersLength = 0;
    double* prices = TypedData<double>(env, info[4], napi_float64_array, &pricesLength, "outEffectivePrices");
    double* sizes = TypedData<double>(env, info[5], napi_float64_array, &sizesLength, "outSizes");
    int32_t* members = TypedData<int32_t>(env, info[6], napi_int32_array, &membersLength, "outMembers");
    if (n > pricesLength) n = static_cast<uint32_t>(pricesLength);
    if (n > sizesLength) n = static_cast<uint32_t>(sizesLength);
    if (n > membersLength) n = static_cast<uint32_t>(membersLength);
    return Napi::Number::New(env, engine_.CopyFeeAdjustedTop(group, side, n, nowNs, prices, sizes, members));
  }

  // levels(instrumentId, side) → [windowLevels, overflowLevels]: where a side's levels live (tests, docs).
  Napi::Value Levels(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const Book& book = BookArgument(info);
    const PriceSide& side = book.sides[SideArgument(info, 1)];
    Napi::Array result = Napi::Array::New(env, 2);
    result.Set(0u, Napi::Number::New(env, side.WindowCount()));
    result.Set(1u, Napi::Number::New(env, side.OverflowCount()));
    return result;
  }

  BookEngine engine_;
  Napi::FunctionReference raise_;
  Napi::ObjectReference bytesReference_;
  Napi::ObjectReference typesReference_;
  Napi::ObjectReference offsetsReference_;
  const uint8_t* bytes_ = nullptr;
  const int32_t* types_ = nullptr;
  const int32_t* offsets_ = nullptr;
  size_t bytesLength_ = 0;
  size_t typesLength_ = 0;
  size_t offsetsLength_ = 0;
  bool bound_ = false;
  Napi::ObjectReference ioReference_;
  double* io_ = nullptr;
  Napi::ObjectReference bboReference_;
  double* bbo_ = nullptr;
  size_t bboLength_ = 0;
};

Napi::Object Layout(Napi::Env env) {
  using namespace layout;
  Napi::Object object = Napi::Object::New(env);
  const auto set = [&](const char* name, double value) { object.Set(name, Napi::Number::New(env, value)); };
  set("BOOK_LEVEL", kBookLevel);
  set("BOOK_BATCH_END", kBookBatchEnd);
  set("SNAPSHOT_BEGIN", kSnapshotBegin);
  set("SNAPSHOT_END", kSnapshotEnd);
  set("TRADE", kTrade);
  set("BBO", kBbo);
  set("GAP", kGap);
  set("INSTRUMENT_ID_OFFSET", kInstrumentIdOffset);
  set("FLAGS_OFFSET", kFlagsOffset);
  set("TS_EVENT_NS_OFFSET", kTsEventNsOffset);
  set("TS_RECV_NS_OFFSET", kTsRecvNsOffset);
  set("COMMON_HEADER_BYTES", kCommonHeaderBytes);
  set("BOOK_LEVEL_PRICE_OFFSET", kBookLevelPriceOffset);
  set("BOOK_LEVEL_SIZE_OFFSET", kBookLevelSizeOffset);
  set("BOOK_LEVEL_SIDE_OFFSET", kBookLevelSideOffset);
  set("BOOK_LEVEL_PRICE_TEXT_DECIMALS_OFFSET", kBookLevelPriceTextDecimalsOffset);
  set("BOOK_LEVEL_SIZE_TEXT_DECIMALS_OFFSET", kBookLevelSizeTextDecimalsOffset);
  set("BOOK_LEVEL_PAYLOAD_BYTES", kBookLevelPayloadBytes);
  set("BOOK_BATCH_END_SEQUENCE_OFFSET", kBookBatchEndSequenceOffset);
  set("BOOK_BATCH_END_PREVIOUS_SEQUENCE_OFFSET", kBookBatchEndPreviousSequenceOffset);
  set("BOOK_BATCH_END_UPDATE_COUNT_OFFSET", kBookBatchEndUpdateCountOffset);
  set("BOOK_BATCH_END_CHECKSUM_OFFSET", kBookBatchEndChecksumOffset);
  set("BOOK_BATCH_END_PAYLOAD_BYTES", kBookBatchEndPayloadBytes);
  set("SNAPSHOT_BEGIN_SEQUENCE_OFFSET", kSnapshotBeginSequenceOffset);
  set("SNAPSHOT_BEGIN_PAYLOAD_BYTES", kSnapshotBeginPayloadBytes);
  set("SNAPSHOT_END_SEQUENCE_OFFSET", kSnapshotEndSequenceOffset);
  set("SNAPSHOT_END_LEVEL_COUNT_OFFSET", kSnapshotEndLevelCountOffset);
  set("SNAPSHOT_END_CHECKSUM_OFFSET", kSnapshotEndChecksumOffset);
  set("SNAPSHOT_END_PAYLOAD_BYTES", kSnapshotEndPayloadBytes);
  set("GAP_EXPECTED_SEQUENCE_OFFSET", kGapExpectedSequenceOffset);
  set("GAP_RECEIVED_SEQUENCE_OFFSET", kGapReceivedSequenceOffset);
  set("GAP_REASON_OFFSET", kGapReasonOffset);
  set("GAP_PAYLOAD_BYTES", kGapPayloadBytes);
  set("SEQUENCE_NONE", kSequenceNone);
  return object;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("BookEngine", BookEngineWrap::Define(env));
  exports.Set("layout", Layout(env));
  return exports;
}

}  // namespace zvt

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return zvt::Init(env, exports); }

NODE_API_MODULE(zvt_native, InitAddon)
