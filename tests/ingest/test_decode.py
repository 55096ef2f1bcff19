"""Encodings are detected, not assumed; binary files are named for what they are."""

from __future__ import annotations

import codecs

import pytest

from kg.ingest.decode import UndecodableError, declared_charset, decode_bytes

# Rare place-name characters: 鄌郚 and 亹 are outside GB2312; 艋舺 outside everyday Big5 use.
SIMPLIFIED = (
    "山东省安丘市鄌郚镇、青海省门源回族自治县(旧称亹源)和云南省勐腊县磨憨镇都有生僻地名。"
    "新疆维吾尔自治区喀什地区疏附县推进口岸建设,霍尔果斯经济开发区发展迅速。"
)
TRADITIONAL = (
    "臺灣艋舺與鹿港是古老的地名。新疆維吾爾自治區霍爾果斯口岸、喀什地區和伊寧市推進對外開放,"
    "中歐班列持續發展,邊境經濟合作區建設取得新成效。"
)


@pytest.mark.parametrize("encoding, expected", [("gb18030", "gb18030"), ("gbk", "gb18030")])
def test_gb_text_without_declaration(encoding, expected):
    text, used, warnings = decode_bytes(SIMPLIFIED.encode(encoding))
    assert (text, used, warnings) == (SIMPLIFIED, expected, [])


@pytest.mark.parametrize("length", [40, 80, None])
def test_big5_text_without_declaration_even_when_short(length):
    data = TRADITIONAL.encode("big5hkscs")[:length]
    text, used, _ = decode_bytes(data)
    assert used == "big5hkscs"
    assert TRADITIONAL.startswith(text.rstrip("\ufffd"))


def test_utf8_bom_is_not_part_of_the_text():
    text, used, _ = decode_bytes(codecs.BOM_UTF8 + "吉隆口岸".encode())
    assert (text, used) == ("吉隆口岸", "utf-8-sig")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding):
    data = "樟木口岸\r\n吉隆口岸".encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    text, _, _ = decode_bytes(data)
    assert text == "樟木口岸\n吉隆口岸"


def test_a_few_invalid_bytes_in_utf8_are_replaced_and_reported():
    data = ("吉隆口岸是中尼边境最大的陆路口岸。" * 20).encode() + b"\xff\xfe\xfa" + "樟木口岸。".encode()
    text, used, warnings = decode_bytes(data)
    assert used == "utf-8"
    assert text.endswith("\ufffd樟木口岸。") or "\ufffd" in text
    assert warnings and "invalid UTF-8" in warnings[0]


def test_declared_charset_is_used():
    page = '<html><head><meta charset="gb2312"></head><body>霍尔果斯</body></html>'.encode("gb18030")
    assert declared_charset(page) == "gb2312"
    text, used, _ = decode_bytes(page, declared=declared_charset(page))
    assert used == "gb18030" and "霍尔果斯" in text


def test_override_wins():
    text, used, _ = decode_bytes("口岸".encode("big5"), override="big5")
    assert (text, used) == ("口岸", "big5hkscs")


@pytest.mark.parametrize(
    "data, what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "OLE"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_files_are_named(data, what):
    with pytest.raises(UndecodableError, match=what):
        decode_bytes(data)


def test_newlines_are_normalised():
    assert decode_bytes("一\r\n二\r三\n".encode())[0] == "一\n二\n三\n"
