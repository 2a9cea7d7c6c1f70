"""The Word and HTML readers: footnotes and endnotes, markers glued as a PDF prints them, and the
layouts a letter comes in (a paragraph or a <p> per line or per paragraph, <br> lines, tables)."""
from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pytest

from jbz.read import UnreadableFile, read_bytes
from layouts import word_file

docx = pytest.importorskip("docx", reason="python-docx builds the Word files")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def words(text: str) -> str:
    return " ".join(text.split())


# -- Word ---------------------------------------------------------------------------------------

def _notes_part(kind: str, notes: dict[int, str]) -> str:
    # Word's own separator notes (ids -1 and 0) come first in every real notes part.
    separators = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                  f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                  f'</w:r></w:p></w:{kind}>')
    body = "".join(f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{kind}Ref/></w:r>'
                   f'<w:r><w:t xml:space="preserve"> {html.escape(text)}</w:t></w:r></w:p></w:{kind}>'
                   for note_id, text in notes.items())
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s xmlns:w="{W}">{separators}{body}</w:{kind}s>'


def word_file_with_notes(paragraphs: list[str], footnotes: dict[int, str], endnotes: dict[int, str] | None = None,
                         damaged: str | None = None) -> bytes:
    """Return a Word file whose paragraphs mark a reference as [fn:ID] or [en:ID], with its notes
    parts, relationships and content types written by hand (python-docx cannot)."""
    parts = {"footnote": footnotes, "endnote": endnotes or {}}
    source = zipfile.ZipFile(io.BytesIO(word_file(paragraphs)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in ("word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"):
                data = data.decode("utf-8")
            if item.filename == "word/document.xml":
                data = re.sub(r"\[(fn|en):(\d+)\]", lambda m: (
                    f'</w:t></w:r><w:r><w:footnoteReference w:id="{m[2]}"/></w:r><w:r><w:t xml:space="preserve">'
                    if m[1] == "fn" else
                    f'</w:t></w:r><w:r><w:endnoteReference w:id="{m[2]}"/></w:r><w:r><w:t xml:space="preserve">'),
                    data)
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace("</Relationships>", "".join(
                    f'<Relationship Id="rIdJbz{kind}" Type="{RELS}/{kind}s" Target="{kind}s.xml"/>'
                    for kind in parts) + "</Relationships>")
            elif item.filename == "[Content_Types].xml":
                data = data.replace("</Types>", "".join(
                    f'<Override PartName="/word/{kind}s.xml" ContentType="{CONTENT}.{kind}s+xml"/>'
                    for kind in parts) + "</Types>")
            target.writestr(item, data)
        for kind, notes in parts.items():
            target.writestr(f"word/{kind}s.xml", damaged if damaged and kind == "footnote" else _notes_part(kind, notes))
    return out.getvalue()


def read_word(data: bytes) -> list[str]:
    return read_bytes(data, ".docx").text.split("\n")


def test_word_footnote_marker_is_glued_to_its_word_and_the_note_follows_the_letter():
    data = word_file_with_notes(
        ["De Raad kwam bijeen in Luxemburg[fn:1] en sprak over Schengen.",
         "De volgende Raad is op 8 december.[fn:2]", "Met vriendelijke groet,"],
        {1: "Kamerstuk 32317, nr. 990.", 2: "Raadsdocument 12345/25."})
    lines = read_word(data)
    assert lines[:3] == ["De Raad kwam bijeen in Luxemburg1 en sprak over Schengen.",
                         "De volgende Raad is op 8 december.2", "Met vriendelijke groet,"]
    assert lines[3:] == ["1 Kamerstuk 32317, nr. 990.", "2 Raadsdocument 12345/25."]


def test_word_notes_are_numbered_in_the_order_the_body_refers_to_them_and_endnotes_number_on():
    data = word_file_with_notes(
        ["Eerst de Raad[en:7] en dan het Parlement[fn:5].", "Verder de Commissie[fn:2] en de Raad[fn:5] weer."],
        {2: "Tweede voetnoot.", 5: "Eerste voetnoot.", 9: "Nergens naar verwezen."}, {7: "Een eindnoot."})
    lines = read_word(data)
    # Two footnotes are referred to, so the endnote is 3, wherever it stands in the body.
    assert lines[:2] == ["Eerst de Raad3 en dan het Parlement1.", "Verder de Commissie2 en de Raad1 weer."]
    assert lines[2:] == ["1 Eerste voetnoot.", "2 Tweede voetnoot.", "3 Een eindnoot."]


def test_word_separator_notes_and_a_reference_to_a_missing_note_print_nothing():
    lines = read_word(word_file_with_notes(["Alleen[fn:4] tekst."], {1: "Niet gebruikt."}))
    assert lines == ["Alleen tekst."]


def test_a_damaged_footnotes_part_is_refused_with_a_reason():
    data = word_file_with_notes(["Tekst[fn:1]."], {1: "Noot."}, damaged="<w:footnotes><w:footnote")
    with pytest.raises(UnreadableFile, match="footnotes of this Word file .* damaged"):
        read_bytes(data, ".docx")


def test_word_soft_line_breaks_end_lines_page_breaks_open_pages_and_tabs_are_spaces():
    document = docx.Document()
    paragraph = document.add_paragraph("Den Haag,")
    paragraph.add_run().add_break()
    paragraph.add_run("26 februari\t2026")
    paragraph = document.add_paragraph("Op de volgende pagina")
    paragraph.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    paragraph.add_run("Nieuwe pagina")
    out = io.BytesIO()
    document.save(out)
    assert read_word(out.getvalue()) == ["Den Haag,", "26 februari 2026", "Op de volgende pagina", " ",
                                         "Nieuwe pagina"]


def test_word_table_rows_are_cells_joined_by_bars_and_layout_cells_keep_their_lines():
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Datum", "26 februari 2026"
    table.cell(1, 0).text = "Onderwerp"
    table.cell(1, 1).text = "Geannoteerde agenda"
    table.cell(1, 1).add_paragraph("JBZ-Raad 5 en 6 maart 2026")
    out = io.BytesIO()
    document.save(out)
    assert read_word(out.getvalue()) == ["Datum | 26 februari 2026", "Onderwerp", "Geannoteerde agenda",
                                         "JBZ-Raad 5 en 6 maart 2026"]


def test_word_list_numbers_stay_as_word_draws_them():
    document = docx.Document()
    document.add_paragraph("Agenda")
    document.add_paragraph("Binnenlandse Zaken", style="List Number")
    document.add_paragraph("Schengen", style="List Number")
    out = io.BytesIO()
    document.save(out)
    assert read_word(out.getvalue()) == ["Agenda", "1. Binnenlandse Zaken", "2. Schengen"]


@pytest.mark.parametrize("seed", SEEDS[:2], ids=lambda path: path.stem)
def test_a_seed_as_word_reads_to_the_same_words_with_a_paragraph_per_line_or_per_paragraph(seed):
    text = read_bytes(seed.read_bytes(), ".txt").text
    per_line = read_bytes(word_file([line.strip() for line in text.split("\n")]), ".docx").text
    per_paragraph = read_bytes(word_file([" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]),
                               ".docx").text
    assert words(per_line) == words(text)
    assert words(per_paragraph) == words(text)


# -- HTML ---------------------------------------------------------------------------------------

def read_page(page: str) -> list[str]:
    return read_bytes(page.encode("utf-8"), ".html").text.split("\n")


# As zoek.officielebekendmakingen.nl prints a Kamerstuk: the metadata table, the letter in
# <div id="broodtekst">, markers as <sup><a class="nootnum">, the notes in <div id="noten">.
OFFICIELE_BEKENDMAKINGEN = """<!DOCTYPE html><html lang="nl"><head><title>Kamerstuk 32317, nr. 621</title>
<script>var menu = "Zoeken";</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li>Zoeken</li></ul></nav><header>Officiële bekendmakingen</header>
<div id="broodtekst" class="stuk">
<table class="table--dataintro"><thead><tr><th>Datum publicatie</th><th>Organisatie</th><th>Vergaderjaar</th>
<th>Dossier- en ondernummer</th></tr></thead><tbody><tr><td>12 juni 2020</td>
<td>Tweede Kamer der Staten-Generaal</td><td>2019-2020</td><td>32317 nr. 621</td></tr></tbody></table>
<p class="kop">32&nbsp;317 JBZ-Raad</p>
<p>De Raad kwam op 4 en 5 juni bijeen in <b>Luxem</b><span>burg</span> <sup><a class="nootnum supernote-click-ID-1"
href="#ID-1">1</a></sup> en sprak over het <a href="/x">Asiel- en Migratiepact</a> &amp; Schengen.</p>
<p>De volgende Raad is op 8 december.<sup><a class="nootnum supernote-click-ID-2" href="#ID-2">2</a></sup></p>
</div>
<div id="noten"><hr/>
<div class="voet noot snp-mouseoffset snb-pinned notedefault" id="supernote-note-ID-1">
<h5 class="note-close"><a class="note-close" href="#close-ID-1">X</a> Noot</h5>
<sup><span class="nootnum"><a id="ID-1" name="ID-1"></a>1</span></sup><p>Kamerstuk 32317, nr. 612.</p></div>
<div class="voet noot snp-mouseoffset snb-pinned notedefault" id="supernote-note-ID-2">
<h5 class="note-close"><a class="note-close" href="#close-ID-2">X</a> Noot</h5>
<sup><span class="nootnum"><a id="ID-2" name="ID-2"></a>2</span></sup><p>Zie <a href="https://eur-lex.europa.eu">
https://eur-lex.europa.eu</a></p></div>
</div>
<footer>Colofon Privacy Cookies</footer></body></html>"""


def test_officielebekendmakingen_page_reads_its_table_letter_markers_and_notes():
    lines = read_page(OFFICIELE_BEKENDMAKINGEN)
    assert lines[:2] == ["Datum publicatie | Organisatie | Vergaderjaar | Dossier- en ondernummer",
                         "12 juni 2020 | Tweede Kamer der Staten-Generaal | 2019-2020 | 32317 nr. 621"]
    assert "32 317 JBZ-Raad" in lines
    assert ("De Raad kwam op 4 en 5 juni bijeen in Luxemburg1 en sprak over het Asiel- en Migratiepact & Schengen."
            in lines)
    assert "De volgende Raad is op 8 december.2" in lines
    assert lines[-2:] == ["1 Kamerstuk 32317, nr. 612.", "2 Zie https://eur-lex.europa.eu"]
    text = "\n".join(lines)
    assert text.count("Kamerstuk 32317, nr. 612.") == 1
    assert not any(word in text for word in ("Home", "Zoeken", "Colofon", "Noot", "X ", "Officiële"))


def test_a_plain_sup_marker_is_glued_even_after_a_no_break_space():
    assert read_page("<p>bijeen in Luxemburg&nbsp;<sup>1</sup> en in Brussel <sup> 2 </sup>.</p>") == [
        "bijeen in Luxemburg1 en in Brussel2."]


def test_voetnoten_block_with_a_paragraph_per_note_and_its_heading_dropped():
    page = ("<div id='broodtekst'><p>Tekst<sup>1</sup> en meer<sup>2</sup>.</p>"
            "<div class='voetnoten'><h2>Voetnoten</h2><p>1 Eerste noot.</p><p>2. Tweede noot.</p></div></div>")
    assert read_page(page) == ["Tekst1 en meer2.", "1 Eerste noot.", "2 Tweede noot."]


def test_notes_in_an_ordered_list_are_numbered_by_the_list():
    page = ('<body><p>Tekst<a href="#fn1" class="footnote-ref" role="doc-noteref"><sup>1</sup></a> verder'
            '<a href="#fn2" class="footnote-ref"><sup>2</sup></a>.</p>'
            '<section class="footnotes"><hr/><ol><li id="fn1"><p>Noot een.<a href="#fnref1" class="footnote-back">'
            '↩︎</a></p></li><li id="fn2"><p>Noot twee.</p></li></ol></section></body>')
    assert read_page(page) == ["Tekst1 verder2.", "1 Noot een.", "2 Noot twee."]


def test_word_saved_as_web_page_marks_and_lists_its_footnotes():
    page = ("<html><body><div class=WordSection1><p class=MsoNormal>Raad in Luxemburg<a style='mso-footnote-id:ftn1' "
            "href=\"#_ftn1\" name=\"_ftnref1\"><span class=MsoFootnoteReference><![if !supportFootnotes]>[1]"
            "<![endif]></span></a> bijeen.</p></div><div style='mso-element:footnote-list'><![if !supportFootnotes]>"
            "<br clear=all><hr align=left size=1 width=\"33%\"><![endif]><div style='mso-element:footnote' id=ftn1>"
            "<p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href=\"#_ftnref1\" name=\"_ftn1\">"
            "<span class=MsoFootnoteReference>[1]</span></a> Kamerstuk 32317, nr. 990.</p></div></div></body></html>")
    assert read_page(page) == ["Raad in Luxemburg1 bijeen.", "1 Kamerstuk 32317, nr. 990."]


def test_inline_tags_never_split_a_word_or_a_line_and_entities_are_decoded():
    page = ("<p>De <b>Raad</b> <span class='x'>Justitie</span> en <i>Binnen</i>landse&nbsp;Zaken "
            "(<a href='#'>JBZ</a>) &amp; de Commissie&#8217;s &lt;voorstel&gt;</p>")
    assert read_page(page) == ["De Raad Justitie en Binnenlandse Zaken (JBZ) & de Commissie’s <voorstel>"]


def test_br_and_unclosed_p_each_end_a_line():
    assert read_page("<body><p>Den Haag,<br>26 februari 2026<br/><p>Geachte voorzitter,<p>Hierbij</body>") == [
        "Den Haag,", "26 februari 2026", "Geachte voorzitter,", "Hierbij"]


def test_an_ordered_list_prints_the_numbers_the_browser_draws_unless_the_items_print_their_own():
    page = ("<p>Agenda</p><ol><li>Binnenlandse Zaken<li><p>Schengen</p><ol type='a'><li>Evaluatie</ol></ol>"
            "<ol><li>1. Al genummerd</li></ol><ul><li>Een punt</li></ul>")
    assert read_page(page) == ["Agenda", "1. Binnenlandse Zaken", "2. Schengen", "a. Evaluatie", "1. Al genummerd",
                               "Een punt"]


def test_a_layout_table_keeps_the_lines_of_its_cells():
    page = ("<table><tr><td><p>Ministerie van Justitie</p><p>Turfmarkt 147</p></td><td>Datum</td></tr>"
            "<tr><td>Onderwerp</td><td></td><td>Geannoteerde agenda</td></tr></table>")
    assert read_page(page) == ["Ministerie van Justitie", "Turfmarkt 147", "Datum", "Onderwerp | Geannoteerde agenda"]


# -- a seed letter as HTML -------------------------------------------------------------------------

def _escape(line: str) -> str:
    return html.escape(line.strip(), quote=False)


def _blocks(text: str) -> list[list[str]]:
    return [[line for line in block.split("\n") if line.strip()] for block in re.split(r"\n\s*\n", text)
            if block.strip()]


def _page(body: str) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>Kamerstuk</title></head><body><nav>Home Zoeken</nav>"
            f"<div id='broodtekst'>{body}</div><footer>Colofon</footer></body></html>").encode("utf-8")


HTML_LAYOUTS = {
    "p_per_paragraph": lambda text: _page("\n".join(f"<p>{_escape(' '.join(block))}</p>" for block in _blocks(text))),
    "p_per_line": lambda text: _page("\n".join(f"<p>{_escape(line)}</p>" for line in text.split("\n"))),
    "br_between_lines": lambda text: _page("\n".join("<p>" + "<br>\n".join(_escape(line) for line in block) + "</p>"
                                                      for block in _blocks(text))),
}


@pytest.mark.parametrize("layout", sorted(HTML_LAYOUTS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_a_seed_as_html_reads_to_the_same_words_as_its_text(seed, layout):
    text = read_bytes(seed.read_bytes(), ".txt").text
    read = read_bytes(HTML_LAYOUTS[layout](text), ".html").text
    assert words(read) == words(text)
    if layout != "p_per_paragraph":  # a line per line: the lines themselves are the text's
        assert read.split("\n") == [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def test_a_seed_as_html_with_its_footnote_markers_as_sup_keeps_them_glued():
    text = read_bytes(SEEDS[1].read_bytes(), ".txt").text
    assert "innovatie.2 Ook" in text
    marked = re.sub(r"(?<=[a-z.)])(\d)(?= )", r"<sup>\1</sup>", html.escape(text, quote=False))
    page = "".join(f"<p>{' '.join(block.split())}</p>" for block in re.split(r"\n\s*\n", marked))
    assert words(read_bytes(_page(page), ".html").text) == words(text)
