// Which OKX public connections to open and what to subscribe on each, within OKX's documented limits.

import type { Instrument } from '../../../model/instrument.js';
import type { ConnectionPlan } from '../common/venue-dialect.js';
import { OKX_CHANNELS } from './channels.js';
import type { OkxChannelArgument, OkxSubscriptionRequest } from './messages.js';
import { OKX_URLS } from './urls.js';

/*
 * Limits (https://www.okx.com/docs-v5/en/#overview-websocket-connect, -subscribe, and the order
 * book channel notes):
 * - "If you need to subscribe to many 50 or 400 depth level channels, it is recommended to
 *   subscribe through multiple websocket connections, with each of less than 30 channels": at most
 *   29 instruments (29 `books` subscriptions) per connection. Their trades and bbo-tbt ride along.
 * - "the total length of multiple channels cannot exceed 64 KB" per subscribe request: frames are
 *   cut below that (29 instruments × 3 channels is about 5 KB, one frame).
 * - 480 subscribe/unsubscribe/login requests per connection per hour: one subscribe frame at
 *   start, two frames per book resync (unsubscribe + subscribe).
 * - 3 new connections per second per IP: pacing connects is the shared feed's job.
 */

/** Instruments (400-level book subscriptions) per connection: "less than 30 channels". */
export const OKX_MAX_INSTRUMENTS_PER_CONNECTION = 29;
/** Upper bound on one subscribe frame's length (OKX: channels of one request ≤ 64 KB). */
export const OKX_MAX_SUBSCRIBE_FRAME_BYTES = 64 * 1024;

/** One public connection per 29 instruments, each subscribing books, trades and bbo-tbt for them. */
export function planOkxConnections(instruments: readonly Instrument[]): ConnectionPlan[] {
  const plans: ConnectionPlan[] = [];
  for (let start = 0; start < instruments.length; start += OKX_MAX_INSTRUMENTS_PER_CONNECTION) {
    const group = instruments.slice(start, start + OKX_MAX_INSTRUMENTS_PER_CONNECTION);
    const channelArguments = group.flatMap((instrument) =>
      [OKX_CHANNELS.books, OKX_CHANNELS.trades, OKX_CHANNELS.bestBidOffer].map((channel) => ({ channel, instId: instrument.native })),
    );
    plans.push({
      name: `okx:public:${plans.length}`,
      path: OKX_URLS.publicWebSocketPath,
      instrumentIds: group.map((instrument) => instrument.numericId),
      subscribeFrames: subscriptionFrames('subscribe', channelArguments),
    });
  }
  return plans;
}

/** Unsubscribe then subscribe the instrument's books: OKX then pushes a fresh snapshot. */
export function okxBookResubscribeFrames(instrument: Instrument): string[] {
  const channelArguments = [{ channel: OKX_CHANNELS.books, instId: instrument.native }];
  return [...subscriptionFrames('unsubscribe', channelArguments), ...subscriptionFrames('subscribe', channelArguments)];
}

/** `{"op":...,"args":[...]}` frames, as few as the frame length limit allows. */
export function subscriptionFrames(operation: OkxSubscriptionRequest['op'], channelArguments: readonly OkxChannelArgument[]): string[] {
  const frames: string[] = [];
  let batch: OkxChannelArgument[] = [];
  for (const channelArgument of channelArguments) {
    const candidate = [...batch, channelArgument];
    if (batch.length > 0 && frameOf(operation, candidate).length > OKX_MAX_SUBSCRIBE_FRAME_BYTES) {
      frames.push(frameOf(operation, batch));
      batch = [channelArgument];
    } else {
      batch = candidate;
    }
  }
  if (batch.length > 0) frames.push(frameOf(operation, batch));
  return frames;
}

function frameOf(operation: OkxSubscriptionRequest['op'], channelArguments: OkxChannelArgument[]): string {
  const request: OkxSubscriptionRequest = { op: operation, args: channelArguments };
  return JSON.stringify(request);
}
