// The page's state: what is kept in localStorage (autosave) and in a share
// link (`#v1=` + the state as JSON, deflated, base64url). No server.
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";

/** Everything needed to reproduce what the user sees. */
export interface State {
  text: string;
  /** Window start and length (days); `from` null means "today". */
  from: string | null;
  days: number;
  /** Display zone; null means the browser's. */
  zone: string | null;
  tab: string;
  /** The coverage target and schedule in view. */
  target?: string | null;
  schedule?: string | null;
  zoom?: string | null;
  /** Compare mode: OLD's document (the editor holds NEW); null when not comparing. */
  old?: string | null;
}

const STORAGE_KEY = "escalator.playground.v1";
/** localStorage holds a few MB per origin; keep well below. */
export const STORAGE_CAP = 1_000_000;
const SHARE_PREFIX = "#v1=";

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "===".slice((b64.length + 3) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Checks a decoded value is a state (anything else is ignored). */
function asState(value: unknown): State | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.text !== "string") return null;
  const str = (x: unknown) => (typeof x === "string" ? x : null);
  return {
    text: v.text,
    from: str(v.from),
    days: typeof v.days === "number" && v.days > 0 && v.days <= 366 ? Math.round(v.days) : 28,
    zone: str(v.zone),
    tab: str(v.tab) ?? "coverage",
    target: str(v.target),
    schedule: str(v.schedule),
    zoom: str(v.zoom),
    ...(typeof v.old === "string" ? { old: v.old } : {}),
  };
}

/** The share link's hash for a state. */
export function encodeShare(state: State): string {
  return SHARE_PREFIX + toBase64Url(deflateSync(strToU8(JSON.stringify(state)), { level: 9 }));
}

/** The state in a `#v1=` hash, or null (other versions and garbage alike). */
export function decodeShare(hash: string): State | null {
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  try {
    return asState(JSON.parse(strFromU8(inflateSync(fromBase64Url(hash.slice(SHARE_PREFIX.length))))));
  } catch {
    return null;
  }
}

/** Saves the state; returns false when it is too large to keep (the text is not saved). */
export function save(state: State): boolean {
  const json = JSON.stringify(state);
  if (json.length > STORAGE_CAP) return false;
  try {
    localStorage.setItem(STORAGE_KEY, json);
    return true;
  } catch {
    return false;
  }
}

export function load(): State | null {
  try {
    const json = localStorage.getItem(STORAGE_KEY);
    return json ? asState(JSON.parse(json)) : null;
  } catch {
    return null;
  }
}
