// Picks the BookEngine an instrument actor runs from the `hotpath` setting: native C++, TypeScript, or native when it loads.
import type { HotpathMode } from '../config/config-schema.js';
import type { Logger } from '../config/logger.js';
import type { BookEngine } from '../hotpath/book/book-engine.js';
import { TsBookEngine } from '../hotpath/book/ts-book-engine.js';
import { ZvtError } from '../model/errors.js';
import { ZVT_ERR_NATIVE_UNAVAILABLE } from './errors.js';
import { loadNativeBookEngine } from './native-book-engine.js';

/*
 * hotpath: ts      → TsBookEngine, always.
 * hotpath: native  → the addon's engine, or ZVT_ERR_NATIVE_UNAVAILABLE with the loader's reason
 *                    (the operator asked for native; running something else silently would lie).
 * hotpath: auto    → native when the addon loaded, else TypeScript, logged once (info) with why.
 *
 * Cold path: called once per actor start. The addon is loaded once per process (the loader caches).
 */

export interface BookEngineSelectionOptions {
  /** Where to look for zvt_native.node instead of native/build/Release (tests). */
  addonDirectory?: string;
}

/** Addon directories whose fallback was already logged: "once" per process and directory. */
const loggedFallbacks = new Set<string>();

export function createBookEngine(mode: HotpathMode, logger: Logger, options: BookEngineSelectionOptions = {}): BookEngine {
  if (mode === 'ts') return new TsBookEngine();
  const load = loadNativeBookEngine(options.addonDirectory);
  if (load.ok) return load.create();
  if (mode === 'native') {
    throw new ZvtError(ZVT_ERR_NATIVE_UNAVAILABLE, `hotpath is "native" but the native book engine is unavailable: ${load.reason}`, {
      reason: load.reason,
    });
  }
  const key = options.addonDirectory ?? '';
  if (!loggedFallbacks.has(key)) {
    loggedFallbacks.add(key);
    logger.info({ hotpath: mode, engine: 'ts', reason: load.reason }, 'Native book engine unavailable; falling back to the TypeScript book engine');
  }
  return new TsBookEngine();
}
