/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/** What a user does in the workbench, as keystrokes and what they see, for the end-to-end tests. */

export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(name);
  // Enter opens the focused row; until the file search has answered, that is a recently opened file.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 30_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Puts the cursor at a 1-based line and column with "Go to Line/Column". */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** The text box of the Quick Open / Go to Line widget (the widget holds other, hidden inputs too). */
function quickInput(page: Page) {
  return page.locator('.quick-input-widget .quick-input-box input[type="text"]').first();
}

export async function type(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 40 });
}

/**
 * The labels of the suggest widget's rows, top first, once `until` holds for them (the list is
 * re-queried as the user types, so an older list can show for a moment). With `trigger`, or when the
 * widget has not opened by itself within a few seconds, it is opened as Ctrl+Space does.
 */
export async function suggestions(page: Page, options: { trigger?: boolean; until?: (labels: string[]) => boolean } = {}): Promise<string[]> {
  const rows = page.locator('.suggest-widget.visible .monaco-list-row');
  if (options.trigger) await page.keyboard.press('Control+Space');
  try {
    await rows.first().waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    await page.keyboard.press('Control+Space');
    await rows.first().waitFor({ state: 'visible', timeout: 20_000 });
  }
  const read = () =>
    rows.evaluateAll((elements) =>
      elements
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map((element) => element.querySelector('.label-name')?.textContent?.trim() ?? ''),
    );
  const deadline = Date.now() + 10_000;
  let labels = await read();
  while (options.until && !options.until(labels) && Date.now() < deadline) {
    await page.waitForTimeout(200);
    labels = await read();
  }
  return labels;
}

/**
 * Shows the hover at the cursor (editor.action.showHover) and returns its text once it contains
 * `until`: a hover gathers several providers' parts (a problem's message, CALM Cite's preview), and
 * they arrive at different times.
 */
export async function hoverText(page: Page, until: RegExp): Promise<string> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const handle = await page.waitForFunction(
    (pattern) => {
      const text = Array.from(document.querySelectorAll<HTMLElement>('.monaco-hover'))
        .map((hover) => hover.innerText)
        .join('\n');
      return new RegExp(pattern.source, pattern.flags).test(text) ? text : false;
    },
    { source: until.source, flags: until.flags },
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as string;
}

export async function lineText(page: Page, line: number): Promise<string> {
  return page.evaluate((lineNumber) => {
    const lines = Array.from(document.querySelectorAll<HTMLElement>('.monaco-editor .view-line'));
    const sorted = lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return sorted[lineNumber - 1]?.textContent?.replace(/\u00a0/g, ' ') ?? '';
  }, line);
}

/** The rows of the Problems panel (file rows and marker rows, top first), opening the panel if it is hidden. */
export async function problems(page: Page): Promise<string[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible' });
  }
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) =>
    rows
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
  );
}

/** Waits until some Problems row matches `pattern` (or, with `present: false`, until none does); returns the rows. */
export async function waitForProblem(page: Page, pattern: RegExp, options: { present?: boolean; timeoutMs?: number } = {}): Promise<string[]> {
  const present = options.present ?? true;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const rows = await problems(page);
    if (rows.some((row) => pattern.test(row)) === present) return rows;
    if (Date.now() > deadline) throw new Error(`Problems ${present ? 'never showed' : 'still show'} ${pattern}; rows:\n${rows.join('\n')}`);
    await page.waitForTimeout(250);
  }
}

/** Opens the quick-fix menu at the cursor (Ctrl+.) and applies the action whose title contains `title`. */
export async function applyCodeAction(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Period');
  const action = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  await action.waitFor({ state: 'visible', timeout: 20_000 });
  await action.hover();
  await action.click();
  await action.waitFor({ state: 'hidden' });
}

/** The text of the visible lines of the active editor, top first. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor') ?? document.querySelector('.monaco-editor');
    const lines = Array.from(editor?.querySelectorAll<HTMLElement>('.view-line') ?? []);
    return lines
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => line.textContent?.replace(/\u00a0/g, ' ') ?? '')
      .join('\n');
  });
}

/**
 * The cursor position the status bar shows, as [line, column]. The status bar follows the cursor a
 * moment later, so with `expected` it waits a few seconds for that position before reading.
 */
export async function cursorPosition(page: Page, expected?: [number, number]): Promise<[number, number]> {
  const item = page.locator('#status\\.editor\\.selection');
  if (expected) await item.filter({ hasText: `Ln ${expected[0]}, Col ${expected[1]}` }).waitFor({ timeout: 5_000 }).catch(() => undefined);
  const text = await item.innerText();
  const match = /Ln (\d+), Col (\d+)/.exec(text);
  if (!match) throw new Error(`no cursor position in the status bar: ${text}`);
  return [Number(match[1]), Number(match[2])];
}


/** The visible rows of a view in the side bar, by the view's title, top first. */
export async function viewRows(page: Page, title: string): Promise<string[]> {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) }).first();
  const rows = pane.locator('.monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 20_000 });
  return rows.evaluateAll((elements) => elements.map((element) => (element as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

/** Waits until CALM Cite's status bar item shows the active document's reference count: the libraries are read. */
export async function waitForReferences(page: Page): Promise<void> {
  await page.locator('.statusbar-item', { hasText: /\d+ refs/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
}
