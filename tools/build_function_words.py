"""Build ``rules/patterns/function_words.tsv``, ``common_words.tsv`` and ``idioms.tsv`` from jieba's dictionary.

Names found by suffix patterns grow leftwards over words until they meet a word that cannot be
part of a name: a verb, adverb, preposition, conjunction, particle, pronoun, time word or
adjective. jieba's ``dict.txt`` (MIT) tags 349k words with parts of speech and frequencies; this
script keeps the frequent ones with those tags. ``kg`` then removes generic name words and every
gazetteer name from the list when it loads it.

``common_words.tsv`` holds the frequent common nouns and noun-like words (学校, 合作社, 数字): a
name whose head is made only of such words and function words is a description, not a name
(农牧民专业合作社, 高中学校), unless its rule says otherwise.

``idioms.tsv`` holds fixed four-character idioms (成语): those with a numeral look like numbered
formulas (千方百计, 四面八方) and some look like names with a suffix (人山人海, 排山倒海); neither is.

    python tools/build_function_words.py [--min-freq 100]
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

SDIST = "jieba==0.42.1"
TAGS = {"v", "vd", "vg", "p", "c", "d", "u", "r", "t", "ad", "a", "f"}
COMMON_TAGS = {"n", "vn", "an", "b", "s", "l", "j", "ng"}
COMMON_MIN_FREQ = 20
IDIOM_TAGS = {"i"}
IDIOM_MIN_FREQ = 5  # idioms with a numeral are kept whatever their frequency
NUMERALS = set("一二两三四五六七八九十百千万")
PATTERNS = Path(__file__).resolve().parents[1] / "rules" / "patterns"
OUT = PATTERNS / "function_words.tsv"
COMMON_OUT = PATTERNS / "common_words.tsv"
IDIOMS_OUT = PATTERNS / "idioms.tsv"


def write_table(path: Path, rows: list[tuple[str, str, int]], tags: set[str], min_freq: int, extra: str = "") -> None:
    """One word per line with its tag and frequency, under a line saying where it came from."""
    with path.open("w", encoding="utf-8") as f:
        f.write(
            f"# source: PyPI sdist {SDIST}, jieba/dict.txt (MIT); words tagged {', '.join(sorted(tags))} "
            f"with frequency >= {min_freq}{extra}; built by tools/build_function_words.py\n"
        )
        f.write("word\ttag\tfreq\n")
        for word, tag, freq in sorted(rows):
            f.write(f"{word}\t{tag}\t{freq}\n")
    print(f"build_function_words: {len(rows)} words → {path}")


def read_dictionary() -> str:
    """Download the jieba sdist with pip and return its dict.txt."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", SDIST, "-d", tmp], check=True)
        archive = next(Path(tmp).glob("jieba-*.tar.gz"))
        with tarfile.open(archive) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("jieba/dict.txt"))
            return io.TextIOWrapper(tar.extractfile(member), encoding="utf-8").read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-freq", type=int, default=100)
    args = parser.parse_args()
    rows, common, idioms = [], [], []
    for line in read_dictionary().splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2]
        if not all("\u4e00" <= ch <= "\u9fff" for ch in word):
            continue
        if tag in TAGS and freq >= args.min_freq:
            rows.append((word, tag, freq))
        if tag in COMMON_TAGS and freq >= COMMON_MIN_FREQ and len(word) > 1:
            common.append((word, tag, freq))
        if tag in IDIOM_TAGS and len(word) == 4 and (freq >= IDIOM_MIN_FREQ or NUMERALS & set(word)):
            idioms.append((word, tag, freq))
    write_table(OUT, rows, TAGS, args.min_freq)
    write_table(COMMON_OUT, common, COMMON_TAGS, COMMON_MIN_FREQ)
    write_table(IDIOMS_OUT, idioms, IDIOM_TAGS, IDIOM_MIN_FREQ, ", four characters (any frequency with a numeral)")


if __name__ == "__main__":
    main()
