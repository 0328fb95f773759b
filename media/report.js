// The submission report's page script: location buttons ask the extension to open a file, and
// findings on a PDF page get a thumbnail of that page drawn by pdf.js, with the finding's box in red.
const vscode = acquireVsCodeApi();

document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-finding]') : null;
  if (button) vscode.postMessage({ type: 'openFinding', index: Number(button.dataset.finding) });
});

const THUMBNAIL_WIDTH = 240;

async function renderThumbnails() {
  const { pdf: pdfUrl, pdfjs: pdfjsUrl, pdfjsWorker: workerUrl, cmaps: cmapsUrl } = document.body.dataset;
  const canvases = [...document.querySelectorAll('canvas.thumbnail[data-page]')];
  if (!pdfUrl || canvases.length === 0) return;
  const pdfjs = await import(pdfjsUrl);
  // pdf.js runs its worker code in this thread when the worker module is on globalThis: a real Worker
  // cannot be started from the webview's origin for a script served from the resource origin.
  globalThis.pdfjsWorker = await import(workerUrl);
  const pdf = await pdfjs.getDocument({ url: pdfUrl, cMapUrl: cmapsUrl, cMapPacked: true, isEvalSupported: false, disableRange: true, disableStream: true }).promise;
  for (const canvas of canvases) {
    try {
      await renderPage(pdf, canvas);
      canvas.dataset.rendered = 'true';
    } catch (error) {
      canvas.replaceWith(Object.assign(document.createElement('p'), { className: 'thumbnail-error', textContent: `Page ${canvas.dataset.page} could not be drawn: ${error.message}` }));
    }
  }
}

async function renderPage(pdf, canvas) {
  const page = await pdf.getPage(Number(canvas.dataset.page));
  const scale = THUMBNAIL_WIDTH / page.getViewport({ scale: 1 }).width;
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });
  canvas.width = Math.round(viewport.width);
  canvas.height = Math.round(viewport.height);
  const context = canvas.getContext('2d');
  await page.render({ canvasContext: context, viewport }).promise;
  if (!canvas.dataset.bbox) return;
  // Finding boxes are measured from the page's visible corner; pdf.js wants raw user-space coordinates.
  const [x, y, width, height] = canvas.dataset.bbox.split(',').map(Number);
  const [originX, originY] = page.view;
  const [left, top, right, bottom] = viewport.convertToViewportRectangle([originX + x, originY + y, originX + x + width, originY + y + height]);
  const padding = 3 * ratio;
  context.strokeStyle = 'red';
  context.lineWidth = 2 * ratio;
  context.strokeRect(Math.min(left, right) - padding, Math.min(top, bottom) - padding, Math.abs(right - left) + 2 * padding, Math.abs(bottom - top) + 2 * padding);
}

renderThumbnails().catch((error) => {
  const note = Object.assign(document.createElement('p'), { className: 'thumbnail-error', textContent: `Page thumbnails are unavailable: ${error.message}` });
  document.querySelector('main')?.prepend(note);
});
