// OKX checksum helpers: CRC32 (IEEE, slice-by-8) and fixed-point text exactly as the venue sent it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zvt {

/** CRC32 (IEEE 802.3, reflected 0xEDB88320) of `length` bytes, as zlib's crc32(0, data, length). */
uint32_t Crc32(const uint8_t* data, size_t length);

enum class DecimalTextStatus { kOk, kArgument, kPrecision };

/** Most bytes WriteDecimalFixed writes: sign, 16 integer digits, '.', 36 fraction digits. */
constexpr size_t kMaxDecimalTextBytes = 1 + 16 + 1 + 36;

/**
 * Writes `mantissa × 10^-decimals` with exactly `textDecimals` fraction digits (padding zeros, or
 * dropping zeros) at `out`; returns the bytes written via *written. Same text and the same
 * failures as writeDecimalFixedBytes in src/model/fixed-point.ts: kArgument for a scale above 36 or
 * a mantissa that is not a safe integer, kPrecision when a dropped digit is not zero.
 */
DecimalTextStatus WriteDecimalFixed(uint8_t* out, double mantissa, uint32_t decimals, uint32_t textDecimals,
                                    size_t* written);

}  // namespace zvt
