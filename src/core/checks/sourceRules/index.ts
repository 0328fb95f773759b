import { checkAbstractParagraphs } from './abstractParagraphs';
import { checkAckEnvironment } from './ackEnvironment';
import { checkAnonymity } from './anonymity';
import { checkAuthors } from './authors';
import { checkChecklist } from './checklist';
import { checkClassOptions } from './classOptions';
import { checkDoubleDollar } from './doubleDollar';
import { checkFigureWidth } from './figureWidth';
import { checkFinalMode } from './finalMode';
import { checkLayoutHacks } from './layoutHacks';
import { checkLeftoverTodo } from './leftoverTodo';
import type { SourceRule } from './sourceRule';
import { checkStylePackage } from './stylePackage';
import { checkStyleUnmodified } from './styleUnmodified';
import { checkSubmissionMode } from './submissionMode';
import { checkVerticalRules } from './verticalRules';

/** Every rule that reads the .tex sources, by rule id; a pack decides which of them run. */
export const SOURCE_RULES: Readonly<Record<string, SourceRule>> = {
  'calm/style-package': checkStylePackage,
  'calm/submission-mode': checkSubmissionMode,
  'calm/final-mode': checkFinalMode,
  'calm/authors': checkAuthors,
  'calm/style-unmodified': checkStyleUnmodified,
  'calm/no-layout-hacks': checkLayoutHacks,
  'calm/class-options': checkClassOptions,
  'calm/ack-environment': checkAckEnvironment,
  'calm/no-double-dollar': checkDoubleDollar,
  'calm/anonymity': checkAnonymity,
  'calm/leftover-todo': checkLeftoverTodo,
  'calm/vertical-rules': checkVerticalRules,
  'calm/figure-width': checkFigureWidth,
  'calm/abstract-one-paragraph': checkAbstractParagraphs,
  'neurips/checklist': checkChecklist,
};
