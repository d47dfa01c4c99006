import type { Transport } from '../core/transport.js';

/** The base of every namespace (`jobs`, `proposals`, ...): each of its methods is one call through the transport. */
export abstract class APIResource {
  protected readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }
}
