"""What a reader sees on the built site: sources never with a guessed address, further
reading where a source gives it, contacts that lead somewhere, who runs Metodbanken, a menu
without developer pages, Swedish throughout (numbers in words, month names, no English
footer) and related content that shares a theme."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import yaml
from conftest import MKDOCS_YML, ROOT, make_site_project
from metodbank.build import engine_env
from metodbank.project import load_library
from mkdocs.utils.yaml import get_yaml_loader

LIBRARY = load_library(ROOT)
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())


def page(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def facts(text: str) -> str:
    return re.search(r'<section class="mb-facts".*?</section>', text, re.S).group(0)


def test_a_source_without_an_address_says_so(built_site):
    case = LIBRARY.entries["lina-hage-sodertalje"]
    assert not any(source.url for source in case.item.sources)
    box = facts(page(built_site, "fall/lina-hage-sodertalje"))
    title = case.item.sources[0].title
    assert re.search(
        re.escape(title) + r'[^<]*<span class="mb-note">Ingen webbadress i källan\.</span>', box
    ), box
    assert '<a href="http' not in box.split("<dt>Källor</dt>", 1)[1]


def test_further_reading_from_a_source_is_shown_and_published(built_site):
    box = facts(page(built_site, "fall/den-sociala-vaven"))
    assert "<dt>Läs mer</dt>" in box
    assert '<a href="https://socialinnovation.se/koalitionsmodellen/">' in box
    data = json.loads((built_site / "oppna-data" / "fall.json").read_text(encoding="utf-8"))
    reading = next(row for row in data if row["id"] == "den-sociala-vaven")["further_reading"]
    assert {
        "title": "Den sociala väven",
        "url": "https://www.ri.se/sv/vad-vi-gor/projekt/den-sociala-vaven",
        "publisher": "RISE",
    } in reading
    card = (built_site / "metodkort" / "koalitionsmodellen.html").read_text(encoding="utf-8")
    assert "Läs mer: Koalitionsmodellen" in card and "https://socialinnovation.se/koalitionsmodellen/" in card


def test_a_contact_leads_to_the_organisation_and_its_website(built_site):
    box = facts(page(built_site, "fall/allmannyttans-innovationslabb"))
    contact = box.split("<dt>Kontakt</dt>", 1)[1].split("</dd>", 1)[0]
    assert "Lena Liljendahl" in contact and "enligt källan från 2020" in contact
    assert '<a href="../../aktorer/sveriges-allmannytta/">Sveriges Allmännytta</a>' in contact
    website = LIBRARY.entries["sveriges-allmannytta"].item.website
    assert f'<a href="{website}">{website}</a>' in contact


def test_the_about_page_says_who_runs_it_and_how_to_reach_the_editors(built_site):
    text = page(built_site, "om")
    address = CONFIG["extra"]["metodbank"]["redaktion_epost"]
    assert f'<a href="mailto:{address}">{address}</a>' in text
    assert "projektets egen adress till redaktionen" in text
    assert "Vem står bakom?" in text
    tip = page(built_site, "bidra/tipsa")
    assert f"mailto:{address}?subject=" in tip
    # The tests build with a repository address (METODBANK_REPO_URL, see conftest): the form
    # on GitHub is offered; without one the line is left out (next test).
    repo = os.environ["METODBANK_REPO_URL"]
    assert f'href="{repo}/issues/new?template=tipsa-om-ett-fall.yml"' in tip and "{{" not in tip
    assert "git add cases organisations" in page(built_site, "bidra")


def test_the_repository_form_is_offered_when_the_address_is_set():
    from metodbank.site.home import fill_settings

    text = (ROOT / "docs" / "bidra" / "tipsa.md").read_text(encoding="utf-8")
    settings = {"redaktion_epost": "redaktionen@example.org", "repo_url": "https://github.com/o/r"}
    filled = fill_settings(text, settings, "bidra/tipsa.md")
    assert 'href="https://github.com/o/r/issues/new?template=tipsa-om-ett-fall.yml"' in filled
    unset = fill_settings(text, {**settings, "repo_url": ""}, "bidra/tipsa.md")
    assert "issues/new" not in unset and "Skicka ett tips med e-post" in unset


def test_developer_pages_are_under_contributing_not_in_the_public_menu():
    nav = CONFIG["nav"]
    top = [next(iter(item)) for item in nav]
    about = next(item["Om"] for item in nav if "Om" in item)
    assert "Prestanda" not in json.dumps(about, ensure_ascii=False)
    contribute = json.dumps(next(item["Bidra"] for item in nav if "Bidra" in item), ensure_ascii=False)
    assert '"För utvecklare"' in contribute and "API-referens" in contribute and "Prestanda" in contribute
    assert "Prestanda" not in top and "API-referens" not in top


def test_no_english_left_in_the_frame(built_site):
    for path in [
        built_site / "index.html",
        built_site / "404.html",
        built_site / "fall" / "bis-boden" / "index.html",
    ]:
        text = path.read_text(encoding="utf-8")
        assert "Made with" not in text and "Material for MkDocs" not in text
        assert "404 - Not found" not in text
    assert "<h1>Sidan finns inte</h1>" in (built_site / "404.html").read_text(encoding="utf-8")


def test_the_start_page_starts_the_journeys_and_ends_without_a_citation(built_site):
    text = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Så citerar du" not in text
    assert 'action="hitta-metod/"' in text and 'name="q"' in text
    tiles = re.findall(r'<a class="mb-tile" href="([^"]+)">', text)
    themes = sorted({t for e in LIBRARY.entries.values() for t in getattr(e.item, "themes", [])})
    assert tiles == [
        f"teman/{t}/" for t in sorted(themes, key=lambda t: LIBRARY.vocabulary.label("themes", t).lower())
    ]
    for href in ("hitta-metod/", "metodkort/", "bidra/tipsa/", "bidra/"):
        assert f'href="{href}"' in text, href


def test_swedish_numbers_and_month_names(built_site):
    finder = page(built_site, "hitta-metod")
    assert "Använd i ett fall" in finder and "Använd i 1 fall" not in finder
    compare = (built_site / "jamfor" / "metoder.json").read_text(encoding="utf-8")
    assert "Använd i ett fall i en kommun." in compare
    case = facts(page(built_site, "fall/coompanion-sodertalje-motesplatser"))
    period = LIBRARY.entries["coompanion-sodertalje-motesplatser"].item.period
    assert (period.start, period.end) == ("2015-11", "2016-08")
    assert "<dd>nov 2015–aug 2016</dd>" in case


def test_related_content_prefers_a_shared_theme(built_site):
    text = page(built_site, "metoder/motesplats-for-unga")
    related = text.split('id="liknande-metoder"', 1)[1]
    first = re.search(r'href="\.\./([a-z0-9-]+)/"', related).group(1)
    own = set(LIBRARY.entries["motesplats-for-unga"].item.themes)
    assert own & set(LIBRARY.entries[first].item.themes), first


def test_an_unknown_setting_in_a_page_stops_the_build(tmp_path):
    root = make_site_project(
        tmp_path, MKDOCS_YML.replace("nav:", "extra:\n  metodbank:\n    redaktion_epost: a@example.org\nnav:")
    )
    (root / "docs" / "index.md").write_text(
        "# Start\n\nSkriv till {{ metodbank.epost }}.\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "out")],
        cwd=root,
        env=engine_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert (
        "index.md: okänd inställning metodbank.epost (finns i mkdocs.yml: redaktion_epost, repo_url)"
        in result.stderr
    )
