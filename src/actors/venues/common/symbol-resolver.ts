// Native symbol → numeric instrument id for one connection, by string or by frame bytes.
import type { SymbolResolver } from './venue-dialect.js';

/**
 * A small open-addressing table keyed by an FNV-1a hash of the symbol's bytes, verified byte by
 * byte, so a scanner resolves `"BTCUSDT"` inside a frame without creating a string. Built once per
 * connection (cold); symbols are ASCII.
 */
export class NativeSymbolResolver implements SymbolResolver {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly symbols: Uint8Array[] = [];
  private readonly ids: number[] = [];
  private readonly byName = new Map<string, number>();

  constructor(entries: Iterable<readonly [native: string, instrumentId: number]>) {
    const list = [...entries];
    let capacity = 16;
    while (capacity < list.length * 4) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (const [native, instrumentId] of list) {
      if (this.byName.has(native)) throw new Error(`symbol ${native} listed twice on one connection`);
      const bytes = new Uint8Array(native.length);
      for (let i = 0; i < native.length; i++) bytes[i] = native.charCodeAt(i);
      const entry = this.symbols.length;
      this.symbols.push(bytes);
      this.ids.push(instrumentId);
      this.byName.set(native, instrumentId);
      let slot = hashBytes(bytes, 0, bytes.length) & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = entry;
    }
  }

  byString(native: string): number {
    return this.byName.get(native) ?? -1;
  }

  byBytes(bytes: Uint8Array, start: number, end: number): number {
    let slot = hashBytes(bytes, start, end) & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === -1) return -1;
      const symbol = this.symbols[entry]!;
      if (symbol.length === end - start) {
        let equal = true;
        for (let i = 0; i < symbol.length; i++) {
          if (symbol[i] !== bytes[start + i]) {
            equal = false;
            break;
          }
        }
        if (equal) return this.ids[entry]!;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}
