// Every decimal string in the recorded Binance, Bybit and Coinbase sessions parses exactly and rebuilds byte for byte.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decimalsOf,
  formatDecimal,
  formatDecimalFixed,
  parseDecimal,
  parseDecimalBig,
  parseDecimalBytes,
  textDecimalsOf,
  textDecimalsOfBytes,
  writeDecimalFixedBytes,
} from '../../../src/model/index.js';

const RECORDINGS = new URL('../../../../shared/data/recordings/', import.meta.url);
const FILES = ['BINANCE.jsonl.gz', 'BYBIT.jsonl.gz', 'COINBASE.jsonl.gz'];
const DECIMAL_STRING = /"(-?\d+\.\d+)"/g;

/** Quoted decimal strings (with a '.') in every received frame, with their byte positions in the frame. */
function* decimalStrings(file: string): Generator<{ frame: Uint8Array; text: string; start: number }> {
  const lines = gunzipSync(readFileSync(new URL(file, RECORDINGS))).toString('utf8').split('\n');
  const encoder = new TextEncoder();
  for (const line of lines) {
    if (line.length === 0) continue;
    const entry = JSON.parse(line) as { t: string; data?: string };
    if (entry.t !== 'recv' || entry.data === undefined) continue;
    const frame = encoder.encode(entry.data);
    // Frames are ASCII, so string indexes are byte indexes.
    for (const match of entry.data.matchAll(DECIMAL_STRING)) {
      yield { frame, text: match[1]!, start: match.index + 1 };
    }
  }
}

describe.skipIf(!existsSync(RECORDINGS))('decimal strings of recorded sessions', () => {
  it.each(FILES)('%s: parse exactly (text and bytes), format canonically, rebuild the venue text', (file) => {
    let count = 0;
    const scratch = new Uint8Array(64);
    // Hundreds of thousands of strings: collect mismatches and assert once (expect() per value is slow).
    const mismatches: string[] = [];
    for (const { frame, text, start } of decimalStrings(file)) {
      const decimals = decimalsOf(text);
      const written = textDecimalsOf(text);
      const big = parseDecimalBig(text, decimals);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) continue;
      const mantissa = parseDecimal(text, decimals);
      const end = writeDecimalFixedBytes(scratch, 0, mantissa, decimals, written);
      const checks = [
        BigInt(mantissa) === big,
        parseDecimalBytes(frame, start, start + text.length, decimals) === mantissa,
        textDecimalsOfBytes(frame, start, start + text.length) === written,
        formatDecimalFixed(mantissa, decimals, written) === text,
        new TextDecoder().decode(scratch.subarray(0, end)) === text,
        // Canonical form: the venue text with trailing fraction zeros (and a bare '.') trimmed.
        formatDecimal(mantissa, decimals) === text.replace(/\.?0+$/, ''),
      ];
      const failed = checks.indexOf(false);
      if (failed >= 0 && mismatches.length < 10) mismatches.push(`${text}: check #${failed}`);
      count++;
    }
    expect(mismatches).toEqual([]);
    expect(count).toBeGreaterThan(1000);
  });
});
