// FeedHub counters (only grow) and gauges, read as a plain FeedHubStats object for /metrics, logs and tests.

export interface FeedHubStats {
  /** Open connections now. */
  connections: number;
  /** Connections conflated now (no deltas until they drain). */
  conflatedConnections: number;
  connectionsOpened: number;
  connectionsClosed: number;
  /** Topic messages encoded (once each, whatever the number of subscribers). */
  messagesPublished: number;
  /** Messages handed to sockets (every kind, per connection). */
  messagesSent: number;
  bytesSent: number;
  /** Snapshots sent to one connection (subscribe, request, conflation); source snapshots count as published messages. */
  snapshotsSent: number;
  heartbeatsSent: number;
  /** Topic messages not sent to a conflated connection. */
  messagesSkipped: number;
  /** Times a connection passed the soft limit and was conflated. */
  conflations: number;
  /** Times a conflated connection drained and was caught up with snapshots. */
  resumes: number;
  /** Connections closed for being too slow (hard limit, or conflated longer than maxSlowMs). */
  slowConsumerDrops: number;
  /** Sends uWS refused (buffered bytes beyond maxBackpressure). */
  sendsRefused: number;
  controlRequests: number;
  /** FeedError messages sent. */
  controlErrors: number;
  snapshotRequests: number;
}

export class FeedHubCounters {
  connectionsOpened = 0;
  connectionsClosed = 0;
  messagesPublished = 0;
  messagesSent = 0;
  bytesSent = 0;
  snapshotsSent = 0;
  heartbeatsSent = 0;
  messagesSkipped = 0;
  conflations = 0;
  resumes = 0;
  slowConsumerDrops = 0;
  sendsRefused = 0;
  controlRequests = 0;
  controlErrors = 0;
  snapshotRequests = 0;

  read(connections: number, conflatedConnections: number): FeedHubStats {
    return {
      connections,
      conflatedConnections,
      connectionsOpened: this.connectionsOpened,
      connectionsClosed: this.connectionsClosed,
      messagesPublished: this.messagesPublished,
      messagesSent: this.messagesSent,
      bytesSent: this.bytesSent,
      snapshotsSent: this.snapshotsSent,
      heartbeatsSent: this.heartbeatsSent,
      messagesSkipped: this.messagesSkipped,
      conflations: this.conflations,
      resumes: this.resumes,
      slowConsumerDrops: this.slowConsumerDrops,
      sendsRefused: this.sendsRefused,
      controlRequests: this.controlRequests,
      controlErrors: this.controlErrors,
      snapshotRequests: this.snapshotRequests,
    };
  }
}
