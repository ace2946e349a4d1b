// Which Binance market a shared parser, scanner or sync serves: spot or USDⓈ-M futures.

/*
 * Spot and USDⓈ-M futures speak the same stream dialect (combined `{"stream","data"}` envelopes,
 * depthUpdate / bookTicker / aggTrade payloads, REST depth snapshots) with a few documented
 * differences, which is why one implementation in this folder serves both venues:
 *
 *   what                 spot                               USDⓈ-M futures
 *   depthUpdate          E, U, u                            E, T (transaction time), U, u, pu
 *   bookTicker           u, s, b, B, a, A (no time)         e, u, E, T, s, b, B, a, A
 *   REST depth snapshot  lastUpdateId, bids, asks           lastUpdateId, E, T, bids, asks
 *   sync rule            U == previous u + 1                pu == previous u
 */
export const BinanceMarket = {
  SPOT: 0,
  USD_M_FUTURES: 1,
} as const;
export type BinanceMarket = (typeof BinanceMarket)[keyof typeof BinanceMarket];
