// A bare TCP FIX client for malformed-input tests: writes exactly the bytes a test builds, reads back whole messages.
import { connect, type Socket } from 'node:net';
import { checksumText, fixChecksum } from '../../../../src/gateway/fix/fix-checksum.js';
import { encodeFixMessage } from '../../../../src/gateway/fix/fix-encoder.js';
import { FixFrameReader } from '../../../../src/gateway/fix/fix-frame-reader.js';
import { logonSignature } from '../../../../src/gateway/fix/fix-logon-signature.js';
import { parseFixMessage } from '../../../../src/gateway/fix/fix-parse.js';
import type { FixMessage } from '../../../../src/gateway/fix/fix-message.js';
import { formatUtcTimestamp } from '../../../../src/gateway/fix/fix-time.js';

export interface RawMessageOptions {
  readonly seq: number;
  readonly sendingTimeMs?: number;
  readonly senderCompId?: string;
  readonly targetCompId?: string;
  /** Resend marking: PossDupFlag=Y and this OrigSendingTime. */
  readonly origSendingTime?: string;
}

export class RawFixClient {
  readonly received: FixMessage[] = [];
  private readonly reader = new FixFrameReader(1 << 20);
  readonly closed: Promise<void>;
  private isClosed = false;

  private constructor(
    private readonly socket: Socket,
    readonly senderCompId: string,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.reader.push(chunk);
      for (let event = this.reader.next(); event !== null; event = this.reader.next()) {
        if (event.kind !== 'frame') throw new Error(`acceptor sent a bad frame: ${event.kind}`);
        const parsed = parseFixMessage(event.bytes);
        if (!parsed.ok) throw new Error(`acceptor sent an unparsable message: ${parsed.problem.text}`);
        this.received.push(parsed.message);
      }
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.on('close', () => {
      this.isClosed = true;
      resolve();
    }));
  }

  static async connect(port: number, senderCompId: string): Promise<RawFixClient> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawFixClient(socket, senderCompId);
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  /** A whole message, header and trailer computed; `body` is `tag=value␁...`. */
  message(msgType: string, body: string, options: RawMessageOptions): Buffer {
    return encodeFixMessage(
      {
        msgType,
        senderCompId: options.senderCompId ?? this.senderCompId,
        targetCompId: options.targetCompId ?? 'ZVT',
        msgSeqNum: options.seq,
        sendingTime: formatUtcTimestamp(options.sendingTimeMs ?? Date.now()),
        origSendingTime: options.origSendingTime,
      },
      body,
    );
  }

  /** A signed Logon (ResetSeqNumFlag=Y unless told otherwise). */
  logonMessage(apiKey: string, secret: string, options: { seq?: number; heartBtInt?: number; reset?: boolean; sendingTimeMs?: number } = {}): Buffer {
    const seq = options.seq ?? 1;
    const sendingTime = formatUtcTimestamp(options.sendingTimeMs ?? Date.now());
    const signature = logonSignature(secret, { sendingTime, msgType: 'A', msgSeqNum: String(seq), senderCompId: this.senderCompId, targetCompId: 'ZVT' });
    const reset = options.reset ?? true;
    const body = `98=0\x01108=${options.heartBtInt ?? 30}\x0195=${signature.length}\x0196=${signature}\x01${reset ? '141=Y\x01' : ''}553=${apiKey}\x01`;
    return encodeFixMessage({ msgType: 'A', senderCompId: this.senderCompId, targetCompId: 'ZVT', msgSeqNum: seq, sendingTime }, body);
  }

  /** Re-frames a message under another BeginString: BodyLength and CheckSum recomputed, so only the version is wrong. */
  static withBeginString(message: Buffer, beginString: string): Buffer {
    const text = message.toString('latin1');
    const rest = text.slice(text.indexOf('\x0135=') + 1, text.lastIndexOf('10='));
    const head = `8=${beginString}\x019=${rest.length}\x01`;
    const bytes = Buffer.from(head + rest, 'latin1');
    return Buffer.concat([bytes, Buffer.from(`10=${checksumText(fixChecksum(bytes, 0, bytes.length))}\x01`, 'latin1')]);
  }

  write(bytes: Buffer | string): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Writes `bytes` one byte per write (each its own TCP segment as far as Node is concerned). */
  async writeByteByByte(bytes: Buffer): Promise<void> {
    for (const byte of bytes) {
      this.socket.write(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async next(predicate: (message: FixMessage) => boolean, timeoutMs = 5_000): Promise<FixMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out; received ${this.received.map((message) => message.msgType).join(',')}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
