// The book tracker of a recorded connection, by the recording's venue.
import type { Recording } from '../../recording/recording-format.js';
import { BinanceBookTracker } from './binance-book-tracker.js';
import { BybitBookTracker } from './bybit-book-tracker.js';
import { CoinbaseBookTracker } from './coinbase-book-tracker.js';
import { OkxBookTracker } from './okx-book-tracker.js';
import type { ReplayBookTracker } from './replay-book-tracker.js';

/** A new tracker for one connection of `recording`, or null for a venue without one (its books are served as recorded only). */
export function createBookTracker(recording: Recording): ReplayBookTracker | null {
  switch (recording.venue) {
    case 'binance':
      return new BinanceBookTracker(recording.http);
    case 'bybit':
      return new BybitBookTracker();
    case 'coinbase':
      return new CoinbaseBookTracker(recording.header.recorded);
    case 'okx':
      return new OkxBookTracker();
    default:
      return null;
  }
}
