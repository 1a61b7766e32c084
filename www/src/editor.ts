// The document editor: CodeMirror 6 with YAML/JSON highlighting, the
// engine's diagnostics as underlines with hover messages, and helpers to
// move the cursor to a span.
import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { indentWithTab } from "@codemirror/commands";
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { yaml } from "@codemirror/lang-yaml";
import { json } from "@codemirror/lang-json";
import { tags as t } from "@lezer/highlight";
import type { DiagnosticJson, Position } from "./types";

const highlight = HighlightStyle.define([
  { tag: [t.propertyName, t.definition(t.propertyName)], color: "var(--tok-key)" },
  { tag: [t.string, t.special(t.string)], color: "var(--tok-string)" },
  { tag: [t.number, t.bool, t.null, t.atom], color: "var(--tok-number)" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: "var(--tok-comment)", fontStyle: "italic" },
  { tag: [t.keyword, t.meta, t.typeName, t.labelName], color: "var(--tok-keyword)" },
  { tag: [t.punctuation, t.separator, t.bracket, t.squareBracket, t.brace], color: "var(--tok-punct)" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px", backgroundColor: "var(--editor-bg)", color: "var(--text)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "var(--editor-gutter)", color: "var(--muted)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "var(--editor-active)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--editor-active)" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "var(--text)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--editor-selection) !important" },
  ".cm-tooltip": { backgroundColor: "var(--surface)", color: "var(--text)", border: "1px solid var(--border)", borderRadius: "6px" },
  ".cm-diagnostic": { fontFamily: "var(--sans)", maxWidth: "460px" },
  ".cm-panels": { backgroundColor: "var(--surface)", color: "var(--text)" },
});

/** YAML unless the text starts like JSON. */
function languageFor(text: string): Extension {
  return /^\s*[{[]/.test(text) ? json() : yaml();
}

export interface Editor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  setDiagnostics(list: DiagnosticJson[]): void;
  /** Selects `[from, to)` (UTF-16 offsets), scrolls there and focuses. */
  reveal(from: number, to: number): void;
  /** The UTF-16 range of a diagnostic in the current text. */
  range(d: DiagnosticJson): { from: number; to: number } | null;
}

export function createEditor(parent: HTMLElement, text: string, onChange: (text: string) => void): Editor {
  const language = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        keymap.of([indentWithTab]),
        language.of(languageFor(text)),
        syntaxHighlighting(highlight),
        lintGutter(),
        theme,
        EditorView.contentAttributes.of({ "aria-label": "Policy document (YAML or JSON)" }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          const now = u.state.doc.toString();
          const before = u.startState.doc.toString();
          if (/^\s*[{[]/.test(now) !== /^\s*[{[]/.test(before)) {
            view.dispatch({ effects: language.reconfigure(languageFor(now)) });
          }
          onChange(now);
        }),
      ],
    }),
  });

  const range = (d: DiagnosticJson) => diagnosticRange(d, view.state.doc.toString());

  return {
    view,
    text: () => view.state.doc.toString(),
    setText(next: string) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: next },
        effects: language.reconfigure(languageFor(next)),
        selection: { anchor: 0 },
        scrollIntoView: true,
      });
    },
    setDiagnostics(list: DiagnosticJson[]) {
      const len = view.state.doc.length;
      const out: CmDiagnostic[] = [];
      for (const d of list) {
        const r = range(d);
        if (!r) continue;
        const from = Math.min(r.from, len);
        const to = Math.min(Math.max(r.to, from), len);
        const parts = [d.message];
        if (d.help) parts.push(`help: ${d.help}`);
        if (d.why) parts.push(`why it matters: ${d.why}`);
        out.push({ from, to, severity: d.severity, source: d.code, message: parts.join("\n") });
      }
      view.dispatch(setDiagnostics(view.state, out));
    },
    reveal(from: number, to: number) {
      const len = view.state.doc.length;
      const a = Math.min(Math.max(from, 0), len);
      const b = Math.min(Math.max(to, a), len);
      view.dispatch({ selection: { anchor: a, head: b }, effects: EditorView.scrollIntoView(a, { y: "center" }) });
      view.focus();
    },
    range,
  };
}

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
  if (d.span) return { from: utf16OfByte(text, d.span.start), to: utf16OfByte(text, d.span.end) };
  return null;
}

/** 1-based line of a UTF-16 offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
