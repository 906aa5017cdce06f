"""Text out of any policy file: .txt (any common Chinese encoding), .pdf, .docx, .html/.htm.

`read_file(path)` returns the text as lines (1-based line numbers are the provenance of every
appearance), the PDF page of each line when the file has pages, and how the text was obtained.
A file that cannot give usable text raises `ReadError` naming the file and the reason; nothing
is guessed from a damaged file.

Libraries: pypdf (pure Python, no system libraries; reads the text layer with the ToUnicode maps
Chinese PDFs need), python-docx (paragraphs and tables in document order), BeautifulSoup
(HTML with scripts, styles and navigation dropped), charset-normalizer (a last guess at an
encoding after strict UTF-8 and strict GB18030). Image-only PDF pages are read by OCR with
Debian's tesseract (chi_sim) through pdftoppm when both are installed, and marked as OCR.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from data.reader.notes import note

MAX_FILE_BYTES = 25 * 1024 * 1024      # a policy file larger than this is refused, not read for a minute
MAX_TEXT_CHARS = 2_000_000             # about 2.5 times the largest compilation in the corpus
EXTENSIONS = (".txt", ".pdf", ".docx", ".html", ".htm")
CJK = re.compile(r"[\u4e00-\u9fff]")
BAD_GLYPH = re.compile(r"\(cid:\d+\)|\ufffd|[\ue000-\uf8ff]")


class ReadError(ValueError):
    """A file the reader cannot turn into usable text; the message names the file and the reason.

    `reason` is a stable code and `facts` its figures, so that an interface can say the same thing in its own
    language (dashboard/i18n.py, keys refuse.<reason>); the message is the English wording for logs and the CLI."""

    def __init__(self, message: str, reason: str = "unreadable", **facts):
        super().__init__(message)
        self.reason, self.facts = reason, facts


@dataclass
class SourceText:
    file: str                                   # file name, as provenance cites it
    lines: list[str]
    pages: list[int | None]                     # PDF page of each line (None for text, Word, HTML)
    method: str                                 # utf-8, gb18030, pdf-text, pdf-ocr, docx, html …
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def read_file(path: Path) -> SourceText:
    path = Path(path)
    name = path.name
    if not path.exists():
        raise ReadError(f"{name}: file is missing", "missing")
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise ReadError(f"{name}: unknown file type {suffix or '(none)'}; the reader takes {', '.join(EXTENSIONS)}",
                        "unknown_type", suffix=suffix or "—", known=" ".join(EXTENSIONS))
    size = path.stat().st_size
    if size == 0:
        raise ReadError(f"{name}: file is empty", "empty")
    if size > MAX_FILE_BYTES:
        raise ReadError(f"{name}: file is {size / 2**20:.1f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit", "too_big",
                        mb=f"{size / 2**20:.1f}", limit=MAX_FILE_BYTES // 2**20)
    data = path.read_bytes()
    if suffix == ".pdf":
        found = _read_pdf(name, data)
    elif suffix == ".docx":
        found = _read_docx(name, data)
    elif suffix in (".html", ".htm"):
        text, encoding = decode_text(name, data)
        found = SourceText(name, _html_lines(text), [], f"html ({encoding})")
    else:
        text, encoding = decode_text(name, data)
        found = SourceText(name, text.split("\n"), [], encoding)
    found.lines = [unicodedata.normalize("NFC", l.rstrip("\r")) for l in found.lines]
    if is_traditional(found.lines):
        found.lines = to_simplified(found.lines)
        found.method += "+t2s"
        found.notes.append(note("traditional"))
    if not found.pages:
        found.pages = [None] * len(found.lines)
    chars = sum(len(l) for l in found.lines)
    if chars > MAX_TEXT_CHARS:
        raise ReadError(f"{name}: {chars:,} characters of text, over the {MAX_TEXT_CHARS:,} limit for one file",
                        "too_long", chars=f"{chars:,}", limit=f"{MAX_TEXT_CHARS:,}")
    if not any(l.strip() for l in found.lines):
        raise ReadError(f"{name}: no text in the file", "no_text")
    if not CJK.search(found.text):
        raise ReadError(f"{name}: no Chinese text found ({found.method}); is this a policy document?", "no_chinese")
    return found


# Traditional characters ----------------------------------------------------------------

def is_traditional(lines: list[str]) -> bool:
    """More than 3 % of the Chinese characters change under OpenCC's t2s: a traditional-character text."""
    sample = "".join(lines)[:20000]
    cjk = CJK.findall(sample)
    if len(cjk) < 20:
        return False
    converted = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    return len(converted) == len(sample) and changed > 0.03 * len(cjk)


def to_simplified(lines: list[str]) -> list[str]:
    converter = _t2s()
    return [converter.convert(l) for l in lines]


def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


# Plain text ---------------------------------------------------------------------

def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """(text, encoding): BOMs first, then strict UTF-8, strict GB18030, then charset-normalizer."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise ReadError(f"{name}: damaged {encoding} text (byte {err.start})", "damaged_text",
                                encoding=encoding, line=data[:err.start].count(b"\n") + 1) from err
    if b"\x00" in data[:65536]:  # UTF-16 without a BOM has NULs; so has any binary file
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _plausible_text(text):
                return text, encoding
    if b"\x00" in data[:65536]:
        raise ReadError(f"{name}: a binary file, not text", "binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        damaged_utf8(name, data, err)
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None or not CJK.search(str(best)):
        raise ReadError(f"{name}: not text in any encoding the reader knows (UTF-8, GB18030, UTF-16)", "unknown_encoding")
    return str(best), best.encoding


def damaged_utf8(name: str, data: bytes, err: UnicodeDecodeError) -> None:
    """UTF-8 text with a few bad bytes is a damaged UTF-8 file, not GB18030 (which would decode it
    into plausible-looking nonsense): refuse it, naming the line of the first bad byte."""
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    good = len(data.decode("utf-8", errors="ignore"))
    if good and bad <= 0.01 * good:
        line = data[:err.start].count(b"\n") + 1
        raise ReadError(f"{name}:{line}: damaged UTF-8 text ({bad} undecodable byte sequence(s), the first at "
                        f"byte {err.start}); the rest of the file is UTF-8", "damaged_text", encoding="UTF-8", line=line)


def _plausible_text(text: str) -> bool:
    """Mostly Chinese, printable ASCII and punctuation: what a wrong decoding never gives."""
    sample = text[:5000]
    good = sum(1 for ch in sample if CJK.match(ch) or ch.isprintable() and ord(ch) < 0x3000 and ord(ch) >= 0x20
               or ch in "\n\r\t" or 0x3000 <= ord(ch) <= 0x303f or 0xff00 <= ord(ch) <= 0xffef)
    return bool(sample) and good >= 0.95 * len(sample) and bool(CJK.search(sample))


# PDF ---------------------------------------------------------------------------------

def _read_pdf(name: str, data: bytes) -> SourceText:
    import io

    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(f"{name}: password-protected PDF", "password")
        texts = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise ReadError(f"{name}: damaged PDF ({err})", "damaged_pdf") from err
    if not texts:
        raise ReadError(f"{name}: PDF with no pages", "no_pages")
    # A page is unreadable when its text layer is garbage, or when it has no text but an image
    # (a scan); a page with neither is blank.
    bad = [i + 1 for i, t in enumerate(texts)
           if not usable_text_layer(t) and (t.strip() or _has_images(reader.pages[i]))]
    method, notes = "pdf-text", []
    if bad:
        ocr = ocr_pdf_pages(data, bad)
        if ocr is None:
            reason = "no text layer (scanned images?)" if not any(t.strip() for t in texts) else \
                "an unusable text layer ((cid:N), U+FFFD or private-use glyphs: fonts without a Unicode map)"
            raise ReadError(f"{name}: pages {_ranges(bad)} have {reason}, and OCR (tesseract chi_sim, pdftoppm) "
                            "is not installed", "no_ocr", pages=_ranges(bad))
        for page, text in ocr.items():
            texts[page - 1] = text
        method = "pdf-text+ocr" if len(bad) < len(texts) else "pdf-ocr"
        notes.append(note("ocr_pages", pages=_ranges(bad)))
    lines: list[str] = []
    pages: list[int | None] = []
    for no, text in enumerate(texts, 1):
        page_lines = text.split("\n")
        lines += page_lines
        pages += [no] * len(page_lines)
    return SourceText(name, lines, pages, method, notes)


def _has_images(page) -> bool:
    try:
        return len(page.images) > 0
    except Exception:  # an image pypdf cannot decode is still an image
        return True


def usable_text_layer(text: str) -> bool:
    """A page's text layer is usable when it has Chinese text and almost no undecodable glyphs."""
    stripped = re.sub(r"\s", "", text)
    if len(stripped) < 5:
        return False
    bad = sum(len(m) for m in BAD_GLYPH.findall(stripped))
    cjk = len(CJK.findall(stripped))
    return bad <= 0.02 * len(stripped) and cjk >= 0.2 * len(stripped)


def ocr_pdf_pages(data: bytes, pages: list[int]) -> dict[int, str] | None:
    """Text of the given pages by OCR, or None when pdftoppm or tesseract (chi_sim) is missing."""
    if not (shutil.which("pdftoppm") and shutil.which("tesseract")):
        return None
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    if "chi_sim" not in langs:
        return None
    out: dict[int, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(data)
        for page in pages:
            prefix = Path(tmp) / f"p{page}"
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", str(page), "-l", str(page),
                            "-singlefile", str(pdf), str(prefix)], check=True, capture_output=True, timeout=120)
            run = subprocess.run(["tesseract", f"{prefix}.png", "stdout", "-l", "chi_sim", "--psm", "6"],
                                 capture_output=True, text=True, timeout=300)
            out[page] = _unspace_cjk(run.stdout)
    return out


def _unspace_cjk(text: str) -> str:
    """tesseract separates Chinese characters by spaces; a space stays only between Latin letters or digits."""
    return re.sub(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])", "", text)


def _ranges(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages[:10]) + (" …" if len(pages) > 10 else "")


# Word and HTML ------------------------------------------------------------------------

def _read_docx(name: str, data: bytes) -> SourceText:
    import io
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise ReadError(f"{name}: damaged or not a Word .docx file ({err})", "damaged_docx") from err
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":  # one line per row, cells separated by a tab, as the text layouts print tables
            for row in Table(block, document).rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells))
                lines.append("\t".join(cells))
    return SourceText(name, lines, [], "docx")


BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article")


def _html_lines(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "aside", "button"]):
        tag.decompose()
    for cell in soup.find_all(["td", "th"]):
        cell.append("\t")
    root = soup.body or soup
    text = _block_text(root)
    lines = [re.sub(r"[ \t\u3000\xa0]+$", "", l) for l in text.split("\n")]
    out: list[str] = []
    for line in lines:  # collapse runs of blank lines that the markup leaves
        if line.strip() or (out and out[-1].strip()):
            out.append(line.strip(" \xa0"))
    return out


def _block_text(root) -> str:
    from bs4 import NavigableString

    parts: list[str] = []

    def walk(node):
        for child in node.children:
            if isinstance(child, NavigableString):
                parts.append(re.sub(r"[\r\n]+", " ", str(child)))
            else:
                block = child.name in BLOCK_TAGS
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")

    walk(root)
    return "".join(parts)
