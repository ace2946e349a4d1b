// One side of an L2 book: a circular window of slots indexed by price / tick, plus a sorted overflow.
//
// Keys are "oriented": key = direction × price / tickSize with direction +1 for asks and −1 for
// bids, so on both sides the best level has the smallest key and the worst the largest, and one
// code path serves both. `orientedPrice = direction × price` orders off-grid prices the same way.
//
//   window (power-of-two slots; key k lives in slot k & mask; keys [base, base + slots))
//   key:  base ............ best ............ worst ... base+slots-1   overflow (sorted by oriented price)
//   sizes[slot]          f64, 0 = empty                                [ better | off-grid | deeper ]
//   priceDecimals[slot]  u8 text decimals of the price as sent (OKX checksum text)
//   sizeDecimals[slot]   u8 text decimals of the size
//
// Invariants:
// - The window holds exactly the on-grid levels whose key is in [base, base + slots); the overflow
//   holds every other level (off-grid prices anywhere, on-grid keys outside the window), sorted
//   ascending by oriented price. So a price lives in exactly one place, found in O(1) or O(log n).
// - bestOffset / worstOffset are the smallest / largest occupied key minus base (int32) while
//   windowCount > 0, and `slots` / −1 while the window is empty, so an insert updates them with
//   the same integer arithmetic either way. Deleting the best or worst scans over empty slots.
// - Unanchored (after clear, or when the side empties) there are no on-grid levels; the first
//   on-grid insert anchors the window a few slots below its key, so better prices still fit.
// - `maintain()` (at batch ends) re-anchors when the best has left the window or drifted into its
//   upper half: levels that leave the window go to the overflow, overflow levels that now fall
//   inside move into the window. Cost O(shift + overflow), rare in practice.
//
// The window update is written without data-dependent branches where it can be (insert, update
// and delete arrive in random order; a mispredicted branch costs more than the update itself):
// the slot is written whatever happens, counts and best/worst move by integer arithmetic on 0/1
// flags, and only deleting the best or worst level takes a branch.
//
// Hot path: nothing here allocates except the overflow growing past its capacity (rare, amortised).

/** Smallest window the engine will use; tests may pass smaller ones through the engine options. */
export const MIN_WINDOW_SLOTS = 4;
/** Largest window: offsets stay int32 and a re-anchor scan stays bounded. */
export const MAX_WINDOW_SLOTS = 1 << 24;

export class PriceIndexedSide {
  /** +1 for asks (best = lowest price), −1 for bids (best = highest price). */
  readonly direction: number;
  readonly tickSize: number;
  /** tickSize === 1 (most books at their natural scale): the key is the oriented price, no division. */
  private readonly unitTick: boolean;
  readonly slots: number;
  private readonly mask: number;
  /** Free slots kept below the best when anchoring, for prices that improve. */
  private readonly margin: number;

  private readonly windowSizes: Float64Array;
  private readonly windowPriceDecimals: Uint8Array;
  private readonly windowSizeDecimals: Uint8Array;
  private anchored = false;
  /** Key of the window's first slot (any integer, may pass 2^31). */
  private base = 0;
  /** base & mask: the slot of offset 0. */
  private baseSlot = 0;
  private windowCount = 0;
  private bestOffset: number;
  private worstOffset = -1;

  private overflowKeys: Float64Array;
  private overflowSizes: Float64Array;
  private overflowPriceDecimals: Uint8Array;
  private overflowSizeDecimals: Uint8Array;
  private overflowCount = 0;

  /** Size at the best level found by the last `readBest()`, 0 when the side was empty. */
  readBestSize = 0;

  constructor(direction: 1 | -1, tickSize: number, slots: number, overflowCapacity: number) {
    if (!(slots >= MIN_WINDOW_SLOTS && slots <= MAX_WINDOW_SLOTS && (slots & (slots - 1)) === 0)) {
      throw new RangeError(`window slots must be a power of two from ${MIN_WINDOW_SLOTS} to ${MAX_WINDOW_SLOTS} (got ${slots})`);
    }
    this.direction = direction;
    this.tickSize = tickSize;
    this.unitTick = tickSize === 1;
    this.slots = slots;
    this.mask = slots - 1;
    this.margin = slots >>> 3 > 0 ? slots >>> 3 : 1;
    this.bestOffset = slots;
    this.windowSizes = new Float64Array(slots);
    this.windowPriceDecimals = new Uint8Array(slots);
    this.windowSizeDecimals = new Uint8Array(slots);
    const capacity = overflowCapacity > 16 ? overflowCapacity : 16;
    this.overflowKeys = new Float64Array(capacity);
    this.overflowSizes = new Float64Array(capacity);
    this.overflowPriceDecimals = new Uint8Array(capacity);
    this.overflowSizeDecimals = new Uint8Array(capacity);
  }

  /** Levels held. */
  count(): number {
    return this.windowCount + this.overflowCount;
  }

  /** Levels held in the overflow (diagnostics and tests). */
  overflowLevels(): number {
    return this.overflowCount;
  }

  /** Removes every level. */
  clear(): void {
    if (this.windowCount > 0) {
      const slots = this.slots;
      const span = this.worstOffset - this.bestOffset + 1;
      const start = (this.baseSlot + this.bestOffset) & this.mask;
      const end = start + span;
      if (end <= slots) {
        this.windowSizes.fill(0, start, end);
      } else {
        this.windowSizes.fill(0, start, slots);
        this.windowSizes.fill(0, 0, end - slots);
      }
    }
    this.emptyWindow();
    this.overflowCount = 0;
    this.anchored = false;
  }

  private emptyWindow(): void {
    this.windowCount = 0;
    this.bestOffset = this.slots;
    this.worstOffset = -1;
  }

  /**
   * Sets the level at `price` to `size` with its text decimals; size 0 deletes it.
   * Returns 1 when it was a delete of a price the side does not hold (absent delete), else 0.
   */
  set(price: number, size: number, priceDecimals: number, sizeDecimals: number): number {
    const orientedPrice = this.direction * price;
    const key = this.unitTick ? orientedPrice : orientedPrice / this.tickSize;
    if (Math.floor(key) === key) {
      if (!this.anchored) {
        if (size === 0) return this.overflowSet(orientedPrice, size, priceDecimals, sizeDecimals);
        // Unanchored means no on-grid level exists anywhere, so anchoring needs no migration.
        this.anchorAt(key - this.margin);
      }
      const offset = key - this.base;
      if (offset >= 0 && offset < this.slots) return this.windowSet(offset | 0, size, priceDecimals, sizeDecimals);
    }
    return this.overflowSet(orientedPrice, size, priceDecimals, sizeDecimals);
  }

  private anchorAt(base: number): void {
    this.anchored = true;
    this.base = base;
    this.baseSlot = base & this.mask;
  }

  private windowSet(offset: number, size: number, priceDecimals: number, sizeDecimals: number): number {
    const sizes = this.windowSizes;
    const slot = (this.baseSlot + offset) & this.mask;
    const present = +(sizes[slot]! !== 0);
    const keep = +(size !== 0);
    // Written whatever happens: a deleted slot holds 0, its decimals are never read.
    sizes[slot] = size;
    this.windowPriceDecimals[slot] = priceDecimals;
    this.windowSizeDecimals[slot] = sizeDecimals;
    const count = this.windowCount + keep - present;
    this.windowCount = count;
    const best = this.bestOffset;
    const worst = this.worstOffset;
    // best = offset if (kept and better), worst alike: integer selects, no branches.
    this.bestOffset = best ^ ((best ^ offset) & -(+(offset < best) & keep));
    this.worstOffset = worst ^ ((worst ^ offset) & -(+(offset > worst) & keep));
    // The one branch: a level that was there is gone, and it was the best or the worst.
    if ((present & (keep ^ 1) & (+(offset === best) | +(offset === worst))) !== 0) this.afterEdgeDelete(offset, best, count);
    return (present | keep) ^ 1;
  }

  /** The best or worst window level at `offset` was deleted: find the next one (or mark empty). */
  private afterEdgeDelete(offset: number, best: number, count: number): void {
    if (count === 0) {
      this.emptyWindow();
      if (this.overflowCount === 0) this.anchored = false;
      return;
    }
    const sizes = this.windowSizes;
    const mask = this.mask;
    const baseSlot = this.baseSlot;
    let next = offset;
    if (offset === best) {
      do next++;
      while (sizes[(baseSlot + next) & mask] === 0);
      this.bestOffset = next;
    } else {
      do next--;
      while (sizes[(baseSlot + next) & mask] === 0);
      this.worstOffset = next;
    }
  }

  /** First overflow index whose oriented price is >= `orientedPrice`. */
  private overflowLowerBound(orientedPrice: number): number {
    const keys = this.overflowKeys;
    let low = 0;
    let high = this.overflowCount;
    // Most overflow traffic is deep levels at the tail: check it before searching.
    if (high > 0 && keys[high - 1]! < orientedPrice) return high;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (keys[middle]! < orientedPrice) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private overflowSet(orientedPrice: number, size: number, priceDecimals: number, sizeDecimals: number): number {
    const index = this.overflowLowerBound(orientedPrice);
    const count = this.overflowCount;
    const found = index < count && this.overflowKeys[index] === orientedPrice;
    if (size === 0) {
      if (!found) return 1;
      this.overflowRemoveAt(index);
      if (this.overflowCount === 0 && this.windowCount === 0) this.anchored = false;
      return 0;
    }
    if (!found) this.overflowOpenAt(index);
    this.overflowKeys[index] = orientedPrice;
    this.overflowSizes[index] = size;
    this.overflowPriceDecimals[index] = priceDecimals;
    this.overflowSizeDecimals[index] = sizeDecimals;
    return 0;
  }

  /** Makes room at `index` (shifting the tail up); the caller fills the entry. */
  private overflowOpenAt(index: number): void {
    const count = this.overflowCount;
    if (count === this.overflowKeys.length) this.growOverflow();
    if (index < count) {
      this.overflowKeys.copyWithin(index + 1, index, count);
      this.overflowSizes.copyWithin(index + 1, index, count);
      this.overflowPriceDecimals.copyWithin(index + 1, index, count);
      this.overflowSizeDecimals.copyWithin(index + 1, index, count);
    }
    this.overflowCount = count + 1;
  }

  private overflowRemoveAt(index: number): void {
    const count = this.overflowCount;
    if (index + 1 < count) {
      this.overflowKeys.copyWithin(index, index + 1, count);
      this.overflowSizes.copyWithin(index, index + 1, count);
      this.overflowPriceDecimals.copyWithin(index, index + 1, count);
      this.overflowSizeDecimals.copyWithin(index, index + 1, count);
    }
    this.overflowCount = count - 1;
  }

  private growOverflow(): void {
    const capacity = this.overflowKeys.length * 2;
    const keys = new Float64Array(capacity);
    keys.set(this.overflowKeys);
    this.overflowKeys = keys;
    const sizes = new Float64Array(capacity);
    sizes.set(this.overflowSizes);
    this.overflowSizes = sizes;
    const priceDecimals = new Uint8Array(capacity);
    priceDecimals.set(this.overflowPriceDecimals);
    this.overflowPriceDecimals = priceDecimals;
    const sizeDecimals = new Uint8Array(capacity);
    sizeDecimals.set(this.overflowSizeDecimals);
    this.overflowSizeDecimals = sizeDecimals;
  }

  /**
   * Keeps the best `maxDepth` levels, removing from the worst end: O(excess), and nothing at all
   * unless the side holds more than maxDepth. Returns how many levels were removed.
   */
  truncate(maxDepth: number): number {
    const excess = this.windowCount + this.overflowCount - maxDepth;
    if (excess <= 0) return 0;
    const sizes = this.windowSizes;
    const mask = this.mask;
    const baseSlot = this.baseSlot;
    const tick = this.tickSize;
    const keys = this.overflowKeys;
    for (let removed = 0; removed < excess; removed++) {
      if (this.overflowCount > 0 && (this.windowCount === 0 || keys[this.overflowCount - 1]! > (this.base + this.worstOffset) * tick)) {
        this.overflowCount--;
      } else {
        const worst = this.worstOffset;
        sizes[(baseSlot + worst) & mask] = 0;
        if (--this.windowCount > 0) {
          let next = worst - 1;
          while (sizes[(baseSlot + next) & mask] === 0) next--;
          this.worstOffset = next;
        } else {
          this.emptyWindow();
        }
      }
    }
    if (this.windowCount === 0 && this.overflowCount === 0) this.anchored = false;
    return excess;
  }

  /** Batch-end upkeep: re-anchors the window when the best has left it or drifted into its upper half. */
  maintain(): void {
    if (!this.anchored) return;
    const tick = this.tickSize;
    let bestKey: number;
    if (this.overflowCount > 0 && (this.windowCount === 0 || this.overflowKeys[0]! < (this.base + this.bestOffset) * tick)) {
      bestKey = Math.floor(this.overflowKeys[0]! / tick);
    } else if (this.windowCount > 0) {
      bestKey = this.base + this.bestOffset;
    } else {
      this.anchored = false;
      return;
    }
    const offset = bestKey - this.base;
    if (offset >= 0 && offset < this.slots >>> 1) return;
    this.reanchor(bestKey - this.margin);
  }

  /** Moves the window to start at key `newBase`, migrating levels between window and overflow. */
  private reanchor(newBase: number): void {
    const sizes = this.windowSizes;
    const mask = this.mask;
    const tick = this.tickSize;
    const oldBase = this.base;
    const baseSlot = this.baseSlot;
    const newEnd = newBase + this.slots;
    // Absolute keys of the window's best and worst while it holds levels.
    let bestKey = oldBase + this.bestOffset;
    let worstKey = oldBase + this.worstOffset;
    // 1. Window levels outside the new range go to the overflow. newBase lies below the best, so
    //    only keys at or above newEnd can fall out.
    if (this.windowCount > 0 && worstKey >= newEnd) {
      const low = bestKey > newEnd ? bestKey : newEnd;
      for (let key = worstKey; key >= low; key--) {
        const slot = (baseSlot + (key - oldBase)) & mask;
        const size = sizes[slot]!;
        if (size === 0) continue;
        const orientedPrice = key * tick;
        const index = this.overflowLowerBound(orientedPrice);
        this.overflowOpenAt(index);
        this.overflowKeys[index] = orientedPrice;
        this.overflowSizes[index] = size;
        this.overflowPriceDecimals[index] = this.windowPriceDecimals[slot]!;
        this.overflowSizeDecimals[index] = this.windowSizeDecimals[slot]!;
        sizes[slot] = 0;
        this.windowCount--;
      }
      if (this.windowCount > 0) {
        let next = low - 1;
        while (sizes[(baseSlot + (next - oldBase)) & mask] === 0) next--;
        worstKey = next;
      }
    }
    // Slots are key & mask whatever the base, so the levels that stay do not move.
    this.anchorAt(newBase);
    // 2. On-grid overflow levels inside the new range move into the window; the rest close ranks.
    const keys = this.overflowKeys;
    const from = this.overflowLowerBound(newBase * tick);
    const to = this.overflowLowerBound(newEnd * tick);
    let write = from;
    for (let read = from; read < to; read++) {
      const orientedPrice = keys[read]!;
      const key = orientedPrice / tick;
      if (Math.floor(key) === key) {
        const slot = key & mask;
        sizes[slot] = this.overflowSizes[read]!;
        this.windowPriceDecimals[slot] = this.overflowPriceDecimals[read]!;
        this.windowSizeDecimals[slot] = this.overflowSizeDecimals[read]!;
        if (this.windowCount++ === 0) {
          bestKey = key;
          worstKey = key;
        } else if (key < bestKey) {
          bestKey = key;
        } else if (key > worstKey) {
          worstKey = key;
        }
      } else {
        keys[write] = orientedPrice;
        this.overflowSizes[write] = this.overflowSizes[read]!;
        this.overflowPriceDecimals[write] = this.overflowPriceDecimals[read]!;
        this.overflowSizeDecimals[write] = this.overflowSizeDecimals[read]!;
        write++;
      }
    }
    const count = this.overflowCount;
    if (write < to) {
      keys.copyWithin(write, to, count);
      this.overflowSizes.copyWithin(write, to, count);
      this.overflowPriceDecimals.copyWithin(write, to, count);
      this.overflowSizeDecimals.copyWithin(write, to, count);
      this.overflowCount = count - (to - write);
    }
    if (this.windowCount > 0) {
      this.bestOffset = bestKey - newBase;
      this.worstOffset = worstKey - newBase;
    } else {
      this.emptyWindow();
    }
  }

  /**
   * Best price (NaN when empty) and, in `readBestSize`, its size: one pass for callers that need
   * both (the consolidated BBO, after every venue update).
   */
  readBest(): number {
    const windowCount = this.windowCount;
    const windowBestPrice = windowCount > 0 ? (this.base + this.bestOffset) * this.tickSize : Infinity;
    if (this.overflowCount > 0 && this.overflowKeys[0]! < windowBestPrice) {
      this.readBestSize = this.overflowSizes[0]!;
      return this.direction * this.overflowKeys[0]!;
    }
    if (windowCount === 0) {
      this.readBestSize = 0;
      return NaN;
    }
    this.readBestSize = this.windowSizes[(this.baseSlot + this.bestOffset) & this.mask]!;
    return this.direction * windowBestPrice;
  }

  /** Best price, NaN when the side is empty. */
  bestPrice(): number {
    return this.readBest();
  }

  /** Size at the best price, 0 when the side is empty. */
  bestSize(): number {
    this.readBest();
    return this.readBestSize;
  }

  /**
   * Copies up to `n` best levels (best first) to `outPrices[outOffset + i]` / `outSizes[...]`,
   * and their text decimals when `outPriceDecimals` / `outSizeDecimals` are given. Returns the
   * count. The caller guarantees room for n entries from outOffset.
   */
  copyTop(
    n: number,
    outPrices: Float64Array,
    outSizes: Float64Array,
    outOffset: number,
    outPriceDecimals: Uint8Array | null,
    outSizeDecimals: Uint8Array | null,
  ): number {
    const sizes = this.windowSizes;
    const mask = this.mask;
    const baseSlot = this.baseSlot;
    const base = this.base;
    const tick = this.tickSize;
    const direction = this.direction;
    const overflowKeys = this.overflowKeys;
    const overflowCount = this.overflowCount;
    let windowLeft = this.windowCount;
    let offset = this.bestOffset;
    let overflowIndex = 0;
    let copied = 0;
    while (copied < n) {
      const windowPrice = windowLeft > 0 ? (base + offset) * tick : Infinity;
      const overflowPrice = overflowIndex < overflowCount ? overflowKeys[overflowIndex]! : Infinity;
      const at = outOffset + copied;
      if (windowPrice < overflowPrice) {
        const slot = (baseSlot + offset) & mask;
        outPrices[at] = direction * windowPrice;
        outSizes[at] = sizes[slot]!;
        if (outPriceDecimals !== null) outPriceDecimals[at] = this.windowPriceDecimals[slot]!;
        if (outSizeDecimals !== null) outSizeDecimals[at] = this.windowSizeDecimals[slot]!;
        if (--windowLeft > 0) {
          offset++;
          while (sizes[(baseSlot + offset) & mask] === 0) offset++;
        }
      } else if (overflowPrice !== Infinity) {
        outPrices[at] = direction * overflowPrice;
        outSizes[at] = this.overflowSizes[overflowIndex]!;
        if (outPriceDecimals !== null) outPriceDecimals[at] = this.overflowPriceDecimals[overflowIndex]!;
        if (outSizeDecimals !== null) outSizeDecimals[at] = this.overflowSizeDecimals[overflowIndex]!;
        overflowIndex++;
      } else {
        break;
      }
      copied++;
    }
    return copied;
  }
}
