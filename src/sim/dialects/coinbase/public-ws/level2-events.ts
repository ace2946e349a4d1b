// `l2_data` events: a product's whole book on subscribe, then its changed levels, as Coinbase writes them.
import type { SimBookSnapshot, SimBookUpdate } from '../../../exchange/sim-exchange-contract.js';
import type { SimInstrument, SimLevel } from '../../../market/sim-market-types.js';
import { priceText, sizeText } from '../../../market/sim-instrument.js';
import { goRfc3339 } from '../wire/go-time.js';

/*
 * Shapes from https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/websocket/level2 and
 * the recorded session: {"type":"snapshot"|"update","product_id":..,"updates":[{"side":"bid"|"offer",
 * "event_time":..,"price_level":..,"new_quantity":..}]}. The snapshot lists every level, bids best
 * first then offers best first, all with the snapshot's time; new_quantity is the level's new size
 * ("0" removes it), never a delta.
 */

interface Level2Row {
  side: 'bid' | 'offer';
  event_time: string;
  price_level: string;
  new_quantity: string;
}

/** The JSON of one snapshot event. */
export function level2SnapshotEvent(instrument: SimInstrument, snapshot: SimBookSnapshot): string {
  const eventTime = goRfc3339(snapshot.tsMs);
  const updates: Level2Row[] = [];
  pushLevels(updates, 'bid', snapshot.bids, instrument, eventTime);
  pushLevels(updates, 'offer', snapshot.asks, instrument, eventTime);
  return JSON.stringify({ type: 'snapshot', product_id: snapshot.native, updates });
}

/** The JSON of one update event (the changes of one SimBookUpdate, in its order). */
export function level2UpdateEvent(instrument: SimInstrument, update: SimBookUpdate): string {
  const eventTime = goRfc3339(update.tsMs);
  const updates: Level2Row[] = update.changes.map((change) => ({
    side: change.side === 'bid' ? 'bid' : 'offer',
    event_time: eventTime,
    price_level: priceText(instrument, change.priceTicks),
    new_quantity: sizeText(instrument, change.sizeLots),
  }));
  return JSON.stringify({ type: 'update', product_id: update.native, updates });
}

function pushLevels(out: Level2Row[], side: 'bid' | 'offer', levels: readonly SimLevel[], instrument: SimInstrument, eventTime: string): void {
  for (const level of levels) {
    out.push({ side, event_time: eventTime, price_level: priceText(instrument, level.priceTicks), new_quantity: sizeText(instrument, level.sizeLots) });
  }
}
