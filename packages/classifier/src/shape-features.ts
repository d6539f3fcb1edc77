import type { TaskDescription } from './task-description';

/** Names of the shape features, in vector order; stored in the artifact so a mismatch is caught at load. */
export const SHAPE_FEATURE_NAMES = [
  'log_latest_turn_characters',
  'log_message_count',
  'code_line_fraction',
  'has_code_fence',
  'has_math_notation',
  'digit_fraction',
  'line_count_log',
] as const;

const CODE_LINE = /[;{}]\s*$|^\s{2,}\S|^\s*(def|class|function|import|from|return|const|let|var|public|private|#include|SELECT|FROM|WHERE)\b|=>|\)\s*{/;
const MATH_NOTATION = /\$[^$\n]+\$|\\(frac|sqrt|sum|int|binom|cdot|theta|pi|le|ge|times)\b|\^\{?\d/;

/**
 * A few numbers about the request's form that a 64-dimensional bag-of-words embedding cannot see: how long the
 * latest turn really was (before cutting), how code-like and how mathematical it looks.
 */
export function shapeFeatures(description: TaskDescription): number[] {
  const text = description.text;
  const lines = text.split('\n');
  const nonEmptyLines = lines.filter((line) => line.trim() !== '');
  const codeLines = nonEmptyLines.filter((line) => CODE_LINE.test(line)).length;
  let digits = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digits++;
  }
  return [
    Math.log1p(description.latestTurnCharacters),
    Math.log1p(description.messageCount),
    nonEmptyLines.length === 0 ? 0 : codeLines / nonEmptyLines.length,
    text.includes('```') ? 1 : 0,
    MATH_NOTATION.test(text) ? 1 : 0,
    text.length === 0 ? 0 : digits / text.length,
    Math.log1p(nonEmptyLines.length),
  ];
}
