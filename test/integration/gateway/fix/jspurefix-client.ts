// A jspurefix 5 FIX 4.4 initiator for the acceptor tests: signs its Logon, records every message it receives, and sends what a test asks.
import './reflect-polyfill.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  AsciiSession,
  AsciiSessionMsgFactory,
  EmptyLogFactory,
  SessionLauncher,
  type EngineFactory,
  type IJsFixConfig,
  type ILooseObject,
  type ISessionDescription,
  type ISessionMsgFactory,
  type ObjectMutator,
} from 'jspurefix';
import { logonSignature } from '../../../../src/gateway/fix/fix-logon-signature.js';
import { formatUtcTimestamp } from '../../../../src/gateway/fix/fix-time.js';

/** One message the client received, as the wire had it (tag → value; the first occurrence of a repeated tag). */
export interface ReceivedMessage {
  readonly msgType: string;
  readonly fields: ReadonlyMap<number, string>;
  readonly text: string;
}

export interface JspurefixClientOptions {
  readonly port: number;
  readonly senderCompId: string;
  readonly apiKey: string;
  /** Signs the Logon; a wrong one makes a bad signature. */
  readonly secret: string;
  readonly targetCompId?: string;
  readonly resetSeqNum: boolean;
  /** jspurefix's own file store (its sequence numbers survive a reconnect). */
  readonly storeDirectory: string;
  readonly heartBtIntSeconds?: number;
}

const requireFromHere = createRequire(import.meta.url);

/**
 * jspurefix's FIX44.xml with ContingencyType (1385) declared on NewOrderList, the FIX 5.0 tag
 * Binance's FIX 4.4 order entry takes for OCO lists (the encoder drops undeclared fields).
 * Written once per directory; returns its absolute path.
 */
export function writeTestDictionary(directory: string): string {
  const source = join(dirname(requireFromHere.resolve('jspurefix/package.json')), 'data', 'FIX44.xml');
  let xml = readFileSync(source, 'utf8');
  const listOrder = "<message name='NewOrderList' msgcat='app' msgtype='E'>";
  const at = xml.indexOf(listOrder);
  const totNoOrders = xml.indexOf("<field name='TotNoOrders' required='Y' />", at);
  if (at < 0 || totNoOrders < 0) throw new Error('FIX44.xml changed: NewOrderList not found');
  xml = `${xml.slice(0, totNoOrders)}<field name='ContingencyType' required='N' />\n   ${xml.slice(totNoOrders)}`;
  xml = xml.replace(' </fields>', "  <field number='1385' name='ContingencyType' type='INT' />\n </fields>");
  mkdirSync(directory, { recursive: true });
  const path = join(directory, 'FIX44-ZVT.xml');
  writeFileSync(path, xml);
  return path;
}

/**
 * The stock Logon plus RawData(96) = base64 HMAC-SHA256 over SendingTime, MsgType, MsgSeqNum,
 * SenderCompID, TargetCompID. Only header() knows the MsgSeqNum and SendingTime, and it runs
 * before the body is encoded, so logon() hands the encoder a 44-byte buffer that header() fills.
 */
function signingFactory(secret: string): new (description: ISessionDescription, mutator: ObjectMutator | null) => ISessionMsgFactory {
  return class SigningSessionMsgFactory extends AsciiSessionMsgFactory {
    private rawData: Buffer | null = null;

    override logon(): ILooseObject {
      this.rawData = Buffer.alloc(44, 0x20);
      // RawDataLength given explicitly: when jspurefix 5.11.4 writes it itself it ends it with '|' instead of SOH.
      return { ...super.logon(), RawDataLength: this.rawData.length, RawData: this.rawData };
    }

    override header(msgType: string, seqNum: number, time: Date, overrideData?: Record<string, unknown>): ILooseObject {
      const header = super.header(msgType, seqNum, time, overrideData);
      if (msgType === 'A' && this.rawData !== null) {
        const signature = logonSignature(secret, {
          sendingTime: formatUtcTimestamp(time.getTime()),
          msgType,
          msgSeqNum: String(seqNum),
          senderCompId: this.description.SenderCompId,
          targetCompId: this.description.TargetCompID,
        });
        this.rawData.write(signature, 'latin1');
        this.rawData = null;
      }
      return header;
    }
  };
}

class RecordingSession extends AsciiSession {
  constructor(
    config: IJsFixConfig,
    private readonly client: JspurefixClient,
  ) {
    super(config);
  }

  sendMessage(msgType: string, body: ILooseObject): void {
    this.send(msgType, body);
  }

  protected onApplicationMsg(): void {
    // Recorded from the decoded text (onDecoded), which every message passes through.
  }

  protected onReady(): void {
    this.client.onReady();
  }

  protected onStopped(error?: Error): void {
    this.client.onStopped(error);
  }

  protected onLogon(): boolean {
    return true;
  }

  protected onDecoded(_msgType: string, text: string): void {
    this.client.onReceived(text);
  }

  protected onEncoded(): void {
    // Nothing: tests look at what the acceptor answers.
  }
}

export class JspurefixClient {
  readonly received: ReceivedMessage[] = [];
  private session: RecordingSession | null = null;
  private readyResolve!: () => void;
  private endedResolve!: (error: Error | undefined) => void;
  /** Resolves once logged on. */
  readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  /** Resolves when the session ends (logout, refusal, dropped connection), with the error if any. */
  readonly ended = new Promise<Error | undefined>((resolve) => (this.endedResolve = resolve));
  private launcher: SessionLauncher | null = null;

  private constructor(readonly options: JspurefixClientOptions) {}

  /** Connects and sends the Logon; await `ready` or `ended` to learn how it went. */
  static start(options: JspurefixClientOptions, dictionaryPath: string): JspurefixClient {
    const client = new JspurefixClient(options);
    const description = {
      application: {
        type: 'initiator',
        name: options.senderCompId,
        reconnectSeconds: 1,
        tcp: { host: '127.0.0.1', port: options.port },
        protocol: 'ascii',
        dictionary: dictionaryPath,
      },
      Username: options.apiKey,
      ResetSeqNumFlag: options.resetSeqNum,
      HeartBtInt: options.heartBtIntSeconds ?? 30,
      SenderCompId: options.senderCompId,
      TargetCompID: options.targetCompId ?? 'ZVT',
      BeginString: 'FIX.4.4',
      store: { type: 'file', directory: options.storeDirectory },
    } as unknown as ISessionDescription;
    const Factory = signingFactory(options.secret);
    class Launcher extends SessionLauncher {
      constructor() {
        super(description, null, new EmptyLogFactory());
      }

      protected override makeSessionMsgFactory(sessionDescription: ISessionDescription): ISessionMsgFactory {
        return new Factory(sessionDescription, null);
      }

      protected override makeFactory(): EngineFactory {
        return {
          makeSession: (config: IJsFixConfig) => {
            client.session = new RecordingSession(config, client);
            return client.session;
          },
        };
      }
    }
    client.launcher = new Launcher();
    client.launcher.run().catch((error: unknown) => client.onStopped(error instanceof Error ? error : new Error(String(error))));
    return client;
  }

  send(msgType: string, body: ILooseObject): void {
    if (this.session === null) throw new Error('not connected');
    this.session.sendMessage(msgType, body);
  }

  /** Logout handshake, then the session ends. */
  async logout(): Promise<void> {
    this.session?.done();
    await this.ended;
  }

  /** Drops the connection without a Logout (a network failure as the acceptor sees it). */
  async drop(): Promise<void> {
    this.session?.requestStop('test drops the connection');
    await this.ended;
  }

  /** The first received message (from index `from`) that matches, waiting up to `timeoutMs`. */
  async waitFor(predicate: (message: ReceivedMessage) => boolean, timeoutMs = 5_000, from = 0): Promise<ReceivedMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out; received: ${this.received.map((message) => message.text).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  onReady(): void {
    this.readyResolve();
  }

  onStopped(error?: Error): void {
    this.endedResolve(error);
  }

  onReceived(text: string): void {
    const fields = new Map<number, string>();
    for (const part of text.replaceAll('\x01', '|').split('|')) {
      const equals = part.indexOf('=');
      if (equals <= 0) continue;
      const tag = Number(part.slice(0, equals));
      if (!fields.has(tag)) fields.set(tag, part.slice(equals + 1));
    }
    this.received.push({ msgType: fields.get(35) ?? '', fields, text });
  }
}
