// /v1/orders session rules on a real GatewayApp: signed Logon accepted or refused (signature, time, key, replay, second session, deadline), heartbeat, Logout, gateway shutdown.
import { afterEach, describe, expect, it } from 'vitest';
import { formatUtcTimestamp } from '../../../../src/gateway/fix/fix-time.js';
import { OrdersWsClient } from '../../../../src/gateway/orders-ws/orders-ws-client.js';
import { OrdersWsTestVenue, TRADER } from './orders-ws-test-venue.js';

let venue: OrdersWsTestVenue | null = null;

afterEach(async () => {
  await venue?.close();
  venue = null;
});

async function refusal(client: OrdersWsClient, overrides: Parameters<OrdersWsClient['logon']>[1], credentials = venue!.trader): Promise<{ reason: unknown; text: unknown; close: unknown }> {
  const error = await client.logon(credentials, overrides).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).not.toBeNull();
  const details = (error as { details: { reason: string; text: string } }).details;
  return { reason: details.reason, text: details.text, close: await client.closed };
}

describe('/v1/orders logon', () => {
  it('accepts a signed Logon: LogonAck with the owner, account and seq 1, echoing the request id', async () => {
    venue = await OrdersWsTestVenue.start();
    const client = await venue.open();
    const ack = await client.logon(venue.trader);
    expect(ack.seq).toBe(1n);
    expect(ack.requestId).toBe(1n);
    expect(ack.body).toMatchObject({ kind: 'logonAck', owner: `ws:${venue.trader.apiKey}`, accountId: TRADER.accountId, pendingEvents: 0, droppedEvents: 0 });
    expect(ack.body.serverInstance).toBe(venue.gateway.orders!.serverInstance);

    const ping = client.ping();
    const pong = await client.waitFor((frame) => frame.requestId === ping);
    expect(pong.seq).toBe(2n);
    expect(pong.body.kind).toBe('heartbeat');
    expect(venue.gateway.orders!.stats()).toMatchObject({ sessions: 1, connections: 1, logonsAccepted: 1, requests: { logon: 1, heartbeat: 1 } });

    expect(await client.logout()).toEqual({ code: 1000, reason: 'logged out' });
    expect(client.received.at(-1)!.body).toEqual({ kind: 'logout', text: 'Logout acknowledged' });
  });

  it('refuses a wrong signature, a stale timestamp and an unknown key with LogonReject, then closes with 4002', async () => {
    venue = await OrdersWsTestVenue.start();
    expect(await refusal(await venue.open(), { signature: 'AAAA' })).toEqual({ reason: 'invalid_signature', text: 'Invalid signature', close: { code: 4002, reason: 'logon refused' } });
    const stale = formatUtcTimestamp(Date.now() - 60_000);
    expect(await refusal(await venue.open(), { sendingTime: stale })).toMatchObject({ reason: 'stale_timestamp', close: { code: 4002 } });
    expect(await refusal(await venue.open(), {}, { apiKey: 'nobody', secret: 'x' })).toMatchObject({ reason: 'unknown_key', text: 'Unknown API key' });
    // Signed with the other key's secret: a valid key, the wrong signature.
    expect(await refusal(await venue.open(), {}, { apiKey: venue.trader.apiKey, secret: 'counterparty-secret' })).toMatchObject({ reason: 'invalid_signature' });
    expect(venue.gateway.orders!.stats()).toMatchObject({ logonsRefused: 4, logonsAccepted: 0, sessions: 0 });
  });

  it('refuses a captured Logon sent again inside the time window', async () => {
    venue = await OrdersWsTestVenue.start();
    const sendingTime = formatUtcTimestamp(Date.now());
    const first = await venue.open();
    await first.logon(venue.trader, { sendingTime });
    await first.logout();
    // Same sending_time and request id 1: the same signature bytes.
    expect(await refusal(await venue.open(), { sendingTime })).toMatchObject({ reason: 'replayed' });
  });

  it('refuses a second session of a logged-on key and keeps the first one running', async () => {
    venue = await OrdersWsTestVenue.start();
    const first = await venue.client();
    expect(await refusal(await venue.open(), {})).toMatchObject({ reason: 'already_logged_on', text: `API key ${venue.trader.apiKey} already has a session logged on` });
    const ping = first.ping();
    await first.waitFor((frame) => frame.requestId === ping && frame.body.kind === 'heartbeat');
    // Once the first is gone, the key may log on again.
    await first.logout();
    await venue.client();
  });

  it('closes a connection that sends no Logon in time (4001) and refuses a first frame that is not a Logon', async () => {
    venue = await OrdersWsTestVenue.start({ logonTimeoutMs: 200 });
    const silent = await venue.open();
    expect(await silent.closed).toEqual({ code: 4001, reason: 'no Logon in time' });

    const early = await venue.open();
    early.ping();
    expect(await early.closed).toEqual({ code: 4002, reason: 'logon refused' });
    expect(early.received.map((frame) => frame.body)).toEqual([{ kind: 'logonReject', reason: 'not_a_logon', text: 'The first frame must be a Logon, got heartbeat' }]);
    expect(early.received[0]!.seq).toBe(0n);

    const text = await venue.open();
    text.sendRaw('{"op":"logon"}');
    expect(await text.closed).toMatchObject({ code: 4002 });
    expect(text.received[0]!.body).toMatchObject({ kind: 'logonReject', reason: 'not_a_logon' });
    expect(venue.gateway.orders!.stats()).toMatchObject({ logonTimeouts: 1, logonsRefused: 2 });
  });

  it('logs every session out (1001) when the gateway closes', async () => {
    venue = await OrdersWsTestVenue.start();
    const client = await venue.client();
    await venue.gateway.close();
    expect(await client.closed).toEqual({ code: 1001, reason: 'gateway shutting down' });
    expect(client.received.at(-1)!.body).toEqual({ kind: 'logout', text: 'Gateway shutting down' });
    await expect(OrdersWsClient.open(venue.url)).rejects.toMatchObject({ code: 'ZVT_ERR_ORDERS_WS_CLIENT' });
  });
});
