// Text of the Bybit v5 private WebSocket frames: op answers, the private pong, and the order/execution/wallet topic messages.
/*
 * https://bybit-exchange.github.io/docs/v5/ws/connect and .../websocket/private/{order,execution,wallet}:
 *   auth/subscribe answer {"req_id"?,"success","ret_msg","op","conn_id"} (req_id first when sent,
 *   as a captured auth answer shows: {"req_id":"1e97..","success":true,"ret_msg":"","op":"auth","conn_id":".."});
 *   pong {"req_id"?,"op":"pong","args":["<server ms>"],"conn_id"};
 *   topic message {"id","topic","creationTime","data":[...]}.
 */

export function privateOperationFrame(operation: string, success: boolean, message: string, connectionId: string, requestId: string | undefined): string {
  return JSON.stringify({ ...(requestId === undefined ? {} : { req_id: requestId }), success, ret_msg: message, op: operation, conn_id: connectionId });
}

export function privatePongFrame(connectionId: string, requestId: string | undefined, nowMs: number): string {
  return JSON.stringify({ ...(requestId === undefined ? {} : { req_id: requestId }), op: 'pong', args: [String(nowMs)], conn_id: connectionId });
}

export function privateTopicFrame(id: string, topic: string, creationMs: number, data: readonly unknown[]): string {
  return JSON.stringify({ id, topic, creationTime: creationMs, data });
}
