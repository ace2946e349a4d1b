// CRC32 slice-by-8 and the fixed-decimal text writer behind the OKX book checksum.
#include "okx_checksum.h"

#include <cmath>
#include <cstring>

namespace zvt {

namespace {

struct Crc32Tables {
  uint32_t table[8][256];
  Crc32Tables() {
    for (uint32_t byte = 0; byte < 256; byte++) {
      uint32_t crc = byte;
      for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
      table[0][byte] = crc;
    }
    for (uint32_t byte = 0; byte < 256; byte++) {
      for (int slice = 1; slice < 8; slice++) {
        const uint32_t previous = table[slice - 1][byte];
        table[slice][byte] = (previous >> 8) ^ table[0][previous & 0xFF];
      }
    }
  }
};

const Crc32Tables kTables;

constexpr uint32_t kMaxScale = 36;
constexpr double kMaxSafeInteger = 9007199254740991.0;

/** 10^0 .. 10^19 (the largest power of ten in a uint64). */
constexpr uint64_t kPowersOfTen[20] = {1ull,
                                       10ull,
                                       100ull,
                                       1000ull,
                                       10000ull,
                                       100000ull,
                                       1000000ull,
                                       10000000ull,
                                       100000000ull,
                                       1000000000ull,
                                       10000000000ull,
                                       100000000000ull,
                                       1000000000000ull,
                                       10000000000000ull,
                                       100000000000000ull,
                                       1000000000000000ull,
                                       10000000000000000ull,
                                       100000000000000000ull,
                                       1000000000000000000ull,
                                       10000000000000000000ull};

/** Only called with power < 16 (dropped digits, or the fraction digits split off a safe integer). */
inline uint64_t PowerOfTen(uint32_t power) { return kPowersOfTen[power]; }

}  // namespace

uint32_t Crc32(const uint8_t* data, size_t length) {
  uint32_t crc = 0xFFFFFFFFu;
  const auto& t = kTables.table;
  while (length >= 8) {
    uint32_t low;
    uint32_t high;
    std::memcpy(&low, data, 4);
    std::memcpy(&high, data + 4, 4);
    low ^= crc;
    crc = t[7][low & 0xFF] ^ t[6][(low >> 8) & 0xFF] ^ t[5][(low >> 16) & 0xFF] ^ t[4][low >> 24] ^
          t[3][high & 0xFF] ^ t[2][(high >> 8) & 0xFF] ^ t[1][(high >> 16) & 0xFF] ^ t[0][high >> 24];
    data += 8;
    length -= 8;
  }
  while (length-- > 0) crc = (crc >> 8) ^ t[0][(crc ^ *data++) & 0xFF];
  return crc ^ 0xFFFFFFFFu;
}

DecimalTextStatus WriteDecimalFixed(uint8_t* out, double mantissa, uint32_t decimals, uint32_t textDecimals,
                                    size_t* written) {
  if (decimals > kMaxScale || textDecimals > kMaxScale) return DecimalTextStatus::kArgument;
  if (!(std::fabs(mantissa) <= kMaxSafeInteger) || mantissa != std::trunc(mantissa)) {
    return DecimalTextStatus::kArgument;
  }
  const bool negative = mantissa < 0;
  uint64_t magnitude = static_cast<uint64_t>(negative ? -mantissa : mantissa);
  uint32_t fractionDigits = decimals;
  if (textDecimals < decimals) {
    const uint32_t dropped = decimals - textDecimals;
    if (dropped >= 16) {
      // A safe integer is below 10^16: only zero survives dropping this many digits.
      if (magnitude != 0) return DecimalTextStatus::kPrecision;
    } else {
      const uint64_t divisor = PowerOfTen(dropped);
      if (magnitude % divisor != 0) return DecimalTextStatus::kPrecision;
      magnitude /= divisor;
    }
    fractionDigits = textDecimals;
  }
  const uint32_t padZeros = textDecimals - fractionDigits;
  uint64_t integerPart = 0;
  uint64_t fractionPart = magnitude;
  if (fractionDigits < 16) {
    const uint64_t unit = PowerOfTen(fractionDigits);
    fractionPart = magnitude % unit;
    integerPart = magnitude / unit;
  }
  uint8_t* cursor = out;
  if (negative && magnitude != 0) *cursor++ = '-';
  uint8_t digits[20];
  int count = 0;
  do {
    digits[count++] = static_cast<uint8_t>('0' + integerPart % 10);
    integerPart /= 10;
  } while (integerPart != 0);
  while (count > 0) *cursor++ = digits[--count];
  if (textDecimals > 0) {
    *cursor++ = '.';
    // Exactly fractionDigits digits of fractionPart, leading zeros included.
    for (uint32_t position = fractionDigits; position > 0; position--) {
      cursor[position - 1] = static_cast<uint8_t>('0' + fractionPart % 10);
      fractionPart /= 10;
    }
    cursor += fractionDigits;
    for (uint32_t pad = 0; pad < padZeros; pad++) *cursor++ = '0';
  }
  *written = static_cast<size_t>(cursor - out);
  return DecimalTextStatus::kOk;
}

}  // namespace zvt
