// Where a diagnostic points in the text: the engine's positions turned into
// the UTF-16 offsets an editor uses.
import type { DiagnosticJson, Position } from "./types";

/** UTF-16 offset of a 1-based line and UTF-16 column. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(column - 1, 0), text.length);
}

/** UTF-16 offset of a UTF-8 byte offset. */
function utf16OfByte(text: string, byte: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < byte) {
    const code = text.codePointAt(i) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += code >= 0x10000 ? 2 : 1;
  }
  return i;
}

function position(p: Position | number | undefined, text: string): number | null {
  if (p === undefined || p === null) return null;
  if (typeof p === "number") return p;
  const q = p as Position & { utf16?: number; offset_utf16?: number; column_utf16?: number };
  if (typeof q.offset_utf16 === "number") return q.offset_utf16;
  if (typeof q.utf16 === "number") return q.utf16;
  if (typeof q.offset === "number") return q.offset;
  if (typeof q.line === "number") return offsetOf(text, q.line, q.column_utf16 ?? q.column ?? 1);
  return null;
}

/** Where a diagnostic points, in UTF-16 offsets of `text`. */
export function diagnosticRange(d: DiagnosticJson, text: string): { from: number; to: number } | null {
  const from = position(d.start, text);
  if (from !== null) return { from, to: position(d.end, text) ?? from };
  if (typeof d.line === "number") {
    const a = offsetOf(text, d.line, d.column ?? 1);
    const b = typeof d.end_line === "number" ? offsetOf(text, d.end_line, d.end_column ?? 1) : a;
    return { from: a, to: b };
  }
  if (d.span && typeof d.span.start === "object") {
    // The engine's shape: {span: {start: {line, column, offset}, end: ...}} with UTF-16 offsets.
    const a = position(d.span.start as Position, text);
    if (a !== null) return { from: a, to: position(d.span.end as Position, text) ?? a };
  }
  if (d.span && typeof d.span.start === "number") return { from: utf16OfByte(text, d.span.start), to: utf16OfByte(text, d.span.end as number) };
  return null;
}

/** 1-based line of a UTF-16 offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
