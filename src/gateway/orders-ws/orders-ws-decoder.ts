// Decodes one /v1/orders frame with the generated code into a plain object; bytes from the network are untrusted, so every failure is an OrdersWsDecodeError, never a crash or a hang.
import { ByteBuffer } from 'flatbuffers';
import type {
  Fill,
  OrderSpec,
  OrderState,
  OrderType,
  Side,
  TimeInForce} from '../../../schema/generated/orders_generated.js';
import {
  Body,
  Cancel,
  CancelReject,
  CancelRejectResponseTo,
  Contingency,
  ExecutionReport,
  Heartbeat,
  Logon,
  LogonAck,
  LogonReject,
  Logout,
  NewOrder,
  NewOrderList,
  OrderRejectReason,
  OrdersFrame,
  Reject,
  Replace,
  StatusRequest
} from '../../../schema/generated/orders_generated.js';
import {
  CANCEL_REJECT_REASONS,
  EXEC_TYPES,
  LIQUIDITIES,
  LOGON_REJECT_REASONS,
  ORDER_REJECT_REASONS,
  ORDER_STATUSES,
  ORDER_TYPES,
  REJECT_REASONS,
  SIDES,
  TIMES_IN_FORCE,
  type EnumMap,
} from './orders-ws-enums.js';
import type { OrdersWsFrame, WsBody, WsOrderSpec, WsOrderState } from './orders-ws-frames.js';

/** 'malformed': not a readable OrdersFrame. 'invalid_value': readable, but an enum holds a value the schema does not define. */
export class OrdersWsDecodeError extends Error {
  constructor(
    readonly reason: 'malformed' | 'invalid_value',
    message: string,
    /** The frame's request_id when it could be read. */
    readonly requestId: bigint | null,
  ) {
    super(message);
    this.name = 'OrdersWsDecodeError';
  }
}

/** Root offset (4 bytes) + file identifier (4 bytes). */
const MIN_FRAME_BYTES = 8;
const IDENTIFIER = 'ZVTO';

/*
 * The TypeScript FlatBuffers runtime has no verifier. Reading past the end of the buffer yields
 * zeros or undefined, never an exception, and strings are clamped to the buffer, so a garbled
 * frame reads as missing or odd fields (which the request reader refuses). The one real danger is
 * a vector length of 2^31 making a loop spin: every vector length is checked against the frame size.
 */
export function decodeOrdersFrame(bytes: Uint8Array): OrdersWsFrame {
  if (bytes.length < MIN_FRAME_BYTES) throw new OrdersWsDecodeError('malformed', `A frame is at least ${MIN_FRAME_BYTES} bytes, got ${bytes.length}`, null);
  const buffer = new ByteBuffer(bytes);
  if (!OrdersFrame.bufferHasIdentifier(buffer)) throw new OrdersWsDecodeError('malformed', `The file identifier must be ${IDENTIFIER}`, null);
  if (buffer.readUint32(0) + 4 > bytes.length) throw new OrdersWsDecodeError('malformed', 'The root offset points past the end of the frame', null);
  let requestId: bigint | null = null;
  try {
    const frame = OrdersFrame.getRootAsOrdersFrame(buffer);
    requestId = frame.requestId();
    const seq = frame.seq();
    return { seq, requestId, body: new BodyReader(bytes.length, requestId).read(frame) };
  } catch (error: unknown) {
    if (error instanceof OrdersWsDecodeError) throw error;
    throw new OrdersWsDecodeError('malformed', `Unreadable frame: ${error instanceof Error ? error.message : String(error)}`, requestId);
  }
}

class BodyReader {
  constructor(
    private readonly frameBytes: number,
    private readonly requestId: bigint,
  ) {}

  private fail(message: string): never {
    throw new OrdersWsDecodeError('invalid_value', message, this.requestId);
  }

  /** An enum field: Unset (0) → null, a value the schema lacks → invalid_value. */
  private optionalEnum<N extends string>(map: EnumMap<N, number>, value: number, field: string): N | null {
    if (value === 0) return null;
    return this.requiredEnum(map, value, field);
  }

  private requiredEnum<N extends string>(map: EnumMap<N, number>, value: number, field: string): N {
    const name = map.fromWire(value);
    if (name === undefined) this.fail(`${field} has the value ${String(value)}, which the schema does not define`);
    return name;
  }

  private vectorLength(length: number, field: string): number {
    // An offset vector holds 4 bytes per element: more elements than that cannot be in the frame.
    if (length < 0 || length * 4 > this.frameBytes) throw new OrdersWsDecodeError('malformed', `${field} claims ${length} elements, more than the frame holds`, this.requestId);
    return length;
  }

  read(frame: OrdersFrame): WsBody {
    const type = frame.bodyType();
    switch (type) {
      case Body.Logon: {
        const body = frame.body(new Logon()) as Logon;
        return { kind: 'logon', apiKey: body.apiKey(), sendingTime: body.sendingTime(), signature: body.signature() };
      }
      case Body.NewOrder: {
        const order = (frame.body(new NewOrder()) as NewOrder).order();
        return { kind: 'newOrder', order: order === null ? null : this.orderSpec(order) };
      }
      case Body.Cancel: {
        const body = frame.body(new Cancel()) as Cancel;
        return {
          kind: 'cancel',
          clientOrderId: body.clientOrderId(),
          origClientOrderId: body.origClientOrderId(),
          orderId: body.orderId(),
          symbol: body.symbol(),
          side: this.side(body.side()),
        };
      }
      case Body.Replace: {
        const body = frame.body(new Replace()) as Replace;
        return {
          kind: 'replace',
          clientOrderId: body.clientOrderId(),
          origClientOrderId: body.origClientOrderId(),
          orderId: body.orderId(),
          symbol: body.symbol(),
          side: this.side(body.side()),
          type: this.orderType(body.type()),
          timeInForce: this.timeInForce(body.timeInForce()),
          postOnly: body.postOnly(),
          quantity: body.quantity(),
          price: body.price(),
        };
      }
      case Body.StatusRequest: {
        const body = frame.body(new StatusRequest()) as StatusRequest;
        return {
          kind: 'statusRequest',
          clientOrderId: body.clientOrderId(),
          orderId: body.orderId(),
          symbol: body.symbol(),
          side: this.side(body.side()),
          statusRequestId: body.statusRequestId(),
        };
      }
      case Body.NewOrderList: {
        const body = frame.body(new NewOrderList()) as NewOrderList;
        const contingency = body.contingency();
        if (contingency !== Contingency.Unset && contingency !== Contingency.OCO) this.fail(`contingency has the value ${String(contingency)}, which the schema does not define`);
        const count = this.vectorLength(body.ordersLength(), 'orders');
        const orders: WsOrderSpec[] = [];
        for (let index = 0; index < count; index++) orders.push(this.orderSpec(body.orders(index)!));
        return { kind: 'newOrderList', listId: body.listId(), contingency: contingency === Contingency.OCO ? 'oco' : null, orders };
      }
      case Body.Heartbeat:
        return { kind: 'heartbeat', timeMs: Number((frame.body(new Heartbeat()) as Heartbeat).timeMs()) };
      case Body.Logout:
        return { kind: 'logout', text: (frame.body(new Logout()) as Logout).text() };
      case Body.LogonAck: {
        const body = frame.body(new LogonAck()) as LogonAck;
        return {
          kind: 'logonAck',
          owner: body.owner() ?? '',
          accountId: body.accountId() ?? '',
          serverTimeMs: Number(body.serverTimeMs()),
          pendingEvents: body.pendingEvents(),
          droppedEvents: Number(body.droppedEvents()),
          serverInstance: body.serverInstance() ?? '',
        };
      }
      case Body.LogonReject: {
        const body = frame.body(new LogonReject()) as LogonReject;
        return { kind: 'logonReject', reason: this.requiredEnum(LOGON_REJECT_REASONS, body.reason(), 'reason'), text: body.text() ?? '' };
      }
      case Body.ExecutionReport: {
        const body = frame.body(new ExecutionReport()) as ExecutionReport;
        const order = body.order();
        if (order === null) return this.fail('An ExecutionReport must carry its order');
        const fill = body.fill();
        const rejectReason = body.rejectReason();
        return {
          kind: 'executionReport',
          executionId: body.executionId() ?? '',
          execType: this.requiredEnum(EXEC_TYPES, body.execType(), 'exec_type'),
          order: this.orderState(order),
          fill: fill === null ? null : this.fill(fill),
          rejectReason: rejectReason === OrderRejectReason.None ? null : this.requiredEnum(ORDER_REJECT_REASONS, rejectReason, 'reject_reason'),
          text: body.text(),
          statusRequestId: body.statusRequestId(),
          tsMs: Number(body.tsMs()),
        };
      }
      case Body.CancelReject: {
        const body = frame.body(new CancelReject()) as CancelReject;
        const order = body.order();
        const responseTo = body.responseTo();
        if (responseTo !== CancelRejectResponseTo.Cancel && responseTo !== CancelRejectResponseTo.Replace) this.fail(`response_to has the value ${String(responseTo)}`);
        return {
          kind: 'cancelReject',
          clientOrderId: body.clientOrderId() ?? '',
          origClientOrderId: body.origClientOrderId() ?? '',
          responseTo: responseTo === CancelRejectResponseTo.Cancel ? 'cancel' : 'replace',
          reason: this.requiredEnum(CANCEL_REJECT_REASONS, body.reason(), 'reason'),
          text: body.text() ?? '',
          order: order === null ? null : this.orderState(order),
          tsMs: Number(body.tsMs()),
        };
      }
      case Body.Reject: {
        const body = frame.body(new Reject()) as Reject;
        return { kind: 'reject', reason: this.requiredEnum(REJECT_REASONS, body.reason(), 'reason'), text: body.text() ?? '' };
      }
      case Body.NONE:
        throw new OrdersWsDecodeError('malformed', 'The frame has no body', this.requestId);
      default:
        throw new OrdersWsDecodeError('malformed', `Unknown body type ${String(type)}`, this.requestId);
    }
  }

  private side(value: Side): WsOrderSpec['side'] {
    return this.optionalEnum(SIDES, value, 'side');
  }

  private orderType(value: OrderType): WsOrderSpec['type'] {
    return this.optionalEnum(ORDER_TYPES, value, 'type');
  }

  private timeInForce(value: TimeInForce): WsOrderSpec['timeInForce'] {
    return this.optionalEnum(TIMES_IN_FORCE, value, 'time_in_force');
  }

  private orderSpec(spec: OrderSpec): WsOrderSpec {
    return {
      clientOrderId: spec.clientOrderId(),
      symbol: spec.symbol(),
      side: this.side(spec.side()),
      type: this.orderType(spec.type()),
      timeInForce: this.timeInForce(spec.timeInForce()),
      postOnly: spec.postOnly(),
      quantity: spec.quantity(),
      price: spec.price(),
    };
  }

  private fill(fill: Fill): NonNullable<Extract<WsBody, { kind: 'executionReport' }>['fill']> {
    return {
      price: fill.price() ?? '',
      quantity: fill.quantity() ?? '',
      fee: fill.fee() ?? '',
      feeAsset: fill.feeAsset() ?? '',
      liquidity: this.requiredEnum(LIQUIDITIES, fill.liquidity(), 'liquidity'),
      tradeId: fill.tradeId() ?? '',
    };
  }

  private orderState(order: OrderState): WsOrderState {
    const side = this.side(order.side());
    if (side === null) this.fail('An order state must have a side');
    return {
      orderId: order.orderId(),
      clientOrderId: order.clientOrderId() ?? '',
      origClientOrderId: order.origClientOrderId(),
      listId: order.listId(),
      accountId: order.accountId() ?? '',
      symbol: order.symbol() ?? '',
      side,
      type: this.orderType(order.type()),
      timeInForce: this.timeInForce(order.timeInForce()),
      postOnly: order.postOnly(),
      price: order.price(),
      quantity: order.quantity() ?? '',
      cumulativeQuantity: order.cumulativeQuantity() ?? '',
      leavesQuantity: order.leavesQuantity() ?? '',
      averagePrice: order.averagePrice() ?? '',
      status: this.requiredEnum(ORDER_STATUSES, order.status(), 'status'),
      updatedMs: Number(order.updatedMs()),
    };
  }
}
