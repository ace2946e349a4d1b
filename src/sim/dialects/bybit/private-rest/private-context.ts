// What the private REST handlers work with: the shared context plus the dialect's order state and the authenticated account.
import type { SimAccountSpec, SimOrder } from '../../../matching/matching-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import type { BybitContext } from '../bybit-context.js';
import type { BybitPrivateState } from './private-state.js';

export interface BybitPrivateContext extends BybitContext {
  readonly state: BybitPrivateState;
  /** An order the dialect created itself (a PostOnly cancellation), for the private stream. */
  readonly onLocalOrder: (order: SimOrder) => void;
}

export type BybitPrivateHandler = (request: SimHttpRequest, context: BybitPrivateContext, account: SimAccountSpec) => SimHttpResponse;
