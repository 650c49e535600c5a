"""The accessibility statement (tillgänglighetsredogörelse): its compliance sentence, known
deficiencies and "how we tested" section are written at build time from
`data/accessibility.yml`, the same file the test suite reads its checks from. Also: how old
the statement's review is, for `invoke report`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

STATEMENT_URI = "tillganglighet.md"
CONFIG = Path("data") / "accessibility.yml"
MAX_AGE_DAYS = 365
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"

COMPLIANCE = {
    "full": "Webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service.",
    "partial": "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, "
    "på grund av de brister som beskrivs nedan.",
    "none": "Webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig service. "
    "Bristerna beskrivs nedan.",
}

AXE_TAG_NAMES = {
    "wcag2a": "WCAG 2.0 nivå A",
    "wcag2aa": "WCAG 2.0 nivå AA",
    "wcag21a": "WCAG 2.1 nivå A",
    "wcag21aa": "WCAG 2.1 nivå AA",
}

MARKERS = ("forenlighet", "brister", "rapportera", "bedomning", "granskad")


@dataclass
class Statement:
    """The facts of the statement, read from `data/accessibility.yml`."""

    config: dict

    @classmethod
    def load(cls, root: Path) -> Statement:
        return cls(yaml.safe_load((root / CONFIG).read_text(encoding="utf-8")))

    def fill(self, markdown: str, built: date, reviewed: date) -> str:
        """The statement page with each `<!-- mb:NAME -->` marker replaced by its section."""
        parts = {
            "forenlighet": COMPLIANCE[self.config["compliance"]],
            "brister": self.deficiencies(),
            "rapportera": self.feedback(),
            "bedomning": self.assessment(built),
            "granskad": f"Redogörelsen granskades senast {reviewed.isoformat()}.",
        }
        for name in MARKERS:
            markdown = markdown.replace(f"<!-- mb:{name} -->", parts[name])
        return markdown

    def deficiencies(self) -> str:
        """Known problems: each theme error the HTML check allows, with its reason."""
        lines = [f"- {' '.join(entry['reason'].split())}" for entry in self.config["html"]["allow"]]
        lines.append(
            "- Ingen person har ännu granskat webbplatsen med skärmläsare eller andra hjälpmedel; "
            "de automatiska kontrollerna nedan kan inte se allt."
        )
        return "\n".join(lines)

    def feedback(self) -> str:
        feedback = self.config["feedback"]
        text = " ".join(feedback["text"].split())
        if feedback.get("link"):
            text += f" [Så bidrar du]({feedback['link']})."
        if feedback.get("email"):
            text = f"Skicka e-post till [{feedback['email']}](mailto:{feedback['email']}). " + text
        return text

    def assessment(self, built: date) -> str:
        """What the automated checks are, from the test configuration, and what a person must review."""
        tags = ", ".join(AXE_TAG_NAMES.get(t, t) for t in self.config["axe"]["tags"])
        thresholds = self.config["lighthouse"]["thresholds"]
        pages = ", ".join(name.lower() for name in self.config["lighthouse"]["pages"])
        lines = [
            "Vi har gjort en självskattning med automatiska kontroller. De körs vid varje ändring "
            "av webbplatsen, och en ändring som inte klarar dem tas inte in. Den här versionen av "
            f"webbplatsen byggdes {built.isoformat()}.",
            "",
            f"- **axe-core** i webbläsaren Chromium på varje sorts sida: inga fel mot reglerna för {tags}.",
            "- **Nu Html Checker** (W3C:s validator) på varje sida: ingen felaktig HTML utöver "
            f"{len(self.config['html']['allow'])} kända fel från temat, som listas ovan.",
            f"- **Lighthouse** på en simulerad mobil ({pages}): tillgänglighet minst "
            f"{thresholds['accessibility']}, bästa praxis och sökmotoroptimering minst "
            f"{thresholds['best-practices']} respektive {thresholds['seo']}, prestanda minst "
            f"{thresholds['performance']} av 100.",
            "- **PDF-filerna** (metodkort, kortlekar och planer) är taggade enligt "
            f"{self.config['pdf']['variant'].upper()}: struktur med rubriker och listor, språket "
            "svenska, en titel, QR-koden som bild med webbadressen som alternativtext och som "
            "klickbar länk, och alla typsnitt inbäddade.",
            "",
            "Det här måste en person granska, eftersom ingen automatisk kontroll kan bedöma det:",
            "",
        ]
        lines += [f"- {item}" for item in self.config["manual"]]
        return "\n".join(lines)


def reviewed_on(statement_page: Path) -> date:
    """The `last_reviewed` date in the statement page's front matter."""
    text = statement_page.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
    return meta["last_reviewed"]


def review_warning(statement_page: Path, today: date) -> str | None:
    """A Swedish warning when the statement was last reviewed more than a year ago."""
    reviewed = reviewed_on(statement_page)
    age = (today - reviewed).days
    if age <= MAX_AGE_DAYS:
        return None
    return (
        f"varning: tillgänglighetsredogörelsen granskades senast {reviewed.isoformat()} ({age} dagar sedan) — "
        f"gå igenom {statement_page.name}, uppdatera den och sätt last_reviewed till dagens datum"
    )
