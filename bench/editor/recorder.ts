import type { Page } from 'playwright-core';

/**
 * What the workbench page records while the benchmark types: each keydown (the input event's own
 * time stamp, so time the renderer spent busy before handling the key counts), each change of the
 * suggest widget (the time its DOM changed and what it showed), and the renderer's long tasks.
 * Times are the page's `performance.now()`; `timeOrigin` turns them into wall-clock milliseconds.
 */
export interface PageRecord {
  timeOrigin: number;
  keys: { key: string; time: number }[];
  /** Every DOM change inside the suggest widget, with the widget's state after it. */
  lists: { time: number; state: string }[];
  longTasks: { start: number; duration: number }[];
}

/** The widget's state: `hidden`, a status message (`Loading...`, `No suggestions.`), or its row labels top first. */
export type ListState = string;
export const HIDDEN: ListState = 'hidden';

/** The labels of the rows a state shows, top first. */
export function rowsOf(state: ListState): string[] {
  return state.startsWith('rows:') ? state.slice(5).split('\n').map((row) => row.split('\t')[0]!) : [];
}

/*
 * Plain JavaScript, not a function handed to page.evaluate: the TypeScript loader would wrap the
 * function's inner functions in a helper that does not exist in the page.
 */
const RECORDER = `(() => {
  const record = { timeOrigin: performance.timeOrigin, keys: [], lists: [], longTasks: [] };
  window.__bench = record;
  addEventListener('keydown', (event) => record.keys.push({ key: event.key, time: event.timeStamp }), true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) record.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const state = (widget = document.querySelector('.suggest-widget.visible')) => {
    if (!widget || !widget.classList.contains('visible')) return 'hidden';
    const rows = Array.from(widget.querySelectorAll('.monaco-list-row'))
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((row) => {
        const label = row.querySelector('.label-name');
        // The matched characters tell a list filtered with the new word from the same rows still showing the old one.
        const matched = Array.from(label ? label.querySelectorAll('.highlight') : []).map((span) => span.textContent).join('+');
        return (label?.textContent ?? '').trim() + (matched ? '\\t' + matched : '');
      });
    if (rows.length > 0) return 'rows:' + rows.join('\\n');
    const message = widget.querySelector('.message');
    return message && message.textContent ? 'message:' + message.textContent.trim() : 'hidden';
  };
  window.__benchState = state;
  // The widget is created on the first suggestion (and per editor), so the whole page is watched and
  // only changes inside a suggest widget are recorded.
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      const target = mutation.target instanceof Element ? mutation.target : mutation.target.parentElement;
      if (target && (target.closest('.suggest-widget') || target.querySelector('.suggest-widget'))) {
        record.lists.push({ time: performance.now(), state: state() });
        return;
      }
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'style'], characterData: true });
})()`;

export async function installRecorder(page: Page): Promise<void> {
  await page.evaluate(RECORDER);
}

export async function readRecord(page: Page): Promise<PageRecord> {
  return page.evaluate(`(() => {
    const record = window.__bench;
    const copy = structuredClone(record);
    record.keys.length = 0;
    record.lists.length = 0;
    record.longTasks.length = 0;
    return copy;
  })()`);
}

/** The page's clock now, and the widget's state now. */
export async function pageNow(page: Page): Promise<{ time: number; state: ListState; lastChange: number }> {
  return page.evaluate(`(() => {
    const lists = window.__bench.lists;
    return { time: performance.now(), state: window.__benchState(), lastChange: lists.length > 0 ? lists[lists.length - 1].time : 0 };
  })()`);
}
