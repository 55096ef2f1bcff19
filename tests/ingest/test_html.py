"""HTML pages: the text without scripts, styles and menus, blocks as lines, entities unescaped."""

from __future__ import annotations

from kg.ingest.html import html_to_text

PAGE = """<!DOCTYPE html><html><head><title>站点标题</title><style>p{color:red}</style>
<script>var x = "吉隆口岸";</script></head><body>
<nav class="main-nav"><a href="/">首页</a> <a href="/news">新闻</a></nav>
<div id="breadcrumb">首页 &gt; 新闻</div>
<article><h1>霍尔果斯口岸&nbsp;通关量创新高</h1>
<p>中哈霍尔果斯国际边境合作中心&ldquo;一带一路&rdquo;建设
取得新进展。</p><p>第二段<br>换行后</p>
<table><tr><td>指标</td><td>2024</td></tr></table></article>
<div class="share-bar">分享到微信</div><footer>版权所有</footer>
<script>document.write("广告")</script></body></html>"""


def test_main_text_only(rules):
    text = html_to_text(PAGE, rules.junk.html)
    assert "var x" not in text and "color:red" not in text and "广告" not in text
    assert "首页" not in text and "分享到" not in text and "版权所有" not in text
    assert "站点标题" not in text


def test_blocks_become_lines_and_entities_are_unescaped(rules):
    lines = html_to_text(PAGE, rules.junk.html).splitlines()
    assert lines[0] == "霍尔果斯口岸\u00a0通关量创新高"  # &nbsp; unescaped, folded later
    assert "中哈霍尔果斯国际边境合作中心“一带一路”建设取得新进展。" in lines  # no space glued in
    assert "第二段" in lines and "换行后" in lines
    assert "指标" in lines and "2024" in lines


def test_page_of_scripts_only_has_no_text(rules):
    assert html_to_text("<html><body><script>alert(1)</script></body></html>", rules.junk.html).strip() == ""
