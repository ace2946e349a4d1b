// FIX 4.4 tag numbers, message types and enumerated values the acceptor reads or writes (names as in the FIX 4.4 specification).

export const FIX_BEGIN_STRING = 'FIX.4.4';
/** The field delimiter, SOH (0x01). */
export const SOH = '\x01';
export const SOH_BYTE = 0x01;

/** Tag numbers by their FIX 4.4 field names. */
export const TAG = Object.freeze({
  Account: 1,
  AvgPx: 6,
  BeginSeqNo: 7,
  BeginString: 8,
  BodyLength: 9,
  CheckSum: 10,
  ClOrdID: 11,
  Commission: 12,
  CommType: 13,
  CumQty: 14,
  EndSeqNo: 16,
  ExecID: 17,
  ExecInst: 18,
  LastPx: 31,
  LastQty: 32,
  MsgSeqNum: 34,
  MsgType: 35,
  NewSeqNo: 36,
  OrderID: 37,
  OrderQty: 38,
  OrdStatus: 39,
  OrdType: 40,
  OrigClOrdID: 41,
  PossDupFlag: 43,
  Price: 44,
  RefSeqNum: 45,
  SenderCompID: 49,
  SendingTime: 52,
  Side: 54,
  Symbol: 55,
  TargetCompID: 56,
  Text: 58,
  TimeInForce: 59,
  TransactTime: 60,
  ListID: 66,
  ListSeqNo: 67,
  TotNoOrders: 68,
  NoOrders: 73,
  SecureDataLen: 90,
  SecureData: 91,
  SignatureLength: 93,
  RawDataLength: 95,
  RawData: 96,
  PossResend: 97,
  EncryptMethod: 98,
  CxlRejReason: 102,
  OrdRejReason: 103,
  HeartBtInt: 108,
  TestReqID: 112,
  OrigSendingTime: 122,
  GapFillFlag: 123,
  ResetSeqNumFlag: 141,
  ExecType: 150,
  LeavesQty: 151,
  RefTagID: 371,
  RefMsgType: 372,
  SessionRejectReason: 373,
  BusinessRejectRefID: 379,
  BusinessRejectReason: 380,
  BidType: 394,
  CxlRejResponseTo: 434,
  CommCurrency: 479,
  Username: 553,
  Password: 554,
  NextExpectedMsgSeqNum: 789,
  OrdStatusReqID: 790,
  /** FIX 5.0 tag that Binance's FIX 4.4 order entry also takes on NewOrderList (1 = OCO). */
  ContingencyType: 1385,
});

/** Message types (tag 35) the acceptor handles or sends. */
export const MSG_TYPE = Object.freeze({
  Heartbeat: '0',
  TestRequest: '1',
  ResendRequest: '2',
  Reject: '3',
  SequenceReset: '4',
  Logout: '5',
  ExecutionReport: '8',
  OrderCancelReject: '9',
  Logon: 'A',
  NewOrderSingle: 'D',
  NewOrderList: 'E',
  OrderCancelRequest: 'F',
  OrderCancelReplaceRequest: 'G',
  OrderStatusRequest: 'H',
  BusinessMessageReject: 'j',
});

/** Session-level (administrative) message types: never resent, replaced by SequenceReset-GapFill. */
export const ADMIN_MSG_TYPES: ReadonlySet<string> = new Set(['0', '1', '2', '3', '4', '5', 'A']);

/** Every MsgType FIX 4.4 defines: a valid one we do not handle gets BusinessMessageReject, any other value Reject reason 11. */
export const FIX44_MSG_TYPES: ReadonlySet<string> = new Set(
  (
    '0 1 2 3 4 5 6 7 8 9 A B C D E F G H J K L M N P Q R S T V W X Y Z a b c d e f g h i j k l m n o p q r s t u v w x y z ' +
    'AA AB AC AD AE AF AG AH AI AJ AK AL AM AN AO AP AQ AR AS AT AU AV AW AX AY AZ BA BB BC BD BE BF BG BH'
  ).split(' '),
);

/** SessionRejectReason (373) values of FIX 4.4. */
export const SESSION_REJECT_REASON = Object.freeze({
  InvalidTagNumber: 0,
  RequiredTagMissing: 1,
  TagNotDefinedForThisMessageType: 2,
  UndefinedTag: 3,
  TagSpecifiedWithoutAValue: 4,
  ValueIsIncorrect: 5,
  IncorrectDataFormatForValue: 6,
  DecryptionProblem: 7,
  SignatureProblem: 8,
  CompIdProblem: 9,
  SendingTimeAccuracyProblem: 10,
  InvalidMsgType: 11,
  XmlValidationError: 12,
  TagAppearsMoreThanOnce: 13,
  TagSpecifiedOutOfRequiredOrder: 14,
  RepeatingGroupFieldsOutOfOrder: 15,
  IncorrectNumInGroupCountForRepeatingGroup: 16,
  NonDataValueIncludesFieldDelimiter: 17,
  Other: 99,
});

/** BusinessRejectReason (380) values used here. */
export const BUSINESS_REJECT_REASON = Object.freeze({
  Other: 0,
  UnsupportedMessageType: 3,
  ApplicationNotAvailable: 4,
});

/**
 * Data fields: the value of the second tag is `length` bytes given by the first tag and may
 * contain SOH, so the parser takes it by length instead of scanning for the delimiter.
 */
export const DATA_FIELD_LENGTH_TAGS: ReadonlyMap<number, number> = new Map([
  [90, 91], // SecureDataLen → SecureData
  [93, 89], // SignatureLength → Signature
  [95, 96], // RawDataLength → RawData
  [212, 213], // XmlDataLen → XmlData
  [348, 349], // EncodedIssuerLen → EncodedIssuer
  [350, 351], // EncodedSecurityDescLen → EncodedSecurityDesc
  [352, 353], // EncodedListExecInstLen → EncodedListExecInst
  [354, 355], // EncodedTextLen → EncodedText
  [356, 357], // EncodedSubjectLen → EncodedSubject
  [358, 359], // EncodedHeadlineLen → EncodedHeadline
  [360, 361], // EncodedAllocTextLen → EncodedAllocText
  [362, 363], // EncodedUnderlyingIssuerLen → EncodedUnderlyingIssuer
  [364, 365], // EncodedUnderlyingSecurityDescLen → EncodedUnderlyingSecurityDesc
  [445, 446], // EncodedListStatusTextLen → EncodedListStatusText
]);
