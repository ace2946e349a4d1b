// Real FIX 4.4 messages for codec tests: a FIXSIM demo session and a jspurefix test session as logged ('|' for SOH), checksums as sent.

/** Lines of jspurefix 5.11.4's data/examples/FIX.4.4 logs (a FIXSIM demo session; a trade-capture test session). */
export const CAPTURED_MESSAGES: readonly string[] = [
  '8=FIX.4.4|9=0000095|35=A|49=sjames8888@gmail_com|56=FIXSIMDEMO|34=1|57=|52=20241013-14:03:55.006|98=0|108=30|141=Y|10=000|',
  '8=FIX.4.4|9=95|35=0|34=1|49=FIXSIMDEMO|52=20241013-14:04:31.878|56=sjames8888@gmail_com|112=0.824042533442398|10=088|',
  '8=FIX.4.4|9=0000111|35=0|49=sjames8888@gmail_com|56=FIXSIMDEMO|34=2|57=|52=20241013-14:04:32.430|112=heartbeat-10/13/2024 14:04:32|10=248|',
  '8=FIX.4.4|9=151|35=6|34=2|49=FIXSIMDEMO|52=20241013-14:06:17.412|56=sjames8888@gmail_com|15=GBP|22=5|23=566638644251319700000|27=100|28=N|44=40|48=VOD.L|54=1|55=VOD.L|10=156|',
  '8=FIX.4.4|9=0000117|35=A|49=init-comp|56=accept-comp|34=1|57=fix|52=20221003-23:10:22.271|98=0|108=30|141=Y|553=js-client|554=pwd-client|10=014|',
];

/** The FIX 4.2 execution report Wikipedia's FIX article shows (checksum 128): right framing, wrong version for this acceptor. */
export const FIX42_EXECUTION_REPORT =
  '8=FIX.4.2|9=178|35=8|49=PHLX|56=PERS|52=20071123-05:30:00.000|11=ATOMNOCCC9990900|20=3|150=E|39=E|55=MSFT|167=CS|54=1|38=15|40=2|44=15|58=PHLX EQUITY TESTING|59=0|47=C|32=0|31=0|151=15|14=0|6=0|10=128|';

export function wire(text: string): Buffer {
  return Buffer.from(text.replaceAll('|', '\x01'), 'latin1');
}
