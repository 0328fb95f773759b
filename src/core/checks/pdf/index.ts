import { checkBodyFont, checkFontSize, checkFontsEmbedded } from './fontRules';
import { checkMargins } from './marginRules';
import { checkFileSize, checkPdfMetadata } from './metadataRules';
import { checkPageLimit, checkPageSize } from './pageRules';
import type { PdfRule } from './pdfRule';
import { checkCameraReadyMarkers, checkNoAckInSubmission, checkSubmissionMarkers } from './submissionRules';

/** Every rule that reads the compiled PDF, by rule id; a pack decides which of them run. */
export const PDF_RULES: Readonly<Record<string, PdfRule>> = {
  'calm/page-size': checkPageSize,
  'calm/page-limit': checkPageLimit,
  'calm/fonts-embedded': checkFontsEmbedded,
  'calm/body-font': checkBodyFont,
  'calm/font-size': checkFontSize,
  'calm/margins': checkMargins,
  'calm/submission-markers': checkSubmissionMarkers,
  'calm/camera-ready-markers': checkCameraReadyMarkers,
  'calm/no-ack-in-submission': checkNoAckInSubmission,
  'calm/pdf-metadata': checkPdfMetadata,
  'calm/file-size': checkFileSize,
};
