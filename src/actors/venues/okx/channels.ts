// OKX channel names: the ones this adapter subscribes to and parses, and the public ones it knows and ignores.

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
 * `books` (400 levels, snapshot then updates every 100 ms) is what we subscribe: it needs no login
 * and no fee tier. `books-l2-tbt` (every 10 ms) and `books50-l2-tbt` have the same message shape and
 * sequence rules but need login and VIP6 / VIP5, so they are parsed (a deployment with those rights
 * can switch) but not planned. OKX forbids books-l2-tbt together with books for one instrument.
 */
export const OKX_CHANNELS = {
  /** What planConnections subscribes per instrument. */
  books: 'books',
  trades: 'trades',
  bestBidOffer: 'bbo-tbt',
  /** Incremental book channels: same shape, same seqId/prevSeqId/checksum rules. */
  bookChannels: ['books', 'books-l2-tbt', 'books50-l2-tbt'] as readonly string[],
  /**
   * Public channels understood and deliberately not used (FrameKind.IGNORED): tickers and books5
   * duplicate what books and bbo-tbt give, the rest is not order book or trade data.
   */
  ignoredChannels: [
    'tickers',
    'books5',
    'books-elp',
    'trades-all',
    'instruments',
    'open-interest',
    'funding-rate',
    'price-limit',
    'mark-price',
    'index-tickers',
    'opt-summary',
    'estimated-price',
    'liquidation-orders',
    'option-trades',
    'call-auction-details',
    'status',
  ] as readonly string[],
} as const;
