/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/** What a user does in the workbench, as keystrokes and what they see, for the end-to-end tests. */

export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 30_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Puts the cursor at a 1-based line and column with "Go to Line/Column". */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

export async function type(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 40 });
}

/** Opens the suggest widget (as Ctrl+Space does) and returns the labels of its rows, top first. */
export async function suggestions(page: Page, options: { trigger?: boolean } = {}): Promise<string[]> {
  if (options.trigger) await page.keyboard.press('Control+Space');
  const rows = page.locator('.suggest-widget.visible .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 20_000 });
  return rows.evaluateAll((elements) =>
    elements
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((element) => element.querySelector('.label-name')?.textContent?.trim() ?? ''),
  );
}

/** Shows the hover at the cursor (editor.action.showHover) and returns its text. */
export async function hoverText(page: Page): Promise<string> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents').first();
  await hover.waitFor({ state: 'visible', timeout: 20_000 });
  // The provider answers asynchronously; wait until it has replaced "Loading...".
  await page.waitForFunction(() => {
    const element = document.querySelector('.monaco-hover:not(.hidden) .hover-contents');
    return element && !/Loading/.test(element.textContent ?? '') && (element.textContent ?? '').length > 20;
  });
  return (await page.locator('.monaco-hover:not(.hidden)').first().innerText()).trim();
}

export async function lineText(page: Page, line: number): Promise<string> {
  return page.evaluate((lineNumber) => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-line')] as HTMLElement[];
    const sorted = lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return sorted[lineNumber - 1]?.textContent?.replace(/\u00a0/g, ' ') ?? '';
  }, line);
}
