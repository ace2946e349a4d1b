// One connection's subscriptions (channel → products) and the `subscriptions` message that reports them.

/*
 * After every subscribe and unsubscribe Coinbase sends the connection's whole subscription list:
 * {"subscriptions":{"heartbeats":["heartbeats"],"level2":["BTC-USD","ETH-USD"],...}} (recorded;
 * channels in name order, heartbeats listed under its own name; an unsubscribed channel left out).
 */

/** Channels subscribed without products, listed under their own name. */
const PRODUCTLESS_CHANNELS: ReadonlySet<string> = new Set(['heartbeats']);

export class SubscriptionSet {
  private readonly channels = new Map<string, Set<string>>();

  has(channel: string, productId: string): boolean {
    return this.channels.get(channel)?.has(productId) ?? false;
  }

  /** Subscribed to `channel` at all (the `user` channel may be subscribed for every product, with none listed). */
  hasChannel(channel: string): boolean {
    return this.channels.has(channel);
  }

  products(channel: string): readonly string[] {
    return [...(this.channels.get(channel) ?? [])];
  }

  add(channel: string, productIds: readonly string[]): void {
    let products = this.channels.get(channel);
    if (products === undefined) {
      products = new Set();
      this.channels.set(channel, products);
    }
    if (PRODUCTLESS_CHANNELS.has(channel)) products.add(channel);
    else for (const productId of productIds) products.add(productId);
  }

  /**
   * Removes the products; no products (or a productless channel) removes the channel. A product not
   * subscribed is ignored; a channel left without products is gone.
   */
  remove(channel: string, productIds: readonly string[]): void {
    const products = this.channels.get(channel);
    if (products === undefined) return;
    if (PRODUCTLESS_CHANNELS.has(channel) || productIds.length === 0) products.clear();
    else for (const productId of productIds) products.delete(productId);
    if (products.size === 0) this.channels.delete(channel);
  }

  /** The JSON of the `subscriptions` event. */
  event(): string {
    const subscriptions: Record<string, string[]> = {};
    for (const channel of [...this.channels.keys()].sort()) subscriptions[channel] = [...this.channels.get(channel)!];
    return JSON.stringify({ subscriptions });
  }
}
