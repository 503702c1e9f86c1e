// Sends the document's paragraphs to the organisation's vblint server and places each finding
// back on its paragraph. Paragraphs travel together (joined by a blank line) so that what one
// paragraph says, such as a child's age, still shapes the findings in the next; offsets are
// UTF-16 code units, JavaScript's own string indices, so an emoji never shifts a finding.

export const SEPARATOR = "\n\n";
export const CHUNK_CHARS = 20000;
export const BATCH_DOCUMENTS = 50;

export class CheckError extends Error {
  constructor(message, { status = 0, code = "" } = {}) {
    super(message);
    this.name = "CheckError";
    this.status = status;
    this.code = code;
  }
}

/** "https://vblint.example.org/" -> "https://vblint.example.org/v1/check/batch". */
export function batchUrl(server) {
  return `${server.replace(/\/+$/, "")}/v1/check/batch`;
}

/**
 * Whole paragraphs gathered into texts of at most ``limit`` characters, each remembering where
 * every paragraph starts in it. Empty paragraphs are left out; a paragraph longer than the
 * limit is a text of its own.
 */
export function chunkParagraphs(paragraphs, limit = CHUNK_CHARS) {
  const chunks = [];
  let current = null;
  for (const { index, text } of paragraphs) {
    if (!text.trim()) continue;
    const extra = current ? SEPARATOR.length + text.length : text.length;
    if (!current || current.text.length + extra > limit) {
      current = { id: String(chunks.length), text: "", parts: [] };
      chunks.push(current);
    }
    if (current.text) current.text += SEPARATOR;
    current.parts.push({ index, offset: current.text.length, text });
    current.text += text;
  }
  return chunks;
}

/**
 * The chunk's findings with ``paragraph``, ``start``/``end`` inside that paragraph and the
 * paragraph's text as checked; a finding that would cross paragraphs is left out.
 */
export function placeFindings(chunk, findings) {
  const placed = [];
  for (const f of findings) {
    const part = chunk.parts.find(
      (p) => p.offset <= f.start && f.start < p.offset + p.text.length,
    );
    if (!part || f.end > part.offset + part.text.length) continue;
    placed.push({
      ...f,
      paragraph: part.index,
      start: f.start - part.offset,
      end: f.end - part.offset,
      paragraphText: part.text,
    });
  }
  return placed;
}

function failure(status, data, settings) {
  const message = data?.error?.message;
  if (status === 401) {
    return new CheckError("The server needs an API key: add your organisation's key in Settings.", {
      status,
      code: "unauthorized",
    });
  }
  if (status === 429) return new CheckError(message || "Too many checks: try again shortly.", { status });
  return new CheckError(
    `Not checked: ${message || `the server at ${settings.server} answered ${status}`}`,
    { status, code: data?.error?.code || "" },
  );
}

/**
 * Every finding of the document, placed on its paragraph. Only the paragraphs' text, the
 * profile and the offset units leave the pane, and only to the configured server.
 */
export async function checkParagraphs(paragraphs, settings, fetchImpl = globalThis.fetch) {
  const chunks = chunkParagraphs(paragraphs);
  const headers = { "Content-Type": "application/json" };
  if (settings.apiKey) headers.Authorization = `Bearer ${settings.apiKey}`;
  const findings = [];
  for (let i = 0; i < chunks.length; i += BATCH_DOCUMENTS) {
    const batch = chunks.slice(i, i + BATCH_DOCUMENTS);
    const body = {
      documents: batch.map(({ id, text }) => ({ id, text })),
      offset_encoding: "utf-16",
    };
    if (settings.profile) body.profile = settings.profile;
    let response;
    try {
      response = await fetchImpl(batchUrl(settings.server), {
        method: "POST",
        headers,
        cache: "no-store",
        credentials: "omit",
        body: JSON.stringify(body),
      });
    } catch {
      throw new CheckError(`Cannot reach the vblint server at ${settings.server}.`);
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) throw failure(response.status, data, settings);
    for (const result of data.results) {
      const chunk = batch.find((c) => c.id === result.id);
      if (chunk) findings.push(...placeFindings(chunk, result.findings));
    }
  }
  return findings;
}
