// The instrument board's state: per venue instrument its status, BBO and last update time; per canonical the consolidated BBO and which venues hold each side.
import type { DecodedFeedMessage, FeedLevel, StatusName } from '../../feed/feed-decoder.js';

export interface InstrumentInfo {
  readonly instrument: string;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
}

export interface VenueQuote {
  readonly instrument: string;
  readonly venue: string;
  readonly canonical: string;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  status: StatusName;
  /** null: no quote on that side (the feed's size 0), or no BBO yet. */
  bid: FeedLevel | null;
  ask: FeedLevel | null;
  /** Page clock (ms) when a message of this instrument last arrived; null before the first. */
  lastUpdateMs: number | null;
}

export interface ConsolidatedQuote {
  readonly instrument: string;
  readonly canonical: string;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  bid: FeedLevel | null;
  ask: FeedLevel | null;
  lastUpdateMs: number | null;
}

export interface CanonicalGroup {
  readonly canonical: string;
  readonly consolidated: ConsolidatedQuote | null;
  readonly venues: readonly VenueQuote[];
  /** Venue instruments whose own best bid (ask) is at the consolidated best bid (ask) price. */
  readonly bidHolders: readonly string[];
  readonly askHolders: readonly string[];
}

/** Splits `<venue>:<canonical>`; the consolidated view's venue is `all`. */
export function splitInstrument(instrument: string): { venue: string; canonical: string } {
  const colon = instrument.indexOf(':');
  return { venue: instrument.slice(0, colon), canonical: instrument.slice(colon + 1) };
}

export class MarketBoard {
  private readonly venues = new Map<string, VenueQuote>();
  private readonly consolidated = new Map<string, ConsolidatedQuote>();

  /** Replaces the instrument list (the feed's Instruments answer); known state of instruments still listed is kept. */
  setInstruments(list: readonly InstrumentInfo[]): void {
    const venues = new Map<string, VenueQuote>();
    const consolidated = new Map<string, ConsolidatedQuote>();
    for (const info of list) {
      const { venue, canonical } = splitInstrument(info.instrument);
      if (venue === 'all') {
        consolidated.set(info.instrument, this.consolidated.get(info.instrument) ?? { ...info, canonical, bid: null, ask: null, lastUpdateMs: null });
      } else {
        venues.set(info.instrument, this.venues.get(info.instrument) ?? { ...info, venue, canonical, status: 'unknown', bid: null, ask: null, lastUpdateMs: null });
      }
    }
    this.replace(this.venues, venues);
    this.replace(this.consolidated, consolidated);
  }

  instrument(instrument: string): InstrumentInfo | undefined {
    return this.venues.get(instrument) ?? this.consolidated.get(instrument);
  }

  venueInstruments(): VenueQuote[] {
    return [...this.venues.values()];
  }

  consolidatedInstruments(): ConsolidatedQuote[] {
    return [...this.consolidated.values()];
  }

  /** Applies one topic message (`kind.instrument`); returns true when the board changed. */
  onMessage(topic: string, message: DecodedFeedMessage, nowMs: number): boolean {
    const dot = topic.indexOf('.');
    const instrument = topic.slice(dot + 1);
    const quote = this.venues.get(instrument) ?? this.consolidated.get(instrument);
    if (quote === undefined) return false;
    switch (message.type) {
      case 'bbo':
        quote.bid = message.bid.size === 0n ? null : message.bid;
        quote.ask = message.ask.size === 0n ? null : message.ask;
        break;
      case 'status':
        if ('status' in quote) quote.status = message.status;
        break;
      case 'snapshot':
      case 'delta':
      case 'trade':
        break;
      default:
        return false;
    }
    quote.lastUpdateMs = nowMs;
    return true;
  }

  /** Canonicals in name order, each with its consolidated quote and venue quotes (venue order). */
  groups(): CanonicalGroup[] {
    const canonicals = new Set<string>();
    for (const quote of this.venues.values()) canonicals.add(quote.canonical);
    for (const quote of this.consolidated.values()) canonicals.add(quote.canonical);
    return [...canonicals].sort().map((canonical) => {
      const consolidated = this.consolidated.get(`all:${canonical}`) ?? null;
      const venues = [...this.venues.values()].filter((quote) => quote.canonical === canonical).sort((left, right) => left.venue.localeCompare(right.venue));
      const holders = (side: 'bid' | 'ask'): string[] => {
        const best = consolidated?.[side] ?? null;
        if (consolidated === null || best === null) return [];
        return venues.filter((quote) => samePrice(quote[side]?.price ?? null, quote.priceDecimals, best.price, consolidated.priceDecimals)).map((quote) => quote.instrument);
      };
      return { canonical, consolidated, venues, bidHolders: holders('bid'), askHolders: holders('ask') };
    });
  }

  private replace<V>(target: Map<string, V>, source: Map<string, V>): void {
    target.clear();
    for (const [key, value] of source) target.set(key, value);
  }
}

/** Equal prices at possibly different scales (the engine fixes one scale per canonical, but the page does not rely on it). */
export function samePrice(left: bigint | null, leftDecimals: number, right: bigint, rightDecimals: number): boolean {
  if (left === null) return false;
  const scale = Math.max(leftDecimals, rightDecimals);
  return left * 10n ** BigInt(scale - leftDecimals) === right * 10n ** BigInt(scale - rightDecimals);
}
