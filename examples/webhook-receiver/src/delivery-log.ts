/**
 * Remembers which deliveries were already handled. OpenTrain reuses a delivery's `X-OpenTrain-Delivery` id on every
 * retry, so a retry after a lost 200 is recognised here. With several receiver instances, back this with a shared
 * store (a unique key in your database, or Redis `SET NX` with an expiry).
 */
export interface DeliveryLog {
  /** Records the id; true the first time it is seen, false for a repeat. */
  remember(deliveryId: string): boolean | Promise<boolean>;
}

/** An in-memory log of the most recent ids; retries arrive within hours, so old ids can be forgotten. */
export class MemoryDeliveryLog implements DeliveryLog {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  remember(deliveryId: string): boolean {
    if (this.ids.has(deliveryId)) return false;
    this.ids.add(deliveryId);
    // A Set iterates in insertion order, so the first id is the oldest.
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
