// Small DOM helpers for the dashboard's views: build elements with text, classes and data attributes; never innerHTML (venue strings are untrusted text).

export type Child = Node | string | null;

export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly title?: string;
  readonly data?: Readonly<Record<string, string>>;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className !== undefined) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title !== undefined) node.title = options.title;
  for (const [name, value] of Object.entries(options.data ?? {})) node.dataset[name] = value;
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

/** The element with this id; a page without it is a broken build, so this throws with the id. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`dashboard page has no #${id}`);
  return node as T;
}

/** A table row of text cells. */
export function textRow(cells: readonly string[], className?: string): HTMLTableRowElement {
  return element('tr', className === undefined ? {} : { className }, cells.map((cell) => element('td', { text: cell })));
}

export function headerRow(cells: readonly string[]): HTMLTableRowElement {
  return element('tr', {}, cells.map((cell) => element('th', { text: cell })));
}

/** Age of a page-clock time as short text ("0.4 s", "12 s", "3 min"); "–" for never. */
export function formatAge(sinceMs: number | null, nowMs: number): string {
  if (sinceMs === null) return '–';
  const seconds = Math.max(0, nowMs - sinceMs) / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${seconds.toFixed(0)} s`;
  return `${(seconds / 60).toFixed(0)} min`;
}
