// One TCP connection of the acceptor: frames its bytes, hands the first message to the Logon check and the rest to its session, and never lets one message crash the server.
import type { Socket } from 'node:net';
import { encodeFixMessage, FixBody } from './fix-encoder.js';
import { FixFrameReader, type FixFrameEvent } from './fix-frame-reader.js';
import { parseFixMessage, type FixParseResult } from './fix-parse.js';
import type { FixSession, FixSessionLink } from './fix-session.js';
import { MSG_TYPE, TAG } from './fix-tags.js';
import { formatUtcTimestamp } from './fix-time.js';

/** What a connection needs from the acceptor. */
export interface FixConnectionHost {
  readonly compId: string;
  readonly maxMessageBytes: number;
  readonly maxBufferedBytes: number;
  readonly clock: () => number;
  /** The first whole message of the connection (it must be a valid Logon). */
  onFirstMessage(connection: FixConnection, parsed: FixParseResult): void;
  onGarbled(connection: FixConnection, event: Extract<FixFrameEvent, { kind: 'garbled' }>): void;
  onFatalFrame(connection: FixConnection, text: string): void;
  onSlowConsumer(connection: FixConnection): void;
  onInternalError(connection: FixConnection, error: unknown): void;
  onClosed(connection: FixConnection): void;
}

/** After end(), a peer that does not close its side is cut off after this long. */
const CLOSE_GRACE_MS = 1_000;

export class FixConnection {
  readonly openedMs: number;
  readonly remoteAddress: string;
  private readonly reader: FixFrameReader;
  private attached: FixSession | null = null;
  private closing = false;
  readonly link: FixSessionLink;

  constructor(
    private readonly socket: Socket,
    private readonly host: FixConnectionHost,
  ) {
    this.openedMs = host.clock();
    this.remoteAddress = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    this.reader = new FixFrameReader(host.maxMessageBytes);
    this.link = { write: (bytes) => this.write(bytes), close: () => this.close() };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // A reset or broken pipe is an ordinary way for a client to leave; 'close' follows and cleans up.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closing = true;
      this.attached?.linkLost(this.link);
      this.host.onClosed(this);
    });
  }

  get session(): FixSession | null {
    return this.attached;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  attach(session: FixSession): void {
    this.attached = session;
  }

  /** Refuses a connection without a session: Logout (MsgSeqNum 1, not stored) with the reason, then close. */
  refuse(text: string, targetCompId: string | null): void {
    if (targetCompId !== null && !this.closing) {
      const now = this.host.clock();
      const header = { msgType: MSG_TYPE.Logout, senderCompId: this.host.compId, targetCompId, msgSeqNum: 1, sendingTime: formatUtcTimestamp(now) };
      this.write(encodeFixMessage(header, new FixBody().field(TAG.Text, text).toString()));
    }
    this.close();
  }

  /** Ends the connection after what was written has gone out. */
  close(): void {
    if (this.closing) return;
    this.closing = true;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.closing = true;
    this.socket.destroy();
  }

  private write(bytes: Buffer): void {
    if (this.socket.destroyed) return;
    this.socket.write(bytes);
    // A client that does not read must not make us hold its messages without bound: they stay in the store for a resend.
    if (this.socket.writableLength > this.host.maxBufferedBytes) {
      this.host.onSlowConsumer(this);
      this.destroy();
    }
  }

  private onData(chunk: Buffer): void {
    this.reader.push(chunk);
    while (!this.closing) {
      const event = this.reader.next();
      if (event === null) return;
      try {
        this.handle(event);
      } catch (error) {
        this.host.onInternalError(this, error);
        if (this.attached !== null) this.attached.terminate('Internal error');
        else this.close();
        return;
      }
    }
  }

  private handle(event: FixFrameEvent): void {
    switch (event.kind) {
      case 'frame': {
        const parsed = parseFixMessage(event.bytes);
        const session = this.attached;
        if (session === null) return this.host.onFirstMessage(this, parsed);
        return parsed.ok ? session.receive(parsed.message) : session.receiveProblem(parsed.problem);
      }
      case 'garbled':
        return this.host.onGarbled(this, event);
      case 'oversized':
        return this.fatal(`Message too large: BodyLength ${event.bodyLength} exceeds ${this.host.maxMessageBytes}`);
      case 'wrong_begin_string':
        return this.fatal(`BeginString ${event.beginString} is not supported; this acceptor speaks FIX.4.4`);
    }
  }

  private fatal(text: string): void {
    this.host.onFatalFrame(this, text);
    if (this.attached !== null) this.attached.terminate(text);
    else this.close();
  }
}
