"""A synthetic library of any size, for scale tests and benchmarks.

Deterministic: entry *i* has the same text and the same references whatever the size of
the library, so a page's size can be compared across sizes. Each method, organisation,
success factor and recommendation serves a fixed block of cases (50, 10, 100 and 200), so
their number grows with the library and nothing a case shows depends on its size. Text is
Swedish, built from sentences in the domain's own vocabulary.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from metodbank.content.vocabulary import Vocabulary

SENTENCES = (
    "Bostadsföretaget öppnade {activity} i {district} två kvällar i veckan tillsammans med {partner}.",
    "Ungdomarna i {district} var med och bestämde hur {activity} skulle utformas.",
    "Områdesutvecklaren i {place} samordnade arbetet och höll kontakten med {partner}.",
    "Hyresgästföreningen i {district} bjöd in till samtalskvällar om {activity}.",
    "Arbetet med {activity} följdes av en forskare som intervjuade boende och medarbetare i {place}.",
    "Efter ett år utvärderades {activity} och öppettiderna utökades.",
    "Bovärdarna i {district} fanns på plats och kände många av de boende sedan tidigare.",
    "{partner} bidrog med lokaler och kunskap om {activity}.",
    "Mötesplatserna i {place} blev en väg in till {activity} för unga.",
    "Kvinnor i {district} som stod långt från arbetsmarknaden träffades kring {activity}.",
    "Projektet kopierade arbetssättet från {place} och anpassade {activity} efter lokala behov.",
    "Samverkan mellan bostadsföretag, kommun och {partner} krävde tydliga roller från början.",
    "Aktörerna i {place} valde en specifik fråga om {activity} och formulerade mätbara mål.",
    "Visualiseringar gjorde det lättare att skapa samsyn om {activity}.",
    "Ett områdesföretag i {district} skötte lokalerna och skapade lokala arbetstillfällen.",
    "Studiebesöket i {place} gav inspiration till {activity} och nya kontakter.",
)
ACTIVITIES = (
    "läxhjälpen",
    "språkcaféet",
    "fritidsgården",
    "odlingslotterna",
    "cykelverkstaden",
    "sommarjobben",
    "föräldraträffarna",
    "matlagningskursen",
    "fotbollsskolan",
    "kvällsfikat",
    "sykaféet",
    "datorkursen",
    "boendedialogen",
    "trygghetsvandringen",
    "grannskapsfesten",
    "praktikplatserna",
    "jobbcoachningen",
    "kulturkvällarna",
    "musikstudion",
    "danskursen",
    "simskolan",
    "biblioteksbussen",
    "seniorträffarna",
    "pingisturneringen",
    "skrivarverkstaden",
    "måleriet",
    "stickcaféet",
    "lekplatsbygget",
    "kvarterslunchen",
    "miljövärdarna",
    "sommarlägret",
    "hälsopromenaderna",
    "medborgarkontoret",
    "samtalsgruppen",
    "mentorprogrammet",
    "rådgivningen",
    "loppisen",
    "återbruket",
    "kompisgruppen",
    "teatergruppen",
)
PARTNERS = (
    "hyresgästföreningen",
    "fritidsförvaltningen",
    "skolan",
    "idrottsföreningen",
    "studieförbundet",
    "kyrkan",
    "moskén",
    "polisen",
    "arbetsförmedlingen",
    "biblioteket",
    "kulturskolan",
    "näringslivet",
    "fastighetsägarna",
    "högskolan",
    "kvinnoföreningen",
    "ungdomsrådet",
    "pensionärsföreningen",
    "socialtjänsten",
    "vårdcentralen",
    "räddningstjänsten",
)
DISTRICT_PARTS = (
    (
        "Hage",
        "Berga",
        "Skogs",
        "Sjö",
        "Ekbacka",
        "Lin",
        "Ros",
        "Norr",
        "Söder",
        "Väst",
        "Öster",
        "Kvarn",
        "Björk",
        "Gran",
        "Tall",
        "Äng",
        "Mosse",
        "Bäck",
        "Hög",
        "Dal",
    ),
    (
        "by",
        "gården",
        "backen",
        "berget",
        "dalen",
        "hagen",
        "vik",
        "lund",
        "torp",
        "höjden",
        "parken",
        "staden",
    ),
)
WORDS = ("mötesplats", "läxhjälp", "samverkan", "ungdomar", "trygghet", "dialog", "försörjning", "förening")


def _text(rng: random.Random, sentences: int) -> str:
    words = []
    for _ in range(sentences):
        words.append(
            rng.choice(SENTENCES).format(
                activity=rng.choice(ACTIVITIES),
                partner=rng.choice(PARTNERS),
                district=rng.choice(DISTRICT_PARTS[0]) + rng.choice(DISTRICT_PARTS[1]),
                place=rng.choice(_PLACES),
            )
        )
    return " ".join(word[:1].upper() + word[1:] for word in words)


_PLACES = (
    "Norrköping",
    "Södertälje",
    "Boden",
    "Växjö",
    "Malmö",
    "Uppsala",
    "Umeå",
    "Örebro",
    "Gävle",
    "Borås",
)


def _write(path: Path, front: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{dumped}---\n{body}\n", encoding="utf-8")


def generate_library(root: Path, cases: int, vocabulary: Vocabulary) -> dict[str, int]:
    """Write a library with `cases` cases and proportionate other kinds under `root`."""
    themes = list(vocabulary.groups["themes"])
    groups = list(vocabulary.groups["target_groups"])
    roles = list(vocabulary.groups["roles"])
    places = vocabulary.municipalities
    global _PLACES
    _PLACES = tuple(places)
    counts = {
        "case": cases,
        "method": -(-cases // 50),
        "factor": -(-cases // 100),
        "recommendation": -(-cases // 200),
        "organisation": -(-cases // 10),
    }
    source = [
        {
            "title": "Syntetisk källa för prestandamätning",
            "kind": "rapport",
            "publisher": "Metodbanken",
            "date": "2026-01-01",
        }
    ]

    def ids(prefix: str, n: int) -> list[str]:
        return [f"{prefix}-{i:05d}" for i in range(n)]

    case_ids, method_ids = ids("fall", counts["case"]), ids("metod", counts["method"])
    factor_ids, org_ids = ids("faktor", counts["factor"]), ids("aktor", counts["organisation"])

    for i, org in enumerate(org_ids):
        _write(
            root / "organisations" / f"{org}.md",
            {
                "title": f"Bostadsbolag {i}",
                "summary": f"Ett allmännyttigt bostadsföretag i {places[i % len(places)]}.",
                "type": "bostadsforetag",
                "municipality": places[i % len(places)],
                "sources": source,
                "last_reviewed": "2026-01-01",
            },
            "Ett bostadsföretag som deltar i flera fall.",
        )
    for i, method in enumerate(method_ids):
        rng = random.Random(f"method-{i}")
        _write(
            root / "methods" / f"{method}.md",
            {
                "title": f"Metod {i}: {WORDS[i % len(WORDS)]} i samverkan",
                "summary": _text(rng, 2)[:280],
                "themes": [themes[i % len(themes)]],
                "target_groups": [groups[i % len(groups)]],
                "purpose": _text(rng, 1),
                "when_to_use": [_text(rng, 1)],
                "steps": [
                    {"title": f"Steg {n}", "description": _text(rng, 1), "roles": [roles[n % len(roles)]]}
                    for n in range(1, 6)
                ],
                "roles": [{"role": roles[i % len(roles)], "responsibility": "Driver arbetet."}],
                "prerequisites": [_text(rng, 1)],
                "effort": {"level": ("låg", "medel", "hög")[i % 3], "time": "Ett år"},
                "risks": [_text(rng, 1)],
                "checklist": ["Mål formulerade", "Roller fördelade"],
                "core": [_text(rng, 1)],
                "adaptable": [_text(rng, 1)],
                "sources": source,
                "last_reviewed": "2026-01-01",
            },
            "\n\n".join(_text(rng, 5) for _ in range(4)),
        )
    for i, case in enumerate(case_ids):
        rng = random.Random(f"case-{i}")
        front = {
            "title": f"Fall {i}: {WORDS[i % len(WORDS)]} i {places[i % len(places)]}",
            "summary": _text(rng, 2)[:280],
            "themes": [themes[i % len(themes)], themes[(i + 3) % len(themes)]],
            "target_groups": [groups[i % len(groups)]],
            "municipality": places[i % len(places)],
            "district": f"Område {i % 17}",
            "organisations": [org_ids[i // 10]],
            "period": {"start": str(2010 + i % 15)},
            "status": ("planerad", "pågår", "avslutad")[i % 3],
            "question": _text(rng, 1),
            "goals": [_text(rng, 1)],
            "methods": [method_ids[i // 50]],
            "success_factors": [factor_ids[i // 100]],
            "results": [_text(rng, 1)],
            "sources": source,
            "last_reviewed": f"20{10 + i % 16}-0{1 + i % 9}-15",
        }
        if i % 10 == 1:
            front["copied_from"] = {"id": case_ids[i - 1], "changes": _text(rng, 1)}
        body = "\n\n".join(f"## Avsnitt {n}\n\n{_text(rng, 6)}" for n in range(1, 4))
        _write(root / "cases" / f"{case}.md", front, body)
    for i, factor in enumerate(factor_ids):
        rng = random.Random(f"factor-{i}")
        _write(
            root / "methods" / "framgangsfaktorer" / f"{factor}.md",
            {
                "title": f"Framgångsfaktor {i}",
                "summary": _text(rng, 1),
                "themes": [themes[i % len(themes)]],
                "target_groups": [groups[i % len(groups)]],
                "cases": [case_ids[i * 100 + n] for n in range(2) if i * 100 + n < cases],
                "methods": [method_ids[i * 2]],
                "sources": source,
                "last_reviewed": "2026-01-01",
            },
            _text(rng, 6),
        )
    for i in range(counts["recommendation"]):
        rng = random.Random(f"recommendation-{i}")
        _write(
            root / "methods" / "rekommendationer" / f"rekommendation-{i:05d}.md",
            {
                "title": f"Rekommendation {i}",
                "summary": _text(rng, 1),
                "themes": [themes[i % len(themes)]],
                "target_groups": [groups[i % len(groups)]],
                "cases": [case_ids[i * 200]],
                "methods": [method_ids[i * 4]],
                "success_factors": [factor_ids[i * 2]],
                "sources": source,
                "last_reviewed": "2026-01-01",
            },
            _text(rng, 6),
        )
    return counts
