// Text from the report, with `backticked` commands shown as code.
import { h } from "../lib/dom.js";

export function richText(text) {
  const parts = String(text ?? "").split("`");
  return parts.map((part, i) => (i % 2 === 1 ? h("code", null, part) : part));
}
