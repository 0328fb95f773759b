import type { Finding, FindingSummary } from '../checks/finding';
import type { RulesPack } from '../checks/rulesPack';
import { summaryText } from '../checks/summaryText';
import { visibleControls } from '../text/controlCharacters';
import { escapeHtml } from '../text/html';

/** One finished check, as the report shows it. */
export interface SubmissionReportModel {
  texPath: string;
  pdfPath?: string;
  pack: RulesPack;
  findings: readonly Finding[];
  summary: FindingSummary;
  /** How a file is named on screen, e.g. relative to the workspace folder. */
  displayPath: (file: string) => string;
}

/** Webview URIs and the per-render nonce; the page loads nothing else. */
export interface ReportResources {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  pdfjsUri: string;
  pdfjsWorkerUri: string;
  cmapsUri: string;
  /** The PDF, for page thumbnails; absent when no finding names a PDF page. */
  pdfUri?: string;
}

/**
 * The report's CSP. pdf.js runs in the page's own thread (its worker module is imported, not started as
 * a Worker), fetches the PDF and its CMaps from webview resources (connect-src) and draws on canvases.
 * No inline script or style, no eval (pdf.js gets isEvalSupported: false), nothing remote.
 */
export function reportContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `script-src 'nonce-${nonce}' ${cspSource}`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `connect-src ${cspSource}`,
  ].join('; ');
}

/** Findings on a PDF page get a thumbnail of that page; the PDF is only fetched when one does. */
export function needsPageThumbnails(model: Pick<SubmissionReportModel, 'findings' | 'pdfPath'>): boolean {
  return model.pdfPath !== undefined && model.findings.some((finding) => (finding.pdf ?? finding.file) === model.pdfPath && finding.page !== undefined);
}

/** The report page. Every piece of text from findings, packs or paths is escaped. */
export function submissionReportHtml(model: SubmissionReportModel, resources: ReportResources): string {
  const { nonce } = resources;
  const pdfData = resources.pdfUri
    ? ` data-pdf="${escapeHtml(resources.pdfUri)}" data-pdfjs="${escapeHtml(resources.pdfjsUri)}" data-pdfjs-worker="${escapeHtml(resources.pdfjsWorkerUri)}" data-cmaps="${escapeHtml(resources.cmapsUri)}"`
    : '';
  const pages = model.summary.pages !== undefined ? ` · ${model.summary.pages} page${model.summary.pages === 1 ? '' : 's'}` : '';
  const files = [model.texPath, model.pdfPath].filter((file): file is string => file !== undefined).map((file) => escapeHtml(model.displayPath(file)));
  const findings =
    model.findings.length === 0
      ? '<p class="all-clear">No problems found.</p>'
      : `<ol class="findings">${model.findings.map((finding, index) => findingHtml(model, finding, index, resources.pdfUri !== undefined)).join('')}</ol>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportContentSecurityPolicy(resources.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(resources.styleUri)}">
<title>Submission check</title>
</head>
<body${pdfData}>
<header>
<h1>Submission check</h1>
<p class="summary">${escapeHtml(summaryText(model.summary))}${escapeHtml(pages)}</p>
<p class="pack">Rules: <a href="${escapeHtml(model.pack.source)}">${escapeHtml(model.pack.title)}</a> (${escapeHtml(model.pack.id)})</p>
<p class="files">${files.join(' · ')}</p>
</header>
<main>${findings}</main>
<script type="module" nonce="${escapeHtml(nonce)}" src="${escapeHtml(resources.scriptUri)}"></script>
</body>
</html>`;
}

function findingHtml(model: SubmissionReportModel, finding: Finding, index: number, withThumbnails: boolean): string {
  const rule = model.pack.rules[finding.rule];
  const ruleId = rule
    ? `<a class="rule" href="${escapeHtml(rule.source)}" title="${escapeHtml(rule.title)}">${escapeHtml(finding.rule)}</a>`
    : `<span class="rule">${escapeHtml(finding.rule)}</span>`;
  const thumbnail =
    withThumbnails && finding.page !== undefined && (finding.pdf ?? finding.file) === model.pdfPath
      ? `<canvas class="thumbnail" data-page="${finding.page}"${finding.bbox ? ` data-bbox="${[finding.bbox.x, finding.bbox.y, finding.bbox.width, finding.bbox.height].join(',')}"` : ''} aria-label="Page ${finding.page}"></canvas>`
      : '';
  return `<li class="finding severity-${escapeHtml(finding.severity)}">
<div class="heading"><span class="severity">${escapeHtml(finding.severity)}</span> ${ruleId} ${locationHtml(model, finding, index)}</div>
<p class="message">${escapeHtml(visibleControls(finding.message))}</p>${thumbnail}
</li>`;
}

/** Source locations are buttons that ask the extension to open the file; the PDF is not a text file, so its pages are plain text. */
function locationHtml(model: SubmissionReportModel, finding: Finding, index: number): string {
  const name = model.displayPath(finding.file);
  if (finding.file === model.pdfPath) {
    return `<span class="location">${escapeHtml(finding.page !== undefined ? `${name}, page ${finding.page}` : name)}</span>`;
  }
  const where = [name, finding.line, finding.column].filter((part) => part !== undefined).join(':');
  const page = finding.pdf !== undefined && finding.page !== undefined ? `, page ${finding.page}` : '';
  return `<button type="button" class="location" data-finding="${index}">${escapeHtml(where + page)}</button>`;
}

/** The one message the report sends: open the location of finding number `index`. */
export interface OpenFindingMessage {
  type: 'openFinding';
  index: number;
}

/**
 * Webview messages are untrusted input: only an in-range finding index is accepted, and the file
 * opened is the one the extension's own finding names, never a path from the page.
 */
export function parseReportMessage(message: unknown, findingCount: number): OpenFindingMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, index } = message as Record<string, unknown>;
  if (type !== 'openFinding' || typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= findingCount) return undefined;
  return { type, index };
}
