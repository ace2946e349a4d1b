// Encodes /v1/orders frames with the generated FlatBuffers builder; one encoder (one Builder) per connection, reused for every frame.
import { Builder } from 'flatbuffers';
import {
  Body,
  Cancel,
  CancelReject,
  CancelRejectResponseTo,
  Contingency,
  ExecutionReport,
  Fill,
  Heartbeat,
  Logon,
  LogonAck,
  LogonReject,
  Logout,
  NewOrder,
  NewOrderList,
  OrderRejectReason,
  OrderSpec,
  OrderState,
  OrdersFrame,
  OrderType,
  Reject,
  Replace,
  Side,
  StatusRequest,
  TimeInForce,
} from '../../../schema/generated/orders_generated.js';
import type { OrderFill, OrderSide, OrderTimeInForce, OrderType as OrderTypeName } from '../orders/order-entry-handler.js';
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
} from './orders-ws-enums.js';
import type { OrdersWsFrame, WsBody, WsOrderSpec, WsOrderState } from './orders-ws-frames.js';

const INITIAL_BUILDER_BYTES = 1024;

/*
 * Order entry is not the fan-out hot path: the generated builder is used as is (correctness
 * first). Strings and nested tables are written before the table that refers to them, as
 * FlatBuffers requires; a null string is simply not written (the field reads back as null).
 */
export class OrdersWsEncoder {
  private readonly builder = new Builder(INITIAL_BUILDER_BYTES);

  /**
   * The frame's bytes. The array is a view into the reused builder: valid until the next encode()
   * call. uWS copies on send; a caller that keeps the bytes (or hands them to an asynchronous
   * writer such as the `ws` package) must copy them (`slice()`).
   */
  encode(frame: OrdersWsFrame): Uint8Array {
    const builder = this.builder;
    builder.clear();
    const [type, body] = this.body(frame.body);
    OrdersFrame.startOrdersFrame(builder);
    OrdersFrame.addSeq(builder, frame.seq);
    OrdersFrame.addRequestId(builder, frame.requestId);
    OrdersFrame.addBodyType(builder, type);
    OrdersFrame.addBody(builder, body);
    OrdersFrame.finishOrdersFrameBuffer(builder, OrdersFrame.endOrdersFrame(builder));
    return builder.asUint8Array();
  }

  private text(value: string | null): number {
    return value === null ? 0 : this.builder.createString(value);
  }

  private body(body: WsBody): [Body, number] {
    const builder = this.builder;
    switch (body.kind) {
      case 'logon':
        return [Body.Logon, Logon.createLogon(builder, this.text(body.apiKey), this.text(body.sendingTime), this.text(body.signature))];
      case 'newOrder': {
        const order = body.order === null ? 0 : this.orderSpec(body.order);
        return [Body.NewOrder, NewOrder.createNewOrder(builder, order)];
      }
      case 'cancel': {
        const strings = [body.clientOrderId, body.origClientOrderId, body.orderId, body.symbol].map((value) => this.text(value)) as [number, number, number, number];
        return [Body.Cancel, Cancel.createCancel(builder, ...strings, side(body.side))];
      }
      case 'replace': {
        const [clientOrderId, origClientOrderId, orderId, symbol, quantity, price] = [
          body.clientOrderId,
          body.origClientOrderId,
          body.orderId,
          body.symbol,
          body.quantity,
          body.price,
        ].map((value) => this.text(value)) as [number, number, number, number, number, number];
        const offset = Replace.createReplace(
          builder,
          clientOrderId,
          origClientOrderId,
          orderId,
          symbol,
          side(body.side),
          orderType(body.type),
          timeInForce(body.timeInForce),
          body.postOnly,
          quantity,
          price,
        );
        return [Body.Replace, offset];
      }
      case 'statusRequest': {
        const [clientOrderId, orderId, symbol, statusRequestId] = [body.clientOrderId, body.orderId, body.symbol, body.statusRequestId].map((value) => this.text(value)) as [
          number,
          number,
          number,
          number,
        ];
        return [Body.StatusRequest, StatusRequest.createStatusRequest(builder, clientOrderId, orderId, symbol, side(body.side), statusRequestId)];
      }
      case 'newOrderList': {
        const listId = this.text(body.listId);
        const orders = body.orders.map((order) => this.orderSpec(order));
        const vector = NewOrderList.createOrdersVector(builder, orders);
        return [Body.NewOrderList, NewOrderList.createNewOrderList(builder, listId, body.contingency === 'oco' ? Contingency.OCO : Contingency.Unset, vector)];
      }
      case 'heartbeat':
        return [Body.Heartbeat, Heartbeat.createHeartbeat(builder, BigInt(body.timeMs))];
      case 'logout':
        return [Body.Logout, Logout.createLogout(builder, this.text(body.text))];
      case 'logonAck': {
        const owner = this.text(body.owner);
        const accountId = this.text(body.accountId);
        const instance = this.text(body.serverInstance);
        return [Body.LogonAck, LogonAck.createLogonAck(builder, owner, accountId, BigInt(body.serverTimeMs), body.pendingEvents, BigInt(body.droppedEvents), instance)];
      }
      case 'logonReject':
        return [Body.LogonReject, LogonReject.createLogonReject(builder, LOGON_REJECT_REASONS.toWire(body.reason), this.text(body.text))];
      case 'executionReport': {
        const executionId = this.text(body.executionId);
        const order = this.orderState(body.order);
        const fill = body.fill === null ? 0 : this.fill(body.fill);
        const text = this.text(body.text);
        const statusRequestId = this.text(body.statusRequestId);
        ExecutionReport.startExecutionReport(builder);
        ExecutionReport.addExecutionId(builder, executionId);
        ExecutionReport.addExecType(builder, EXEC_TYPES.toWire(body.execType));
        ExecutionReport.addOrder(builder, order);
        ExecutionReport.addFill(builder, fill);
        ExecutionReport.addRejectReason(builder, body.rejectReason === null ? OrderRejectReason.None : ORDER_REJECT_REASONS.toWire(body.rejectReason));
        ExecutionReport.addText(builder, text);
        ExecutionReport.addStatusRequestId(builder, statusRequestId);
        ExecutionReport.addTsMs(builder, BigInt(body.tsMs));
        return [Body.ExecutionReport, ExecutionReport.endExecutionReport(builder)];
      }
      case 'cancelReject': {
        const clientOrderId = this.text(body.clientOrderId);
        const origClientOrderId = this.text(body.origClientOrderId);
        const text = this.text(body.text);
        const order = body.order === null ? 0 : this.orderState(body.order);
        CancelReject.startCancelReject(builder);
        CancelReject.addClientOrderId(builder, clientOrderId);
        CancelReject.addOrigClientOrderId(builder, origClientOrderId);
        CancelReject.addResponseTo(builder, body.responseTo === 'cancel' ? CancelRejectResponseTo.Cancel : CancelRejectResponseTo.Replace);
        CancelReject.addReason(builder, CANCEL_REJECT_REASONS.toWire(body.reason));
        CancelReject.addText(builder, text);
        CancelReject.addOrder(builder, order);
        CancelReject.addTsMs(builder, BigInt(body.tsMs));
        return [Body.CancelReject, CancelReject.endCancelReject(builder)];
      }
      case 'reject':
        return [Body.Reject, Reject.createReject(builder, REJECT_REASONS.toWire(body.reason), this.text(body.text))];
    }
  }

  private orderSpec(spec: WsOrderSpec): number {
    const [clientOrderId, symbol, quantity, price] = [spec.clientOrderId, spec.symbol, spec.quantity, spec.price].map((value) => this.text(value)) as [number, number, number, number];
    return OrderSpec.createOrderSpec(this.builder, clientOrderId, symbol, side(spec.side), orderType(spec.type), timeInForce(spec.timeInForce), spec.postOnly, quantity, price);
  }

  private fill(fill: OrderFill): number {
    const [price, quantity, fee, feeAsset, tradeId] = [fill.price, fill.quantity, fill.fee, fill.feeAsset, fill.tradeId].map((value) => this.text(value)) as [number, number, number, number, number];
    return Fill.createFill(this.builder, price, quantity, fee, feeAsset, LIQUIDITIES.toWire(fill.liquidity), tradeId);
  }

  private orderState(order: WsOrderState): number {
    const strings = [
      order.orderId,
      order.clientOrderId,
      order.origClientOrderId,
      order.listId,
      order.accountId,
      order.symbol,
      order.price,
      order.quantity,
      order.cumulativeQuantity,
      order.leavesQuantity,
      order.averagePrice,
    ].map((value) => this.text(value));
    const [orderId, clientOrderId, origClientOrderId, listId, accountId, symbol, price, quantity, cumulative, leaves, average] = strings as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return OrderState.createOrderState(
      this.builder,
      orderId,
      clientOrderId,
      origClientOrderId,
      listId,
      accountId,
      symbol,
      side(order.side),
      orderType(order.type),
      timeInForce(order.timeInForce),
      order.postOnly,
      price,
      quantity,
      cumulative,
      leaves,
      average,
      ORDER_STATUSES.toWire(order.status),
      BigInt(order.updatedMs),
    );
  }
}

function side(value: OrderSide | null): Side {
  return value === null ? Side.Unset : SIDES.toWire(value);
}

function orderType(value: OrderTypeName | null): OrderType {
  return value === null ? OrderType.Unset : ORDER_TYPES.toWire(value);
}

function timeInForce(value: OrderTimeInForce | null): TimeInForce {
  return value === null ? TimeInForce.Unset : TIMES_IN_FORCE.toWire(value);
}
