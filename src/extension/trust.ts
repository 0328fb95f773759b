import * as vscode from 'vscode';

/**
 * Workspace trust (issue #7): in an untrusted workspace CALM Cite reads libraries and shows
 * completions and previews, but changes no files and runs nothing. Every feature that would edit
 * or run asks here, so the rule lives in one place.
 */

const DEFAULT_REASON = 'in Restricted Mode CALM Cite reads and previews, but changes no files and runs nothing';

/** Whether the user trusts the workspace; always true when workspace trust is turned off. */
export function workspaceTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** The message refusing `action` ("rename keys") in an untrusted workspace, or undefined when the workspace is trusted. */
export function untrustedRefusal(action: string, reason = DEFAULT_REASON): string | undefined {
  return workspaceTrusted() ? undefined : `Trust this workspace to ${action}: ${reason}.`;
}

/**
 * Registers a feature that edits files now in a trusted workspace, or only once the user trusts it.
 * VS Code reloads the window when trust is withdrawn, so a grant is the only change to follow.
 */
export function registerWhenTrusted(register: () => vscode.Disposable): vscode.Disposable {
  if (workspaceTrusted()) return register();
  let registered: vscode.Disposable | undefined;
  const onGrant = vscode.workspace.onDidGrantWorkspaceTrust(() => {
    onGrant.dispose();
    registered = register();
  });
  return new vscode.Disposable(() => {
    onGrant.dispose();
    registered?.dispose();
  });
}
