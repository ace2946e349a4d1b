// Loads uWebSockets.js and refuses its silent pure-JS fallback: the gateway runs on the native binary or not at all.
import { createRequire } from 'node:module';
import type * as Uws from 'uWebSockets.js';
import { ZvtError } from '../model/errors.js';
import { ZVT_ERR_UWS_NATIVE_MISSING } from './errors.js';

/*
 * The package (an npm republish of uWebSockets.js with Node 20 binaries) picks
 * binaries/uws_<platform>_<arch>_<ABI>.node and, when that fails to load or UWS_USE_FALLBACK=1 is set,
 * quietly returns a `ws`-based emulation that is an order of magnitude slower and lacks most of the API.
 * A market-data gateway on it would look healthy and be useless, so we refuse. Only the native binary
 * exports `getParts`, which is how we tell them apart.
 *
 * The package announces the fallback with console.log/console.warn; console.log would land on stdout and
 * corrupt command output, so those notices are captured and put into the error instead.
 */

export type UwsModule = typeof Uws;

/** The binary file the package tries to load on this Node (its ABI is process.versions.modules). */
export const UWS_NATIVE_BINARY = `uws_${process.platform}_${process.arch}_${process.versions.modules}.node`;

let loaded: UwsModule | undefined;

/**
 * The native uWebSockets.js module, loaded once per thread. Throws ZvtError ZVT_ERR_UWS_NATIVE_MISSING
 * when the package fell back to its JS implementation (incompatible Node ABI, missing binary, or
 * UWS_USE_FALLBACK set in the environment).
 */
export function loadNativeUws(): UwsModule {
  if (loaded !== undefined) return loaded;
  const notices: string[] = [];
  const uws = withConsoleCaptured(notices, () => createRequire(import.meta.url)('uWebSockets.js') as UwsModule);
  if (!isNativeUws(uws)) {
    throw new ZvtError(
      ZVT_ERR_UWS_NATIVE_MISSING,
      `uWebSockets.js did not load its native binary (${UWS_NATIVE_BINARY} for Node ${process.version}) and fell back ` +
        'to its slow JavaScript emulation; the gateway refuses to run on it. Unset UWS_USE_FALLBACK if it is set, ' +
        'and run on Node 20 (ABI 115), for which the installed package ships a binary.' +
        (notices.length === 0 ? '' : ` Package said: ${notices.join(' ').replace(/\s+/g, ' ').trim()}`),
      { binary: UWS_NATIVE_BINARY, nodeVersion: process.version, notices },
    );
  }
  loaded = uws;
  return uws;
}

/** True only for the native binary: the JS fallback does not implement getParts. */
export function isNativeUws(module: unknown): module is UwsModule {
  return typeof module === 'object' && module !== null && 'getParts' in module && typeof module.getParts === 'function';
}

function withConsoleCaptured<T>(notices: string[], load: () => T): T {
  /* eslint-disable no-console -- swapping the package's console output out of stdout, not printing */
  const { log, warn } = console;
  const capture = (...parts: unknown[]): void => {
    notices.push(parts.map(String).join(' '));
  };
  console.log = capture;
  console.warn = capture;
  try {
    return load();
  } finally {
    console.log = log;
    console.warn = warn;
  }
  /* eslint-enable no-console */
}
