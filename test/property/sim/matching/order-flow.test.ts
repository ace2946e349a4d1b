// Random order flows on the real synthetic markets, checked after every action against a plain reference of what must hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimalBig } from '../../../../src/model/fixed-point.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimExchange } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { simListings } from '../../../../src/sim/market/sim-catalog.js';
import type { SimInstrument } from '../../../../src/sim/market/sim-market-types.js';
import type { SimAccountSpec, SimFill, SimOrder, SimOrderRequest, SimOrderStatus } from '../../../../src/sim/matching/matching-types.js';

const START_MS = Date.UTC(2025, 5, 2, 9, 30);
const SCALE = 18;
const ONE = 10n ** 18n;
const MAKER_BPS = 8n;
const TAKER_BPS = 10n;

const ACCOUNTS: SimAccountSpec[] = [
  { accountId: 'alice', apiKey: 'a', secret: 'a', passphrase: null, balances: { USDT: '20000', BTC: '0.5', ETH: '5' } },
  { accountId: 'bob', apiKey: 'b', secret: 'b', passphrase: null, balances: { USDT: '3000', BTC: '0.05', ETH: '1' } },
];

type Action =
  | { kind: 'step'; dtMs: number }
  | { kind: 'cancel'; account: number; pick: number }
  | {
      kind: 'place';
      account: number;
      listing: number;
      side: 'buy' | 'sell';
      type: 'limit' | 'market';
      timeInForce: 'GTC' | 'IOC' | 'FOK';
      postOnly: boolean;
      offset: number;
      /** Join the price of an open order of this side instead (queue priority among participants). */
      join: boolean;
      lots: number;
      byQuote: boolean;
    };

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('step' as const), dtMs: fc.integer({ min: 1, max: 4000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), account: fc.integer({ min: 0, max: 1 }), pick: fc.nat(20) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      account: fc.integer({ min: 0, max: 1 }),
      listing: fc.integer({ min: 0, max: 1 }),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      type: fc.constantFrom('limit' as const, 'limit' as const, 'limit' as const, 'market' as const),
      timeInForce: fc.constantFrom('GTC' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const),
      postOnly: fc.boolean(),
      offset: fc.integer({ min: -6, max: 6 }),
      join: fc.boolean(),
      lots: fc.integer({ min: 1, max: 3000 }),
      byQuote: fc.boolean(),
    }),
  },
);

/** Ledger amount of a tick·lot and of a lot, computed from the instrument's text (not the engine's units). */
function unitsOf(instrument: SimInstrument): { tickLot: bigint; lot: bigint } {
  const tick = parseDecimalBig(instrument.tickSize, SCALE);
  const lot = parseDecimalBig(instrument.lotSize, SCALE);
  return { tickLot: (tick * lot) / ONE, lot };
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

const TERMINAL: ReadonlySet<SimOrderStatus> = new Set(['filled', 'canceled', 'expired']);

interface Tracked {
  request: SimOrderRequest;
  statuses: SimOrderStatus[];
  lastFilled: number;
  open: boolean;
}

/** Everything the events said, plus the checks that need the moment of the event. */
class Reference {
  readonly orders = new Map<number, Tracked>();
  readonly violations: string[] = [];
  pending: SimOrderRequest | null = null;

  constructor(private readonly exchange: SimExchange) {
    exchange.on('order', (order) => this.onOrder(order));
    exchange.on('fill', (fill) => this.onFill(fill));
  }

  private onOrder(order: SimOrder): void {
    let tracked = this.orders.get(order.orderId);
    if (tracked === undefined) {
      if (this.pending === null) this.violations.push(`order ${order.orderId} appeared outside a placement`);
      tracked = { request: this.pending!, statuses: [], lastFilled: 0, open: true };
      this.orders.set(order.orderId, tracked);
      if (order.status !== 'new') this.violations.push(`order ${order.orderId} first reported ${order.status}`);
    }
    const previous = tracked.statuses.at(-1);
    if (previous !== undefined && TERMINAL.has(previous)) this.violations.push(`order ${order.orderId}: ${previous} → ${order.status}`);
    if (previous !== undefined && order.status === 'new') this.violations.push(`order ${order.orderId}: ${previous} → new`);
    if (order.filledLots < tracked.lastFilled) this.violations.push(`order ${order.orderId}: filled went down`);
    if (order.filledLots > order.sizeLots) this.violations.push(`order ${order.orderId}: overfilled`);
    if ((order.status === 'filled') !== (order.filledLots === order.sizeLots)) {
      this.violations.push(`order ${order.orderId}: status ${order.status} with ${order.filledLots}/${order.sizeLots}`);
    }
    tracked.statuses.push(order.status);
    tracked.lastFilled = order.filledLots;
    tracked.open = !TERMINAL.has(order.status);
  }

  private onFill(fill: SimFill): void {
    const tracked = this.orders.get(fill.orderId);
    if (tracked === undefined) {
      this.violations.push(`fill of unknown order ${fill.orderId}`);
      return;
    }
    const request = tracked.request;
    if (request.postOnly && fill.liquidity === 'taker') this.violations.push(`post-only order ${fill.orderId} took`);
    if (request.priceTicks !== undefined && request.type === 'limit') {
      const within = fill.side === 'buy' ? fill.priceTicks <= request.priceTicks : fill.priceTicks >= request.priceTicks;
      if (!within) this.violations.push(`order ${fill.orderId} filled at ${fill.priceTicks} past its limit ${request.priceTicks}`);
      if (fill.liquidity === 'maker' && fill.priceTicks !== request.priceTicks) this.violations.push(`maker fill off its price`);
    }
    if (fill.liquidity === 'maker') {
      // Price-time priority: no older order at the same price and side may still be open.
      for (const [orderId, other] of this.orders) {
        if (orderId >= fill.orderId || !other.open) continue;
        const same =
          other.request.canonical === request.canonical && other.request.side === request.side && other.request.priceTicks === request.priceTicks;
        if (same) this.violations.push(`order ${fill.orderId} filled while older ${orderId} waits at ${request.priceTicks}`);
      }
    }
  }
}

function checkState(exchange: SimExchange, reference: Reference, instruments: Map<string, SimInstrument>): void {
  expect(reference.violations).toEqual([]);
  for (const account of ACCOUNTS) {
    const expectedTotal = new Map<string, bigint>();
    const expectedLocked = new Map<string, bigint>();
    for (const [asset, text] of Object.entries(account.balances)) expectedTotal.set(asset, parseDecimalBig(text, SCALE));
    const add = (map: Map<string, bigint>, asset: string, amount: bigint): void => {
      map.set(asset, (map.get(asset) ?? 0n) + amount);
    };
    const fillsByOrder = new Map<number, SimFill[]>();
    for (const fill of exchange.fills(account.accountId)) {
      const instrument = instruments.get(fill.canonical)!;
      const units = unitsOf(instrument);
      const notional = BigInt(fill.priceTicks) * BigInt(fill.sizeLots) * units.tickLot;
      const fee = parseDecimalBig(fill.fee, SCALE);
      const bps = fill.liquidity === 'maker' ? MAKER_BPS : TAKER_BPS;
      // Rounded up, by less than one ledger unit per order in total (checked per order below).
      expect(fee * 10_000n).toBeGreaterThanOrEqual(0n);
      expect(fee).toBeLessThanOrEqual(ceilDiv(notional * bps, 10_000n) + 1n);
      const base = BigInt(fill.sizeLots) * units.lot;
      if (fill.side === 'buy') {
        add(expectedTotal, instrument.base, base);
        add(expectedTotal, instrument.quote, -(notional + fee));
      } else {
        add(expectedTotal, instrument.base, -base);
        add(expectedTotal, instrument.quote, notional - fee);
      }
      const list = fillsByOrder.get(fill.orderId) ?? [];
      list.push(fill);
      fillsByOrder.set(fill.orderId, list);
    }
    const open = exchange.openOrders(account.accountId);
    for (const order of exchange.orderHistory(account.accountId)) {
      const instrument = instruments.get(order.canonical)!;
      const units = unitsOf(instrument);
      const fills = fillsByOrder.get(order.orderId) ?? [];
      expect(fills.reduce((sum, fill) => sum + fill.sizeLots, 0)).toBe(order.filledLots);
      const exactFees = fills.reduce(
        (sum, fill) => sum + BigInt(fill.priceTicks) * BigInt(fill.sizeLots) * units.tickLot * (fill.liquidity === 'maker' ? MAKER_BPS : TAKER_BPS),
        0n,
      );
      // The order's fees are its exact fees rounded up once, in the venue's favour.
      expect(parseDecimalBig(order.fee, SCALE)).toBe(ceilDiv(exactFees, 10_000n));
      const tracked = reference.orders.get(order.orderId)!;
      if (order.timeInForce === 'FOK') expect([0, order.sizeLots]).toContain(order.filledLots);
      if (order.timeInForce === 'FOK' && order.filledLots === 0) expect(order.status).toBe('expired');
      expect(tracked.statuses.at(-1)).toBe(order.status);
      const isOpen = order.status === 'new' || order.status === 'partially_filled';
      expect(open.some((other) => other.orderId === order.orderId)).toBe(isOpen);
      if (!isOpen) continue;
      expect(order.type).toBe('limit');
      expect(order.timeInForce).toBe('GTC');
      if (order.side === 'sell') {
        add(expectedLocked, instrument.base, BigInt(order.sizeLots - order.filledLots) * units.lot);
      } else {
        const reserved = BigInt(order.priceTicks!) * BigInt(order.sizeLots) * units.tickLot;
        const spent = order.filledTickLots * units.tickLot + parseDecimalBig(order.fee, SCALE);
        add(expectedLocked, instrument.quote, reserved + ceilDiv(reserved * TAKER_BPS, 10_000n) - spent);
      }
    }
    for (const balance of exchange.balances(account.accountId)) {
      const free = parseDecimalBig(balance.free, SCALE);
      const locked = parseDecimalBig(balance.locked, SCALE);
      expect(free).toBeGreaterThanOrEqual(0n);
      expect(locked).toBe(expectedLocked.get(balance.asset) ?? 0n);
      expect(free + locked).toBe(expectedTotal.get(balance.asset) ?? 0n);
    }
  }
  for (const listing of exchange.listings) {
    const top = exchange.snapshot(listing.native, 1);
    if (top.bids[0] !== undefined && top.asks[0] !== undefined) expect(top.bids[0].priceTicks).toBeLessThan(top.asks[0].priceTicks);
  }
}

function run(seed: number, actions: Action[]): void {
  const listings = simListings('binance').slice(0, 2);
  const exchange = createSimExchange({ venue: 'binance', seed, startMs: START_MS, listings, accounts: ACCOUNTS });
  const instruments = new Map(listings.map((listing) => [listing.instrument.canonical, listing.instrument]));
  const reference = new Reference(exchange);
  let now = START_MS;
  for (const action of actions) {
    if (action.kind === 'step') {
      now += action.dtMs;
      exchange.stepTo(now);
    } else if (action.kind === 'cancel') {
      const accountId = ACCOUNTS[action.account]!.accountId;
      const open = exchange.openOrders(accountId);
      const victim = open[action.pick % Math.max(1, open.length)];
      if (victim !== undefined) {
        const result = exchange.cancelOrder(accountId, victim.canonical, { orderId: victim.orderId });
        expect(result).toMatchObject({ ok: true, order: { status: 'canceled' } });
      }
    } else {
      const listing = listings[action.listing]!;
      const top = exchange.snapshot(listing.native, 1);
      const touch = action.side === 'buy' ? top.bids[0] : top.asks[0];
      const joinable = ACCOUNTS.flatMap((account) => exchange.openOrders(account.accountId)).filter(
        (order) => order.canonical === listing.instrument.canonical && order.side === action.side,
      );
      const joined = action.join ? joinable[action.lots % Math.max(1, joinable.length)]?.priceTicks : undefined;
      const priceTicks =
        joined ?? (touch === undefined ? 1 : action.side === 'buy' ? touch.priceTicks + action.offset : touch.priceTicks - action.offset);
      const request: SimOrderRequest =
        action.type === 'market' && action.byQuote
          ? { canonical: listing.instrument.canonical, side: action.side, type: 'market', timeInForce: action.timeInForce, postOnly: false, quoteSize: `${action.lots / 10}` }
          : {
              canonical: listing.instrument.canonical,
              side: action.side,
              type: action.type,
              timeInForce: action.timeInForce,
              postOnly: action.type === 'limit' && action.postOnly,
              priceTicks,
              sizeLots: action.lots,
            };
      reference.pending = request;
      const result = exchange.placeOrder(ACCOUNTS[action.account]!.accountId, request);
      reference.pending = null;
      if (result.ok) {
        if (request.timeInForce === 'FOK') expect([0, result.order.sizeLots]).toContain(result.order.filledLots);
        if (request.postOnly) expect(result.fills).toEqual([]);
      }
    }
    checkState(exchange, reference, instruments);
  }
}

describe('matching engine under random order flows', () => {
  it('keeps conservation, reservations, statuses, FOK, post-only and price-time priority', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(actionArbitrary, { minLength: 1, maxLength: 120, size: 'max' }), (seed, actions) => {
        run(seed, actions);
      }),
      { numRuns: 40 },
    );
  });
});
