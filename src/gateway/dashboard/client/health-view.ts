// The health panel: the page's own feed counters, and the tables summarised from the gateway's /metrics (or why there are none).
import { element, headerRow, textRow } from './dom.js';
import type { ArrivalLatency } from './arrival-latency.js';
import type { DashboardFeedStats } from './dashboard-feed.js';
import type { HealthTable } from './health-summary.js';

export type MetricsState = { kind: 'ok'; tables: readonly HealthTable[] } | { kind: 'absent'; detail: string } | { kind: 'error'; detail: string } | { kind: 'pending' };

export function renderHealth(container: HTMLElement, stats: DashboardFeedStats, latency: ArrivalLatency, metrics: MetricsState): void {
  const ms = (value: number | null): string => (value === null ? '–' : `${value.toFixed(2)} ms`);
  const offset = stats.lastHeartbeatServerNs === null || stats.lastHeartbeatPageMs === null ? null : stats.lastHeartbeatPageMs - Number(stats.lastHeartbeatServerNs / 1_000_000n);
  const page: HealthTable = {
    title: 'This page’s feed connection',
    columns: ['', 'value'],
    rows: [
      ['messages received', stats.messages.toLocaleString('en-US')],
      ['bytes received', stats.bytes.toLocaleString('en-US')],
      ['heartbeats', stats.heartbeats.toLocaleString('en-US')],
      ['book gaps detected', String(stats.gaps)],
      ['snapshots requested', String(stats.snapshotRequests)],
      ['reconnects', String(stats.reconnects)],
      ['undecodable frames', String(stats.decodeErrors)],
      [`engine receive → page, p50 (last ${latency.size})`, ms(latency.quantile(0.5))],
      [`engine receive → page, p99 (last ${latency.size})`, ms(latency.quantile(0.99))],
      ['page clock − server clock (last heartbeat)', offset === null ? '–' : `${offset} ms`],
    ],
  };
  const sections: HTMLElement[] = [table(page, 'page-stats')];
  container.dataset.metrics = metrics.kind;
  if (metrics.kind === 'ok') {
    for (const health of metrics.tables) sections.push(table(health, `metrics-${health.title.toLowerCase().replace(/[^a-z]+/g, '-')}`));
    if (metrics.tables.length === 0) sections.push(element('p', { className: 'note', text: '/metrics answered, but with none of the families this panel knows.' }));
  } else if (metrics.kind === 'absent') {
    sections.push(element('p', { className: 'note warn', text: `REST not mounted: ${metrics.detail}` }));
  } else if (metrics.kind === 'error') {
    sections.push(element('p', { className: 'note warn', text: `/metrics failed: ${metrics.detail}` }));
  } else {
    sections.push(element('p', { className: 'note', text: 'reading /metrics …' }));
  }
  container.replaceChildren(...sections);
}

function table(health: HealthTable, id: string): HTMLElement {
  return element('section', { className: 'health-table', data: { table: id } }, [
    element('h3', { text: health.title }),
    element('table', {}, [element('thead', {}, [headerRow(health.columns)]), element('tbody', {}, health.rows.map((row) => textRow(row)))]),
  ]);
}
