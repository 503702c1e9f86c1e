// Findings as the vblint API returns them, placed on paragraphs as the pane places them.
import mock from "office-addin-mock";
import { createWordHost } from "./word-model.mjs";

export const { OfficeMockObject } = mock;

export function host(paragraphs, options = {}) {
  return createWordHost(OfficeMockObject, { paragraphs, ...options });
}

/** A finding of ``words`` in paragraph ``paragraph`` of ``texts``, at its ``nth`` occurrence. */
export function finding(texts, paragraph, words, { nth = 0, quoted = false, ...rest } = {}) {
  const text = texts[paragraph];
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(words, start + 1);
  if (start < 0) throw new Error(`no ${words} in paragraph ${paragraph}`);
  return {
    rule: "VB101",
    name: "responsibility.reflexive-risk",
    category: "responsibility-shifting",
    severity: quoted ? "info" : "error",
    message: `'${words}' makes the child responsible for the risk someone else created.`,
    explanation: "Children cannot be expected to protect themselves from adults who harm them.",
    source: "UKCIS 2022",
    suggestions: quoted
      ? [{ text: "[Name] was describing what happened to her.", kind: "frame", placeholders: [] }]
      : [{ text: "they put her at risk", kind: "replace", placeholders: [] }],
    context: quoted ? ["quoted"] : [],
    paragraph,
    start,
    end: start + words.length,
    paragraphText: text,
    ...rest,
  };
}
