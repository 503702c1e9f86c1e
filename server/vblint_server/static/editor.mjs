// Edits to the note that the browser's own undo and redo know about: an accepted rewrite is
// typed over its words with execCommand("insertText"), so Ctrl+Z puts the original back, and
// the Undo and Redo buttons ask the browser for the same steps.

/**
 * Replace [start, end) of the textarea (UTF-16 units) with ``text`` as typing would.
 * Returns true when the browser recorded it as an undoable step.
 */
export function typeOver(textarea, start, end, text) {
  const before = textarea.value;
  const expected = before.slice(0, start) + text + before.slice(end);
  textarea.focus();
  textarea.setSelectionRange(start, end);
  let typed = false;
  try {
    typed = document.execCommand("insertText", false, text);
  } catch {
    typed = false;
  }
  if (typed && textarea.value === expected) return true;
  // A browser without insertText on textareas: still the same edit, without its undo step.
  textarea.value = before;
  textarea.setRangeText(text, start, end, "end");
  textarea.dispatchEvent(new InputEvent("input", {
    bubbles: true, inputType: "insertReplacementText", data: text,
  }));
  return false;
}

/** Ask the browser to undo or redo the last edit in the textarea. */
export function history(textarea, step) {
  textarea.focus();
  try {
    return document.execCommand(step, false);
  } catch {
    return false;
  }
}
