// Where a diagnostic points in the text: the engine gives UTF-16 offsets
// (what an editor uses) beside lines and columns.
import type { Diagnostic, Span } from "escalator";

/** Where a span points, in UTF-16 offsets of the text it was found in. */
export function spanRange(span: Span): { from: number; to: number } {
  return { from: span.start.offset, to: Math.max(span.end.offset, span.start.offset) };
}

/** Where a diagnostic points, in UTF-16 offsets. */
export function diagnosticRange(d: Diagnostic): { from: number; to: number } {
  return spanRange(d.span);
}

/** 1-based line of a UTF-16 offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
