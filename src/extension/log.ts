import * as vscode from 'vscode';

/** The "CALM Cite" output channel: what was indexed, what failed, and why. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('CALM Cite', { log: true });
}
