/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/** What a user does in the workbench, as keystrokes and what they see, for the end-to-end tests. */

export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await focusedQuickInput(page, /^$/);
  await page.keyboard.type(name);
  // Enter opens the focused row; until the file search has answered, that is a recently opened file.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 30_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Puts the cursor at a 1-based line and column with "Go to Line/Column". */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await focusedQuickInput(page, /^:?$/);
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** The text box of the Quick Open / Go to Line widget (the widget holds other, hidden inputs too). */
function quickInput(page: Page) {
  return page.locator('.quick-input-widget .quick-input-box input[type="text"]').first();
}

/**
 * Waits until the Quick Input box has the keyboard focus and holds only its mode's prefix (`>` for
 * commands, `:` for Go to Line): keys typed before then go to the widget it replaces, or to the document.
 */
async function focusedQuickInput(page: Page, value: RegExp): Promise<void> {
  await page.waitForFunction(
    (pattern) => {
      const input = document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input[type="text"]');
      return input !== null && document.activeElement === input && new RegExp(pattern.source).test(input.value);
    },
    { source: value.source },
    { timeout: 20_000 },
  );
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

/** The text of a 1-based line of the active editor, for a file short enough to show from its first line. */
export async function lineText(page: Page, line: number): Promise<string> {
  return (await visibleText(page)).split('\n')[line - 1] ?? '';
}

/** Waits a few seconds for a line of the active editor to read `expected` (edits apply a moment after the keystroke); returns what it reads. */
export async function waitForLine(page: Page, line: number, expected: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  let text = await lineText(page, line);
  while (text !== expected && Date.now() < deadline) {
    await page.waitForTimeout(100);
    text = await lineText(page, line);
  }
  return text;
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

/**
 * Opens the quick-fix menu at the cursor (Ctrl+.) and applies the action whose title contains `title`.
 * A document just reopened gets its diagnostics a moment later, and the menu asks for fixes only when
 * it opens: until the action shows, the menu is closed and opened again.
 */
export async function applyCodeAction(page: Page, title: string): Promise<void> {
  const action = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.keyboard.press('Control+Period');
    try {
      await action.waitFor({ state: 'visible', timeout: 3_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await action.hover();
  await action.click();
  await action.waitFor({ state: 'hidden' });
}

/**
 * The titles of the quick-fix menu at the cursor (Ctrl+.), or none when the editor answers that no
 * code action is available; the menu is closed again.
 */
export async function codeActionTitles(page: Page): Promise<string[]> {
  await page.keyboard.press('Control+Period');
  const rows = page.locator('.action-widget .monaco-list-row');
  const none = page.locator('.monaco-editor-overlaymessage');
  await rows.or(none).first().waitFor({ state: 'visible', timeout: 20_000 });
  const titles = (await rows.allInnerTexts()).map((title) => title.replace(/\s+/g, ' ').trim());
  await page.keyboard.press('Escape');
  return titles;
}

/** Waits for a notification toast whose text matches `pattern` and returns its text. */
export async function notification(page: Page, pattern: RegExp): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: pattern }).first();
  await toast.waitFor({ state: 'visible', timeout: 20_000 });
  return (await toast.innerText()).replace(/\s+/g, ' ').trim();
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

/** Runs a command from the Command Palette (F1) by its title, as a user would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await focusedQuickInput(page, /^>$/);
  await page.keyboard.type(title);
  // Enter runs the focused row; until the palette has filtered, that can be another command.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Types `filter` into the open Quick Pick and accepts it with Enter once the focused row shows `label`. */
export async function pick(page: Page, filter: string, label: string): Promise<void> {
  // The palette that ran the command shows its own text until the command's Quick Pick replaces it.
  await focusedQuickInput(page, /^$/);
  await page.keyboard.type(filter, { delay: 20 });
  const focused = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).first();
  await focused.waitFor({ state: 'visible', timeout: 20_000 });
  // The list is searched again on every keystroke: let the last search land before accepting.
  await page.waitForTimeout(300);
  await focused.waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/**
 * Find All References at the cursor (Shift+F12) and the references peek's title ("References (5)")
 * and rows (one per file: "study.tex study 3", then the open file's lines), once the title shows a count.
 */
export async function peekReferences(page: Page): Promise<{ title: string; rows: string[] }> {
  await page.keyboard.press('Shift+F12');
  const title = page.locator('.peekview-widget .peekview-title', { hasText: /References \(\d+\)/ });
  await title.waitFor({ state: 'visible', timeout: 20_000 });
  const rows = await page.locator('.peekview-widget .ref-tree .monaco-list-row').evaluateAll((elements) =>
    elements
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((element) => (element as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
  );
  return { title: (await title.innerText()).replace(/\s+/g, ' ').trim(), rows };
}

/** Closes the peek (Escape) and waits until it is gone: its preview editor's lines would read as the document's. */
export async function closePeek(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.peekview-widget').waitFor({ state: 'hidden', timeout: 5_000 });
}

/**
 * Rename Symbol at the cursor (F2): types `newName` over the proposed name and presses Enter, returning
 * undefined; when the rename is refused before the box opens, returns the message the editor shows instead.
 */
export async function renameSymbol(page: Page, newName: string): Promise<string | undefined> {
  await page.keyboard.press('F2');
  const refusal = page.locator('.monaco-editor-overlaymessage');
  // The rename box takes the focus only once prepareRename has answered; typing earlier goes into the document.
  await page.locator('.rename-box input:focus, .monaco-editor-overlaymessage').first().waitFor({ state: 'visible', timeout: 20_000 });
  if (await refusal.isVisible()) return (await refusal.innerText()).trim();
  // The proposed name is selected, so typing replaces it.
  await page.keyboard.type(newName);
  await page.keyboard.press('Enter');
  await page.locator('.rename-box input:focus').waitFor({ state: 'hidden' });
  return undefined;
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
