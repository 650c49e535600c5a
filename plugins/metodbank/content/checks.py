"""Rules across the fields of one valid file, checked after the model: the roles that a
method's steps name must be in its roles list, and a published e-mail address that looks
like a person's own gets a warning."""

from __future__ import annotations

import re

from pydantic import BaseModel

from .diagnostics import Diagnostic
from .frontmatter import SourceFile
from .models import Method
from .suggest import fold

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SHARED_MAILBOXES = {
    "info", "kontakt", "hej", "hello", "post", "registrator", "kansli", "support", "redaktion",
    "redaktionen", "office", "kundservice", "kundtjanst", "press", "reception", "admin", "noreply",
    "webmaster", "styrelsen", "ordforande", "kommun", "bostad", "uthyrning",
}  # fmt: skip
"""Local parts of shared (function) mailboxes, which are fine to publish."""


def step_roles(source: SourceFile, item: BaseModel) -> list[Diagnostic]:
    """Each role a method's step names must have a line in the method's roles list."""
    if not isinstance(item, Method):
        return []
    listed = {assignment.role for assignment in getattr(item, "roles", [])}
    problems = []
    for number, step in enumerate(getattr(item, "steps", [])):
        for position, role in enumerate(step.roles):
            if role not in listed:
                problems.append(
                    Diagnostic(
                        source.rel,
                        source.line_of(("steps", number, "roles", position)),
                        f"steg {number + 1} nämner rollen {role!r}, som inte finns i metodens roller (roles)",
                        f"lägg till '- role: {role}' med dess ansvar (responsibility) under roles, "
                        "eller ta bort rollen från steget",
                    )
                )
    return problems


def looks_personal(address: str, names: list[str] = ()) -> bool:
    """Whether an e-mail address looks like one person's own (fornamn.efternamn@, or a name)."""
    local = fold(address.split("@", 1)[0])
    if local in SHARED_MAILBOXES:
        return False
    if re.fullmatch(r"[a-z]{2,}[._-][a-z]{2,}", local):
        return True
    parts = {fold(part) for name in names for part in name.split() if len(part) > 2}
    return any(part in local for part in parts)


def personal_emails(
    source: SourceFile, item: BaseModel, checked: frozenset[str] = frozenset()
) -> list[Diagnostic]:
    """A warning for each e-mail address in the contact or the body that looks like a person's,
    unless the editors have checked that a source publishes it (`checked`)."""
    contact = getattr(item, "contact", None)
    names = [contact.name] if contact is not None and contact.name else []
    found: list[tuple[int, str]] = []
    if contact is not None and contact.email:
        found.append((source.line_of(("contact", "email")), contact.email))
    for number, line in enumerate(source.body.split("\n")):
        found += [(source.body_line + number, match) for match in EMAIL.findall(line)]
    return [
        Diagnostic(
            source.rel,
            line,
            f"e-postadressen {address!r} ser ut att vara en persons egen adress",
            "publicera den bara om personen har sagt ja; använd hellre en gemensam adress "
            "(som info@…) eller organisationens webbplats. Publicerar källan själv adressen i en "
            "yrkesroll, kan redaktionen skriva in den i data/published_emails.yml med skälet",
            severity="warning",
        )
        for line, address in found
        if address.lower() not in checked and looks_personal(address, names)
    ]


def field_checks(
    source: SourceFile, item: BaseModel, published_emails: frozenset[str] = frozenset()
) -> list[Diagnostic]:
    """Every cross-field rule of the content model on one valid file."""
    return step_roles(source, item) + personal_emails(source, item, published_emails)
