// /v1/orders codec: every body round-trips through the generated builder and reader; garbage, bad enums and lying vector lengths fail as OrdersWsDecodeError.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeOrdersFrame, OrdersWsDecodeError } from '../../../../src/gateway/orders-ws/orders-ws-decoder.js';
import { OrdersWsEncoder } from '../../../../src/gateway/orders-ws/orders-ws-encoder.js';
import type { OrdersWsFrame, WsBody, WsOrderState } from '../../../../src/gateway/orders-ws/orders-ws-frames.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const spec = {
  clientOrderId: 'c-1',
  symbol: 'BTC-USDT',
  side: 'buy',
  type: 'limit',
  timeInForce: 'IOC',
  postOnly: true,
  quantity: '0.00123',
  price: '60000.01',
} as const;

const state: WsOrderState = {
  orderId: '17',
  clientOrderId: 'c-2',
  origClientOrderId: 'c-1',
  listId: 'list-9',
  accountId: 'acct',
  symbol: 'BTC-USDT',
  side: 'sell',
  type: 'limit',
  timeInForce: 'FOK',
  postOnly: false,
  price: '61000.5',
  quantity: '1.5',
  cumulativeQuantity: '0.5',
  leavesQuantity: '1',
  averagePrice: '61000.25',
  status: 'partially_filled',
  updatedMs: 1_735_819_200_123,
};

const bodies: readonly WsBody[] = [
  { kind: 'logon', apiKey: 'key', sendingTime: '20250102-12:00:00.000', signature: 'c2lnbmF0dXJl' },
  { kind: 'newOrder', order: spec },
  { kind: 'newOrder', order: { ...spec, type: 'market', price: null, timeInForce: null, postOnly: false } },
  { kind: 'newOrder', order: null },
  { kind: 'cancel', clientOrderId: 'x-1', origClientOrderId: 'c-1', orderId: '17', symbol: 'BTC-USDT', side: 'sell' },
  { kind: 'cancel', clientOrderId: null, origClientOrderId: null, orderId: null, symbol: null, side: null },
  {
    kind: 'replace',
    clientOrderId: 'c-2',
    origClientOrderId: 'c-1',
    orderId: null,
    symbol: 'ETH-USDT',
    side: 'buy',
    type: 'limit',
    timeInForce: 'GTC',
    postOnly: false,
    quantity: '2',
    price: '3000',
  },
  { kind: 'statusRequest', clientOrderId: 'c-2', orderId: '17', symbol: 'BTC-USDT', side: 'buy', statusRequestId: 's-1' },
  { kind: 'newOrderList', listId: 'l-1', contingency: 'oco', orders: [spec, { ...spec, clientOrderId: 'c-3', side: 'sell' }] },
  { kind: 'newOrderList', listId: null, contingency: null, orders: [] },
  { kind: 'heartbeat', timeMs: 1_735_819_200_000 },
  { kind: 'logout', text: 'bye' },
  { kind: 'logout', text: null },
  { kind: 'logonAck', owner: 'ws:key', accountId: 'acct', serverTimeMs: 1_735_819_200_001, pendingEvents: 3, droppedEvents: 2, serverInstance: 'abc-1234' },
  { kind: 'logonReject', reason: 'invalid_signature', text: 'Invalid signature' },
  {
    kind: 'executionReport',
    executionId: 'e-1',
    execType: 'trade',
    order: state,
    fill: { price: '61000', quantity: '0.5', fee: '0.0305', feeAsset: 'USDT', liquidity: 'maker', tradeId: 't-9' },
    rejectReason: null,
    text: null,
    statusRequestId: null,
    tsMs: 1_735_819_200_124,
  },
  {
    kind: 'executionReport',
    executionId: 'e-2',
    execType: 'new',
    order: { ...state, status: 'new', cumulativeQuantity: '0', averagePrice: '0', origClientOrderId: null, listId: null, price: null, type: 'market' },
    fill: null,
    rejectReason: null,
    text: null,
    statusRequestId: null,
    tsMs: 5,
  },
  {
    kind: 'executionReport',
    executionId: 'e-3',
    execType: 'rejected',
    order: { ...state, orderId: null, status: 'rejected' },
    fill: null,
    rejectReason: 'insufficient_balance',
    text: 'Not enough USDT',
    statusRequestId: null,
    tsMs: 6,
  },
  {
    kind: 'executionReport',
    executionId: 'e-4',
    execType: 'status',
    order: { ...state, status: 'unknown', type: null, timeInForce: null },
    fill: null,
    rejectReason: null,
    text: 'Unknown order',
    statusRequestId: 's-1',
    tsMs: 7,
  },
  { kind: 'cancelReject', clientOrderId: 'x-1', origClientOrderId: 'c-1', responseTo: 'replace', reason: 'too_late', text: 'Too late', order: state, tsMs: 8 },
  { kind: 'cancelReject', clientOrderId: 'x-1', origClientOrderId: 'c-1', responseTo: 'cancel', reason: 'unknown_order', text: 'Unknown order', order: null, tsMs: 9 },
  { kind: 'reject', reason: 'invalid_value', text: 'quantity must be positive' },
];

describe('orders-ws codec', () => {
  it('round-trips every body kind with its sequence number and request id, reusing one builder', () => {
    const encoder = new OrdersWsEncoder();
    const kinds = new Set<string>();
    bodies.forEach((body, index) => {
      const frame: OrdersWsFrame = { seq: BigInt(index), requestId: 2n ** 64n - 1n - BigInt(index), body };
      expect(decodeOrdersFrame(encoder.encode(frame).slice())).toEqual(frame);
      kinds.add(body.kind);
    });
    expect(kinds.size).toBe(13);
  });

  it('writes the file identifier ZVTO at bytes 4..8', () => {
    const bytes = new OrdersWsEncoder().encode({ seq: 0n, requestId: 1n, body: { kind: 'heartbeat', timeMs: 1 } });
    expect(Buffer.from(bytes.subarray(4, 8)).toString('latin1')).toBe('ZVTO');
  });

  it('refuses short frames, a foreign identifier and a root offset past the end as malformed', () => {
    const short = () => decodeOrdersFrame(new Uint8Array(4));
    expect(short).toThrow(OrdersWsDecodeError);
    const good = new OrdersWsEncoder().encode({ seq: 0n, requestId: 1n, body: { kind: 'heartbeat', timeMs: 1 } }).slice();
    const foreign = good.slice();
    foreign.set(Buffer.from('ZVTF'), 4);
    expect(() => decodeOrdersFrame(foreign)).toThrow(/identifier/);
    const pastEnd = good.slice();
    new DataView(pastEnd.buffer).setUint32(0, pastEnd.length + 100, true);
    expect(() => decodeOrdersFrame(pastEnd)).toThrow(/root offset/);
  });

  it('reports an enum value the schema lacks as invalid_value, with the request id', () => {
    const bytes = new OrdersWsEncoder().encode({ seq: 0n, requestId: 42n, body: { kind: 'newOrder', order: spec } }).slice();
    // The Side byte (1 = Buy) is the only 0x01 byte that flips the order to an undefined side 7 without touching offsets: find it by decoding.
    let found = false;
    for (let index = 8; index < bytes.length && !found; index++) {
      if (bytes[index] !== 1) continue;
      const copy = bytes.slice();
      copy[index] = 7;
      try {
        const decoded = decodeOrdersFrame(copy);
        void decoded;
      } catch (error) {
        if (error instanceof OrdersWsDecodeError && error.reason === 'invalid_value' && /side/.test(error.message)) {
          expect(error.requestId).toBe(42n);
          found = true;
        }
      }
    }
    expect(found).toBe(true);
  });

  it('refuses a vector length larger than the frame instead of looping over it', () => {
    const bytes = new OrdersWsEncoder().encode({ seq: 0n, requestId: 1n, body: { kind: 'newOrderList', listId: 'l', contingency: 'oco', orders: [spec] } }).slice();
    const view = new DataView(bytes.buffer);
    let refused = false;
    // The orders vector's length prefix is a little-endian 1: make each candidate 2^30 in turn.
    for (let offset = 8; offset + 4 <= bytes.length; offset += 4) {
      if (view.getUint32(offset, true) !== 1) continue;
      const copy = bytes.slice();
      new DataView(copy.buffer).setUint32(offset, 2 ** 30, true);
      try {
        decodeOrdersFrame(copy);
      } catch (error) {
        if (error instanceof OrdersWsDecodeError && /claims/.test(error.message)) refused = true;
      }
    }
    expect(refused).toBe(true);
  });

  it('never throws anything but OrdersWsDecodeError on random or truncated bytes', () => {
    const encoder = new OrdersWsEncoder();
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const body of bodies) {
      const bytes = encoder.encode({ seq: 1n, requestId: 2n, body }).slice();
      for (let trial = 0; trial < 200; trial++) {
        const copy = bytes.slice(0, Math.max(8, Math.floor(random() * bytes.length) + 1));
        for (let flips = 0; flips < 3; flips++) copy[8 + Math.floor(random() * (copy.length - 8))] = Math.floor(random() * 256);
        try {
          decodeOrdersFrame(copy);
        } catch (error) {
          expect(error).toBeInstanceOf(OrdersWsDecodeError);
        }
      }
    }
  });
});

/** The flatc on PATH, when it is the version the committed code came from. */
function flatc208(): boolean {
  try {
    return execFileSync('flatc', ['--version'], { encoding: 'utf8' }).trim() === 'flatc version 2.0.8';
  } catch {
    return false;
  }
}

describe('generated orders schema code', () => {
  it.skipIf(!flatc208())('equals a fresh `flatc --ts --ts-flat-files` of schema/orders.fbs', () => {
    const directory = mkdtempSync(join(tmpdir(), 'zvt-flatc-'));
    execFileSync('flatc', ['--ts', '--ts-flat-files', '-o', directory, join(ROOT, 'schema/orders.fbs')]);
    expect(readFileSync(join(directory, 'orders_generated.ts'), 'utf8')).toBe(readFileSync(join(ROOT, 'schema/generated/orders_generated.ts'), 'utf8'));
  });
});
