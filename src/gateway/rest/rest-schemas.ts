// JSON schemas (OpenAPI 3.0 components) of the REST bodies: decimals are strings, nanosecond times are integer strings.
export type JsonSchema = Readonly<Record<string, unknown>>;

const decimal = (description: string): JsonSchema => ({ type: 'string', pattern: '^-?\\d+(\\.\\d+)?$', description });
const nanos = (description: string): JsonSchema => ({ type: 'string', pattern: '^-?\\d+$', description });
const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, nullable: true });
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const object = (properties: Record<string, JsonSchema>, required: readonly string[] = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  properties,
  required: [...required],
});

const orderSide: JsonSchema = { type: 'string', enum: ['buy', 'sell'] };
const level: JsonSchema = { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2, description: '[price, size] as decimal text' };

export const REST_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  Error: object({
    error: {
      type: 'object',
      properties: { code: { type: 'string', description: 'Stable ZVT_ERR_* code' }, message: { type: 'string' } },
      required: ['code', 'message'],
      additionalProperties: true,
    },
  }),
  Instrument: object({
    id: { type: 'string', example: 'binance:BTC-USDT' },
    venue: { type: 'string' },
    kind: { type: 'string', enum: ['spot', 'perpetual', 'future'] },
    canonical: { type: 'string' },
    native: { type: 'string' },
    base: { type: 'string' },
    quote: { type: 'string' },
    settle: { type: 'string' },
    tickSize: decimal('Minimum price increment'),
    lotSize: decimal('Minimum size increment'),
    contractSize: decimal('Underlying amount of one unit of size'),
    priceDecimals: { type: 'integer' },
    sizeDecimals: { type: 'integer' },
    expiry: nullable({ type: 'string', format: 'date' }),
  }),
  InstrumentList: object({ instruments: arrayOf(ref('Instrument')) }),
  VenueBook: object({
    instrument: { type: 'string' },
    state: { type: 'string', enum: ['empty', 'snapshotting', 'synced', 'resyncing'] },
    cross: { type: 'string', enum: ['none', 'locked', 'crossed'] },
    sequence: nullable({ type: 'integer' }),
    updatedNs: nullable(nanos('Engine time of the last applied update, epoch ns')),
    bids: arrayOf(level),
    asks: arrayOf(level),
  }),
  ConsolidatedLevel: object({
    price: decimal('Price'),
    size: decimal('Total size of the eligible venues at this price'),
    venues: { type: 'object', additionalProperties: { type: 'string' }, description: 'Venue instrument id → size' },
  }),
  ConsolidatedBook: object({
    instrument: { type: 'string', example: 'all:BTC-USDT' },
    members: arrayOf({ type: 'string' }),
    excluded: arrayOf({ type: 'string' }),
    bids: arrayOf(ref('ConsolidatedLevel')),
    asks: arrayOf(ref('ConsolidatedLevel')),
  }),
  Book: { oneOf: [ref('VenueBook'), ref('ConsolidatedBook')] },
  Trade: object({
    tradeId: { type: 'string' },
    price: decimal('Price'),
    size: decimal('Size'),
    side: { type: 'string', enum: ['buy', 'sell', 'unknown'], description: 'Taker side' },
    tsEventNs: nanos('Venue time, epoch ns'),
    tsRecvNs: nanos('Receive time, epoch ns'),
  }),
  TradeList: object({ instrument: { type: 'string' }, trades: arrayOf(ref('Trade')) }),
  Candle: object(
    {
      tsOpenNs: nanos('Bucket start, epoch ns'),
      open: decimal('Open'),
      high: decimal('High'),
      low: decimal('Low'),
      close: decimal('Close'),
      volume: decimal('Base volume'),
      tradeCount: nullable({ type: 'integer' }),
    },
  ),
  CandleList: object({ instrument: { type: 'string' }, timeframe: { type: 'string' }, candles: arrayOf(ref('Candle')) }),
  CandleIngestRow: object(
    {
      tsStartMs: { oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^-?\\d+$' }], description: 'Bucket start, epoch ms' },
      open: decimal('Open'),
      high: decimal('High'),
      low: decimal('Low'),
      close: decimal('Close'),
      volume: decimal('Base volume'),
      tradeCount: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
    },
    ['tsStartMs', 'open', 'high', 'low', 'close', 'volume'],
  ),
  CandleIngestRequest: object({
    instrument: { type: 'string', example: 'binance:BTC-USDT' },
    timeframe: { type: 'string', example: '1m' },
    rows: arrayOf(ref('CandleIngestRow')),
  }),
  TradeIngestRow: object({
    tradeId: { type: 'string', maxLength: 64 },
    price: decimal('Price, > 0, on the instrument scale'),
    size: decimal('Size, > 0, on the instrument scale'),
    side: { type: 'string', enum: ['buy', 'sell', 'unknown'] },
    tsMs: { type: 'integer', description: 'Trade time, epoch ms' },
  }),
  TradeIngestRequest: object({ instrument: { type: 'string' }, rows: arrayOf(ref('TradeIngestRow')) }),
  RowError: object(
    { index: { type: 'integer' }, code: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } },
    ['index', 'code', 'message'],
  ),
  IngestFailure: { oneOf: [ref('IngestResult'), ref('Error')], description: 'IngestResult when every row was refused, Error when the request itself is malformed' },
  IngestResult: object({
    received: { type: 'integer' },
    stored: { type: 'integer', description: 'Rows written (the store confirmed them)' },
    changed: nullable({ type: 'integer', description: 'Stored rows that changed the database (new trades, new or replaced candles); null when the store cannot tell' }),
    rejected: { type: 'integer', description: 'Rows refused; see errors' },
    errors: arrayOf(ref('RowError')),
  }),
  OrderCreate: object(
    {
      clientOrderId: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,36}$', description: 'Generated when absent' },
      symbol: { type: 'string', example: 'BTC-USDT' },
      side: orderSide,
      type: { type: 'string', enum: ['market', 'limit'] },
      timeInForce: { type: 'string', enum: ['GTC', 'IOC', 'FOK'], description: 'Default GTC' },
      postOnly: { type: 'boolean', description: 'Default false' },
      quantity: decimal('Base quantity'),
      price: decimal('Limit price; absent for market orders'),
    },
    ['symbol', 'side', 'type', 'quantity'],
  ),
  Fill: object({
    price: decimal('Price'),
    quantity: decimal('Quantity'),
    fee: decimal('Fee'),
    feeAsset: { type: 'string' },
    liquidity: { type: 'string', enum: ['maker', 'taker'] },
    tradeId: { type: 'string' },
  }),
  Order: object({
    orderId: nullable({ type: 'string' }),
    clientOrderId: { type: 'string' },
    origClientOrderId: nullable({ type: 'string' }),
    symbol: { type: 'string' },
    side: orderSide,
    type: { type: 'string', enum: ['market', 'limit'] },
    timeInForce: { type: 'string', enum: ['GTC', 'IOC', 'FOK'] },
    postOnly: { type: 'boolean' },
    price: nullable(decimal('Limit price')),
    quantity: decimal('Ordered quantity'),
    cumulativeQuantity: decimal('Filled so far'),
    leavesQuantity: decimal('Still working'),
    averagePrice: decimal('Volume-weighted fill price, "0" before the first fill'),
    status: { type: 'string', enum: ['new', 'partially_filled', 'filled', 'canceled', 'expired', 'rejected'] },
    updatedMs: { type: 'integer' },
  }),
  OrderResult: object(
    { order: { ...ref('Order'), nullable: true }, fills: arrayOf(ref('Fill')), text: nullable({ type: 'string' }) },
    ['order', 'fills'],
  ),
  OrderList: object({ orders: arrayOf(ref('Order')) }),
  Position: object({
    symbol: { type: 'string' },
    quoteAsset: { type: 'string' },
    quantity: decimal('Signed net base quantity (long > 0)'),
    averageEntryPrice: nullable(decimal('Volume-weighted price of the fills that opened the open position')),
    markPrice: nullable(decimal('Book mid used for unrealised PnL')),
    realizedPnl: decimal('Quote currency, fees excluded'),
    unrealizedPnl: nullable(decimal('Quote currency; null without a mark')),
    fees: { type: 'object', additionalProperties: { type: 'string' }, description: 'Asset → fees paid' },
  }),
  PositionList: object({ accountId: { type: 'string' }, positions: arrayOf(ref('Position')) }),
  Portfolio: object({
    accountId: { type: 'string' },
    positions: arrayOf(ref('Position')),
    totals: arrayOf(
      object({ quoteAsset: { type: 'string' }, realizedPnl: decimal('Realised'), unrealizedPnl: decimal('Unrealised (marked positions only)') }),
    ),
    fees: { type: 'object', additionalProperties: { type: 'string' } },
    balances: nullable(arrayOf(object({ asset: { type: 'string' }, free: decimal('Free'), locked: decimal('Locked') }))),
  }),
  OpenApiDocument: { type: 'object', description: 'An OpenAPI 3.0 document', additionalProperties: true },
  Health: object({ status: { type: 'string', enum: ['ok'] }, uptimeSeconds: { type: 'number' } }),
  Ready: object({
    ready: { type: 'boolean' },
    checks: { type: 'object', additionalProperties: { type: 'boolean' } },
    audit: object({ recorded: { type: 'integer' }, pendingRows: { type: 'integer' }, state: { type: 'string' } }),
  }),
};
