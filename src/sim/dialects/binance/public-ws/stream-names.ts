// Binance spot market stream names (`btcusdt@depth@100ms` ...) parsed into what the simulator serves.

/*
 * Stream names are `<symbol>@<channel>` with the symbol in lowercase. Served here:
 *   <symbol>@depth              diff depth, 1000 ms          <symbol>@depth@100ms   diff depth, 100 ms
 *   <symbol>@depth5|10|20       partial book, 1000 ms        ...@100ms              partial book, 100 ms
 *   <symbol>@bookTicker         best bid/ask, real time
 *   <symbol>@aggTrade           aggregate trades, real time  <symbol>@trade         trades, real time
 * A name of another shape is "Invalid request: invalid stream" (error code 2, as Binance answers
 * e.g. ccxt's test of a garbled name); a well-formed name of a symbol Binance does not list is
 * accepted and simply never carries data, which is what Binance does (JKorf/Binance.Net#620).
 */

export type BinanceStream =
  | { readonly kind: 'depth'; readonly symbol: string; readonly speedMs: 100 | 1000 }
  | { readonly kind: 'partialDepth'; readonly symbol: string; readonly levels: 5 | 10 | 20; readonly speedMs: 100 | 1000 }
  | { readonly kind: 'bookTicker'; readonly symbol: string }
  | { readonly kind: 'aggTrade'; readonly symbol: string }
  | { readonly kind: 'trade'; readonly symbol: string };

/** Binance accepts symbols of up to 20 characters of its symbol alphabet (lowercase in stream names). */
const SYMBOL = /^[a-z0-9\-_.]{1,20}$/;

/**
 * The stream a name asks for, with the symbol upper-cased as the venue's native symbol; null
 * when the name is not a market stream Binance has (the caller answers "invalid stream").
 */
export function parseBinanceStream(name: string): BinanceStream | null {
  const at = name.indexOf('@');
  if (at <= 0) return null;
  const lower = name.slice(0, at);
  if (!SYMBOL.test(lower)) return null;
  const symbol = lower.toUpperCase();
  switch (name.slice(at + 1)) {
    case 'depth':
      return { kind: 'depth', symbol, speedMs: 1000 };
    case 'depth@100ms':
      return { kind: 'depth', symbol, speedMs: 100 };
    case 'depth@1000ms':
      return { kind: 'depth', symbol, speedMs: 1000 };
    case 'bookTicker':
      return { kind: 'bookTicker', symbol };
    case 'aggTrade':
      return { kind: 'aggTrade', symbol };
    case 'trade':
      return { kind: 'trade', symbol };
    default:
      return parsePartialDepth(symbol, name.slice(at + 1));
  }
}

function parsePartialDepth(symbol: string, channel: string): BinanceStream | null {
  const match = /^depth(5|10|20)(@100ms|@1000ms)?$/.exec(channel);
  if (match === null) return null;
  const levels = Number(match[1]) as 5 | 10 | 20;
  return { kind: 'partialDepth', symbol, levels, speedMs: match[2] === '@100ms' ? 100 : 1000 };
}
