from __future__ import annotations

import codecs

import pytest

from newsloom.ingest.encoding import declared_charsets, decode_bytes, normalize_label

RUSSIAN = [
    "Мэр Северогорска подписал указ о ремонте моста.",
    "Суд отклонил иск компании Ладога-Транс.",
    "В Заречье прошли выборы.",
    "Привет",
]
UKRAINIAN = [
    "Мер Білогір'я підписав угоду про ремонт порту.",
    "Суд у Житнівці відхилив позов компанії.",
    "Їжак з'їв яблуко в Ясенові.",
    "Вибори у Ясенові",
]
CYRILLIC_ENCODINGS = ["cp1251", "koi8-r", "koi8-u", "mac-cyrillic", "iso8859-5", "cp866"]
WESTERN = [
    "Le maire de Villebrune a été réélu à une large majorité.",
    "Die Brücke über die Saale bei Grünhain wird im März geöffnet.",
    "El alcalde de Montecillo visitó la región afectada.",
    "Café",
]


def _encodable(texts: list[str], encoding: str) -> list[str]:
    out = []
    for text in texts:
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            continue
        out.append(text)
    return out


@pytest.mark.parametrize("encoding", CYRILLIC_ENCODINGS)
def test_short_cyrillic_sentences_decode_in_every_code_page(encoding: str) -> None:
    texts = _encodable(RUSSIAN + UKRAINIAN, encoding)
    assert texts
    for text in texts:
        assert decode_bytes(text.encode(encoding)).text == text


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-u", "koi8-r", "mac-cyrillic"])
def test_cyrillic_mislabelled_as_latin1_is_recovered(encoding: str) -> None:
    for text in _encodable(RUSSIAN + UKRAINIAN, encoding):
        assert decode_bytes(text.encode(encoding), declared="iso-8859-1").text == text


def test_ukrainian_koi8u_is_not_read_as_koi8r() -> None:
    text = "Їжак з'їв яблуко в Ясенові."
    decoded = decode_bytes(text.encode("koi8-u"))
    assert decoded.text == text
    assert decoded.encoding == "koi8-u"


def test_cyrillic_page_with_meta_charset_uses_it() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Київ. Погода</p></body></html>'
    decoded = decode_bytes(page.encode("cp1251"))
    assert decoded.encoding == "cp1251"
    assert "Київ" in decoded.text


def test_cyrillic_page_labelled_latin1_in_http_equiv_is_recovered() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "</head><body><p>Суд у Житнівці відхилив позов компанії.</p></body></html>"
    )
    assert "Житнівці" in decode_bytes(page.encode("cp1251")).text


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8"])
def test_western_text_is_not_mistaken_for_cyrillic(encoding: str) -> None:
    for text in WESTERN:
        assert decode_bytes(text.encode(encoding)).text == text


def test_declared_latin1_western_page_keeps_its_label() -> None:
    page = '<meta charset="iso-8859-1"><p>Le maire a été réélu à Villebrune.</p>'
    decoded = decode_bytes(page.encode("latin-1"))
    assert decoded.encoding == "cp1252"
    assert "réélu" in decoded.text


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_byte_order_mark_wins_over_declaration(bom: bytes, encoding: str) -> None:
    text = '<meta charset="windows-1251"><p>Ясенів і Brückenau</p>'
    decoded = decode_bytes(bom + text.encode(encoding))
    assert decoded.text.lstrip("\ufeff") == text


def test_http_charset_is_used_when_it_decodes_cleanly() -> None:
    text = "Мер Білогір'я підписав угоду."
    assert decode_bytes(text.encode("koi8-u"), declared="koi8-u").encoding == "koi8-u"


def test_declared_utf8_that_does_not_decode_falls_back_to_detection() -> None:
    page = '<meta charset="utf-8"><p>Суд отклонил иск компании Ладога-Транс.</p>'
    assert "Ладога" in decode_bytes(page.encode("cp1251")).text


def test_xml_declaration_is_read() -> None:
    data = '<?xml version="1.0" encoding="koi8-r"?><rss><title>Новости</title></rss>'.encode(
        "koi8-r"
    )
    assert declared_charsets(data) == ["koi8-r"]
    assert "Новости" in decode_bytes(data).text


def test_utf8_without_declaration() -> None:
    text = "Ясенів, Brückenau, 北川市"
    assert decode_bytes(text.encode("utf-8")).text == text


def test_labels_follow_browser_aliases() -> None:
    assert normalize_label("ISO-8859-1") == "cp1252"
    assert normalize_label("windows-1251") == "cp1251"
    assert normalize_label("x-mac-cyrillic") == "mac-cyrillic"
    assert normalize_label("no-such-charset") is None
    assert normalize_label(None) is None


def test_every_whatwg_label_is_known_and_python_spellings_get_the_same_reading() -> None:
    assert normalize_label("x-cp1252") == "cp1252"
    assert normalize_label("windows-874") == "cp874"
    assert normalize_label(" KOI8 ") == "koi8-r"
    # charset-normalizer's guesses come in Python's spelling
    assert normalize_label("euc_kr") == "cp949"
    assert normalize_label("latin-1") == "cp1252"
    # no Python codec for WHATWG's `replacement`: Python's own codec is kept
    assert normalize_label("iso-2022-kr") == "iso2022_kr"


def test_undecodable_bytes_never_raise() -> None:
    decoded = decode_bytes(bytes(range(128, 256)) * 4, declared="utf-8")
    assert isinstance(decoded.text, str)


def test_page_labelled_latin1_that_is_valid_utf8_is_read_as_utf8() -> None:
    page = '<meta charset="iso-8859-1"><p>Die Brücke in Grünhain öffnet im März.</p>'
    decoded = decode_bytes(page.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert "Brücke" in decoded.text


def test_utf8_page_with_a_stray_cp1252_byte_keeps_both() -> None:
    good = "Die Brücke in Grünhain öffnet im März, sagte Bürgermeisterin Jördis Kahl."
    data = ('<meta charset="utf-8"><p>' + good + "</p><p>Mitgef").encode() + b"\xfchl</p>"
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert good in decoded.text and "Mitgefühl" in decoded.text


def test_legacy_labels_are_read_as_their_browser_supersets() -> None:
    assert normalize_label("GB2312") == "gbk"
    assert normalize_label("Shift_JIS") == "cp932"
    page = '<meta charset="gb2312"><p>北川市市长召开记者会见——要求恢复谈判。</p>'
    assert "——" in decode_bytes(page.encode("gbk")).text
