// Loads the native C++ BookEngine addon (native/build/Release/zvt_native.node) and wraps it in the BookEngine contract.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  BookEngine,
  BookOptions,
  BookState,
  ConsolidatedOptions,
  CrossState,
} from '../hotpath/book/book-engine.js';
import { ZVT_ERR_BOOK_DUPLICATE, ZVT_ERR_BOOK_INVALID, ZVT_ERR_BOOK_UNKNOWN } from '../hotpath/book/book-errors.js';
import { validateBookOptions, validateConsolidatedOptions } from '../hotpath/book/book-options.js';
import { ZvtError } from '../model/errors.js';
import { writeDecimalFixedBytes } from '../model/fixed-point.js';
import type { RecordViews } from '../model/record-views.js';

/*
 * The addon is optional at runtime: `npm install` tries to build it (native/build.mjs) and carries
 * on without it when there is no compiler. This loader never throws; it says why it could not load,
 * and hotpath-selection decides what to do about it.
 *
 * The wrapper forwards every call. applyBatch caches the three typed arrays it last handed to the
 * addon: an actor reuses the same ring views and gather arrays for every batch, so the steady state
 * is one N-API call per batch without arguments (count and nowNs go through a bound Float64Array),
 * through a plain N-API function rather than a node-addon-api class method: ~9 ns per call instead
 * of ~65 (the addon keeps references to the arrays,
 * so their memory stays alive while it holds their pointers). A transferred (detached) array reads
 * as length 0, which also differs from what was bound, so the addon never keeps a dead pointer.
 *
 * Errors are the TypeScript engine's, byte for byte: options go through the same validators
 * (book-options.ts) before they reach C++, and the addon reports the other failures by calling
 * `raiseNativeError(kind, a, b, c)`, which builds the ZvtError TsBookEngine would throw.
 */

/** Slots of the io array shared with the addon (native/src/addon.cc). */
const IO_FIRST = 0;
const IO_NOW_NS = 1;
const IO_RESULT = 2;
const IO_FIELDS = 4;

/** File name of the addon that native/binding.gyp builds. */
export const NATIVE_ADDON_FILE = 'zvt_native.node';
const PACKAGE_NAME = 'zvt-engine';

/** The class the addon exports (native/src/addon.cc). Methods mirror BookEngine, except applyBatch. */
interface NativeBookEngineBinding {
  addBook(instrumentId: number, maxDepth: number, tickSize: number, priceDecimals: number, sizeDecimals: number): void;
  addConsolidated(groupId: number, instrumentIds: number[], takerFeeBps: number[], staleAfterNs: number): void;
  /** Binds the ring bytes and the gather arrays; kept until the next bind. */
  bind(u8: Uint8Array, types: Int32Array, offsets: Int32Array): void;
  /** Applies records [0, count) of the bound gather arrays (through node-addon-api's method wrapping). */
  apply(count: number, nowNs: number): number;
  /** Binds the argument array of the two per-message functions: see IO_* below. */
  bindIo(io: Float64Array): void;
  /** apply as a plain N-API function without arguments: io[IO_FIRST] = count, io[IO_NOW_NS] → io[IO_RESULT]. */
  applyFunction(): () => void;
  /** Binds the array consolidatedBbo writes into; kept until the next bind. */
  bindBbo(out: Float64Array): void;
  /** consolidatedBbo into the bound array: io[IO_FIRST] = groupId, io[IO_NOW_NS]. */
  bboFunction(): () => void;
  state(instrumentId: number): number;
  bestPrice(instrumentId: number, side: number): number;
  bestSize(instrumentId: number, side: number): number;
  depth(instrumentId: number, side: number): number;
  copyTop(instrumentId: number, side: number, n: number, outPrices: Float64Array, outSizes: Float64Array): number;
  crossState(instrumentId: number): number;
  lastSequence(instrumentId: number): number;
  lastChecksum(instrumentId: number): number;
  lastUpdateNs(instrumentId: number): number;
  okxChecksum(instrumentId: number): number;
  copyCounters(instrumentId: number, out: Float64Array): void;
  consolidatedBbo(groupId: number, nowNs: number, out: Float64Array): void;
  copyConsolidatedTop(
    groupId: number,
    side: number,
    n: number,
    nowNs: number,
    outPrices: Float64Array,
    outSizes: Float64Array,
    outMemberSizes: Float64Array,
  ): number;
  excludedMask(groupId: number, nowNs: number): number;
  copyFeeAdjustedTop(
    groupId: number,
    side: number,
    n: number,
    nowNs: number,
    outEffectivePrices: Float64Array,
    outSizes: Float64Array,
    outMembers: Int32Array,
  ): number;
  /** [levels in the tick window, levels in the overflow] of one side (tests, docs). */
  levels(instrumentId: number, side: number): [number, number];
}

type RaiseNativeError = (kind: string, a: number, b: number, c: number) => Error;

interface NativeAddon {
  BookEngine: new (raise: RaiseNativeError, windowSlots?: number) => NativeBookEngineBinding;
  /** Record layout offsets compiled into the addon, checked against src/model by a unit test. */
  layout: Readonly<Record<string, number>>;
}

export interface NativeBookEngineOptions {
  /**
   * Tick slots per side: a power of two from 64 to 1048576. Default (0): 8 per level of maxDepth,
   * from 1024 to 65536. Tests pass small windows to exercise window moves and the overflow.
   */
  windowSlots?: number;
}

export type NativeBookEngineLoad =
  | { ok: true; create(options?: NativeBookEngineOptions): NativeBookEngine; addonPath: string; layout: Readonly<Record<string, number>> }
  | { ok: false; reason: string };

/** BookEngine backed by the C++ addon: a thin forwarding shell, no allocation per call. */
export class NativeBookEngine implements BookEngine {
  readonly kind = 'native' as const;
  private readonly binding: NativeBookEngineBinding;
  /** Arguments and result of the per-message calls (one N-API call with no arguments costs ~9 ns, with two ~20). */
  private readonly io = new Float64Array(IO_FIELDS);
  /** binding.applyFunction() / bboFunction(): hold a raw pointer to `binding`, which this object keeps alive. */
  private readonly applyNative: () => void;
  private readonly bboNative: () => void;
  private boundBbo: Float64Array | null = null;
  private boundBboLength = 0;
  private boundBytes: Uint8Array | null = null;
  private boundTypes: Int32Array | null = null;
  private boundOffsets: Int32Array | null = null;
  private boundLengths = 0;

  constructor(binding: NativeBookEngineBinding) {
    this.binding = binding;
    binding.bindIo(this.io);
    this.applyNative = binding.applyFunction();
    this.bboNative = binding.bboFunction();
  }

  addBook(options: BookOptions): void {
    validateBookOptions(options);
    this.binding.addBook(options.instrumentId, options.maxDepth, options.tickSize, options.priceDecimals, options.sizeDecimals);
  }

  addConsolidated(options: ConsolidatedOptions): void {
    validateConsolidatedOptions(options);
    this.binding.addConsolidated(
      options.groupId,
      options.members.map((member) => member.instrumentId),
      options.members.map((member) => member.takerFeeBps),
      options.staleAfterNs,
    );
  }

  applyBatch(views: RecordViews, types: Int32Array, offsets: Int32Array, count: number, nowNs: number): number {
    const u8 = views.u8;
    // Lengths summed: detaching any of the three changes it (a detached array has length 0).
    const lengths = u8.length + types.length + offsets.length;
    if (u8 !== this.boundBytes || types !== this.boundTypes || offsets !== this.boundOffsets || lengths !== this.boundLengths) {
      this.binding.bind(u8, types, offsets);
      this.boundBytes = u8;
      this.boundTypes = types;
      this.boundOffsets = offsets;
      this.boundLengths = lengths;
    }
    const io = this.io;
    io[IO_FIRST] = count;
    io[IO_NOW_NS] = nowNs;
    this.applyNative();
    return io[IO_RESULT]!;
  }

  state(instrumentId: number): BookState {
    return this.binding.state(instrumentId) as BookState;
  }

  bestPrice(instrumentId: number, side: number): number {
    return this.binding.bestPrice(instrumentId, side);
  }

  bestSize(instrumentId: number, side: number): number {
    return this.binding.bestSize(instrumentId, side);
  }

  depth(instrumentId: number, side: number): number {
    return this.binding.depth(instrumentId, side);
  }

  copyTop(instrumentId: number, side: number, n: number, outPrices: Float64Array, outSizes: Float64Array): number {
    return this.binding.copyTop(instrumentId, side, n, outPrices, outSizes);
  }

  crossState(instrumentId: number): CrossState {
    return this.binding.crossState(instrumentId) as CrossState;
  }

  lastSequence(instrumentId: number): number {
    return this.binding.lastSequence(instrumentId);
  }

  lastChecksum(instrumentId: number): number {
    return this.binding.lastChecksum(instrumentId);
  }

  lastUpdateNs(instrumentId: number): number {
    return this.binding.lastUpdateNs(instrumentId);
  }

  okxChecksum(instrumentId: number): number {
    return this.binding.okxChecksum(instrumentId);
  }

  copyCounters(instrumentId: number, out: Float64Array): void {
    this.binding.copyCounters(instrumentId, out);
  }

  consolidatedBbo(groupId: number, nowNs: number, out: Float64Array): void {
    if (out !== this.boundBbo || out.length !== this.boundBboLength) {
      this.binding.bindBbo(out);
      this.boundBbo = out;
      this.boundBboLength = out.length;
    }
    const io = this.io;
    io[IO_FIRST] = groupId;
    io[IO_NOW_NS] = nowNs;
    this.bboNative();
  }

  copyConsolidatedTop(
    groupId: number,
    side: number,
    n: number,
    nowNs: number,
    outPrices: Float64Array,
    outSizes: Float64Array,
    outMemberSizes: Float64Array,
  ): number {
    return this.binding.copyConsolidatedTop(groupId, side, n, nowNs, outPrices, outSizes, outMemberSizes);
  }

  excludedMask(groupId: number, nowNs: number): number {
    return this.binding.excludedMask(groupId, nowNs);
  }

  copyFeeAdjustedTop(
    groupId: number,
    side: number,
    n: number,
    nowNs: number,
    outEffectivePrices: Float64Array,
    outSizes: Float64Array,
    outMembers: Int32Array,
  ): number {
    return this.binding.copyFeeAdjustedTop(groupId, side, n, nowNs, outEffectivePrices, outSizes, outMembers);
  }

  /** Where a side's levels live: [tick window, sorted overflow]. Diagnostics and tests only. */
  windowAndOverflowLevels(instrumentId: number, side: number): [number, number] {
    return this.binding.levels(instrumentId, side);
  }
}

const decimalScratch = new Uint8Array(128);

/**
 * Builds the error the addon throws, identical to TsBookEngine's (cold path). `kind` names the
 * failure; a, b, c are its numbers (ids, or mantissa / decimals / text decimals).
 */
function raiseNativeError(kind: string, a: number, b: number, c: number): Error {
  switch (kind) {
    case 'book-unknown':
      return new ZvtError(ZVT_ERR_BOOK_UNKNOWN, `No book for instrument ${String(a)}`, { instrumentId: a });
    case 'group-unknown':
      return new ZvtError(ZVT_ERR_BOOK_UNKNOWN, `No consolidated group ${String(a)}`, { groupId: a });
    case 'book-duplicate':
      return new ZvtError(ZVT_ERR_BOOK_DUPLICATE, `Book for instrument ${a} is already added`, { instrumentId: a });
    case 'group-duplicate':
      return new ZvtError(ZVT_ERR_BOOK_DUPLICATE, `Consolidated group ${a} is already added`, { groupId: a });
    case 'member-unknown':
      return new ZvtError(ZVT_ERR_BOOK_UNKNOWN, `Consolidated group ${a} member ${b} has no book`, { groupId: a, instrumentId: b });
    case 'member-scale':
      return new ZvtError(ZVT_ERR_BOOK_INVALID, `Consolidated group ${a} members must share one price and size scale`, {
        groupId: a,
        instrumentId: b,
      });
    case 'decimal':
      // The checksum met a number whose text cannot be rebuilt: let the model say so, in its words.
      try {
        writeDecimalFixedBytes(decimalScratch, 0, a, b, c);
      } catch (error) {
        if (error instanceof Error) return error;
      }
      return new Error(`native okxChecksum rejected ${a} at ${b} decimals written with ${c}`);
    case 'batch-range':
      return new RangeError(`applyBatch record ${a} has payload offset ${b}, outside the ${c} bytes of views.u8`);
    default:
      return new Error(`native BookEngine: ${kind}`);
  }
}

/**
 * The package root: the nearest directory above this module whose package.json is ours. Works from
 * src/actors/ (vitest, tsx) and from dist/src/actors/ (the compiled engine) alike.
 */
export function findPackageRoot(startDirectory: string = dirname(fileURLToPath(import.meta.url))): string | null {
  let directory = startDirectory;
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
        if (parsed.name === PACKAGE_NAME) return directory;
      } catch {
        // Not our manifest (or unreadable): keep walking up.
      }
    }
    const parent = dirname(directory);
    if (parent === directory) return null;
    directory = parent;
  }
}

/** Where the addon lives when built: native/build/Release under the package root. */
export function defaultNativeAddonDirectory(): string | null {
  const root = findPackageRoot();
  return root === null ? null : join(root, 'native', 'build', 'Release');
}

const cache = new Map<string, NativeBookEngineLoad>();

/**
 * Loads the addon from `addonDirectory` (default: native/build/Release of the package) once per
 * directory. Never throws: `{ ok: false, reason }` says why there is no native engine.
 */
export function loadNativeBookEngine(addonDirectory?: string): NativeBookEngineLoad {
  const directory = addonDirectory ?? defaultNativeAddonDirectory();
  if (directory === null) return { ok: false, reason: `package root of ${PACKAGE_NAME} not found` };
  const cached = cache.get(directory);
  if (cached !== undefined) return cached;
  const result = loadFrom(directory);
  cache.set(directory, result);
  return result;
}

function loadFrom(directory: string): NativeBookEngineLoad {
  const addonPath = join(directory, NATIVE_ADDON_FILE);
  if (!existsSync(addonPath)) {
    return { ok: false, reason: `not built: ${addonPath} does not exist (run node native/build.mjs, or reinstall with a C++ compiler)` };
  }
  let addon: NativeAddon;
  try {
    addon = createRequire(import.meta.url)(addonPath) as NativeAddon;
  } catch (error) {
    return { ok: false, reason: `failed to load ${addonPath}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof addon.BookEngine !== 'function') {
    return { ok: false, reason: `${addonPath} does not export a BookEngine class` };
  }
  const NativeClass = addon.BookEngine;
  return {
    ok: true,
    addonPath,
    layout: addon.layout,
    create: (options: NativeBookEngineOptions = {}): NativeBookEngine =>
      new NativeBookEngine(new NativeClass(raiseNativeError, options.windowSlots ?? 0)),
  };
}
