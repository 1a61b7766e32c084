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
import type { Diagnostic } from "escalator";
import { diagnosticRange } from "./spans";

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
  setDiagnostics(list: Diagnostic[]): void;
  /** Selects `[from, to)` (UTF-16 offsets), scrolls there and focuses. */
  reveal(from: number, to: number): void;
  /** The UTF-16 range of a diagnostic in the current text. */
  range(d: Diagnostic): { from: number; to: number };
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

  const range = (d: Diagnostic) => diagnosticRange(d);

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
    setDiagnostics(list: Diagnostic[]) {
      const len = view.state.doc.length;
      const out: CmDiagnostic[] = [];
      for (const d of list) {
        const r = range(d);
        const from = Math.min(r.from, len);
        const to = Math.min(Math.max(r.to, from), len);
        const parts = [d.message];
        if (d.help) parts.push(`help: ${d.help}`);
        if (d.why) parts.push(`why it matters: ${d.why}`);
        const fix = suggestion(d, view.state.sliceDoc(from, to));
        out.push({
          from,
          to,
          severity: d.severity,
          source: d.code,
          message: parts.join("\n"),
          actions: fix ? [{ name: `Change to ${fix}`, apply: (v, a, b) => v.dispatch({ changes: { from: a, to: b, insert: fix } }) }] : undefined,
        });
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


/** The replacement a "did you mean `x`?" help offers, when the span is one plain word. */
export function suggestion(d: Diagnostic, spanText: string): string | null {
  const m = /^did you mean `([^`]+)`\?$/.exec(d.help ?? "");
  if (!m || !/^[A-Za-z0-9_./+-]+$/.test(spanText)) return null;
  return m[1]!;
}
