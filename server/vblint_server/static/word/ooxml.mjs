// A Word comment as Office Open XML, for hosts without the comments API (WordApi 1.4): the
// package holds only a comment reference and the comment itself, inserted after the words so
// that the words and their formatting are left exactly as they were.

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_DOCUMENT =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";

export function escapeXml(text) {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function paragraphs(text) {
  return text
    .split("\n")
    .map((line) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`)
    .join("");
}

function part(name, type, xml) {
  return `<pkg:part pkg:name="${name}" pkg:contentType="${type}"><pkg:xmlData>${xml}</pkg:xmlData></pkg:part>`;
}

/** A flat OPC package that adds one comment, by ``author``, at the insertion point. */
export function commentPackage(text, author = "vblint") {
  const who = escapeXml(author);
  return (
    `<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">` +
    part(
      "/_rels/.rels",
      "application/vnd.openxmlformats-package.relationships+xml",
      `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_DOCUMENT}" Target="word/document.xml"/></Relationships>`,
    ) +
    part(
      "/word/_rels/document.xml.rels",
      "application/vnd.openxmlformats-package.relationships+xml",
      `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${COMMENTS}" Target="comments.xml"/></Relationships>`,
    ) +
    part(
      "/word/document.xml",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
      `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:commentReference w:id="0"/></w:r></w:p></w:body></w:document>`,
    ) +
    part(
      "/word/comments.xml",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
      `<w:comments xmlns:w="${W}"><w:comment w:id="0" w:author="${who}" w:initials="VB">${paragraphs(text)}</w:comment></w:comments>`,
    ) +
    `</pkg:package>`
  );
}
