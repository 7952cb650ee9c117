"""The Russian and Kazakh catalogues: complete, well-formed, compiled, and used by the pages.

When a test here fails after you added a UI string: run `make messages`, translate the new
entries in locale/ru/LC_MESSAGES/django.po and locale/kk/LC_MESSAGES/django.po (see
docs/translations.md), then compile (`make messages` compiles too) and commit .po and .mo.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils.html import escape

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"

# The languages we translate into (English is the source) and their gettext plural rules.
PLURAL_FORMS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "kk": "nplurals=2; plural=(n!=1);",
}
NPLURALS = {"ru": 3, "kk": 2}
LANGS = sorted(PLURAL_FORMS)

# Translations that may legitimately contain no Cyrillic letter (brand names, codes). Keep it short.
SAME_IN_EVERY_LANGUAGE: frozenset[str] = frozenset()

# %(name)s-style and bare %s-style conversions, {name}-style fields, and the escaped percent sign.
NAMED = re.compile(r"%\((\w+)\)[-#0+ ]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
POSITIONAL = re.compile(r"%(?!\()[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
BRACED = re.compile(r"\{[A-Za-z_]\w*\}")
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04FF\u2116]")  # Cyrillic letters and the numero sign (№)

# What the makemessages walk sees in the project (it also skips hidden directories and these).
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
NOT_SOURCE_DIRS = {"locale", "node_modules", "staticfiles", "htmlcov", "media", "__pycache__"}

Key = tuple[str, str]  # (msgctxt, msgid)


def _key(entry: polib.POEntry | polib.MOEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid)


def _show(key: Key) -> str:
    context, msgid = key
    return f"  msgctxt {context!r} msgid {msgid!r}" if context else f"  {msgid!r}"


def _catalogue(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"))


def _live(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def _forms(entry: polib.POEntry | polib.MOEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def _is_translated(entry: polib.POEntry, lang: str) -> bool:
    if "fuzzy" in entry.flags:
        return False
    forms = _forms(entry)
    expected = NPLURALS[lang] if entry.msgid_plural else 1
    return len(forms) == expected and all(form.strip() for form in forms)


def _placeholders(text: str) -> tuple[frozenset[str], int, frozenset[str]]:
    return frozenset(NAMED.findall(text)), len(POSITIONAL.findall(text)), frozenset(BRACED.findall(text))


def _stray_percent(text: str) -> bool:
    """A lone % in a python-format string makes Django's `%` interpolation raise at render time."""
    rest = NAMED.sub("", text)
    rest = POSITIONAL.sub("", rest)
    return "%" in rest.replace("%%", "")


def _is_python_format(entry: polib.POEntry) -> bool:
    return "python-format" in entry.flags or bool(NAMED.search(entry.msgid) or POSITIONAL.search(entry.msgid))


# --- (a) the committed catalogues are whole and well formed ---------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_header_names_language_plural_rule_and_utf8(lang: str) -> None:
    po = _catalogue(lang)
    assert not po.metadata_is_fuzzy, "the header is marked fuzzy: Django would ignore its plural rule"
    assert po.metadata.get("Language") == lang
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS[lang]
    assert po.metadata.get("Content-Type") == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("lang", LANGS)
def test_every_committed_entry_is_translated_and_not_fuzzy(lang: str) -> None:
    entries = _live(_catalogue(lang))
    assert len(entries) > 100, "the catalogue is suspiciously small"
    fuzzy = [_show(_key(entry)) for entry in entries if "fuzzy" in entry.flags]
    empty = [_show(_key(entry)) for entry in entries if not all(form.strip() for form in _forms(entry))]
    assert not fuzzy, f"{lang}: fuzzy entries (check the translation, then remove the flag):\n" + "\n".join(fuzzy)
    assert not empty, f"{lang}: untranslated entries:\n" + "\n".join(empty)


@pytest.mark.parametrize("lang", LANGS)
def test_plural_entries_have_every_form_of_the_language(lang: str) -> None:
    plural_entries = [entry for entry in _live(_catalogue(lang)) if entry.msgid_plural]
    assert plural_entries, "expected at least one plural entry (the directory's organisation count)"
    wrong = [
        f"{_show(_key(entry))}: forms {sorted(entry.msgstr_plural)}"
        for entry in plural_entries
        if sorted(entry.msgstr_plural) != list(range(NPLURALS[lang]))
        or not all(form.strip() for form in entry.msgstr_plural.values())
    ]
    assert not wrong, f"{lang}: plural entries need {NPLURALS[lang]} non-empty forms:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_the_placeholders_of_the_english(lang: str) -> None:
    problems = []
    for entry in _live(_catalogue(lang)):
        source = entry.msgid_plural or entry.msgid
        expected = _placeholders(source)
        for form in _forms(entry):
            if _placeholders(form) != expected:
                problems.append(f"{_show(_key(entry))}\n    translation {form!r}")
            elif _is_python_format(entry) and _stray_percent(form):
                problems.append(f"{_show(_key(entry))}\n    lone % (write %% for a percent sign) in {form!r}")
    assert not problems, f"{lang}: placeholders differ from the English:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_translations_are_written_in_cyrillic_not_copied_english(lang: str) -> None:
    copied = [
        _show(_key(entry))
        for entry in _live(_catalogue(lang))
        if entry.msgid not in SAME_IN_EVERY_LANGUAGE
        and LATIN.search(NAMED.sub("", entry.msgid))
        and not all(CYRILLIC.search(form) for form in _forms(entry))
    ]
    assert not copied, f"{lang}: these translations contain no Cyrillic letter:\n" + "\n".join(copied)


# --- (b) the catalogues cover every string in the code --------------------------------------


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _copy_sources(source: Path, target: Path) -> int:
    copied = 0
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = [name for name in dirnames if not name.startswith(".") and name not in NOT_SOURCE_DIRS]
        for filename in filenames:
            if filename.startswith(".") or Path(filename).suffix not in SOURCE_SUFFIXES:
                continue
            relative = Path(dirpath, filename).relative_to(source)
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(dirpath, filename), target / relative)
            copied += 1
    return copied


@pytest.fixture(scope="module")
def fresh_extraction(tmp_path_factory: pytest.TempPathFactory) -> dict[Key, polib.POEntry]:
    """Run makemessages over a copy of the sources, so the committed locale/ is never touched.

    makemessages writes next to any directory named `locale` it walks past, and into the
    working directory's `locale/`, so overriding LOCALE_PATHS alone would still write into
    the real catalogues: hence the copy, and the check below that locale/ is unchanged."""
    missing_tools = [tool for tool in ("xgettext", "msguniq", "msgmerge") if shutil.which(tool) is None]
    assert not missing_tools, f"GNU gettext is needed to check the catalogues ({missing_tools}): apt-get install gettext"
    project = tmp_path_factory.mktemp("extraction") / "project"
    assert _copy_sources(Path(settings.BASE_DIR), project) > 10
    scratch_locale = project / "locale"
    scratch_locale.mkdir()
    committed_before = _tree_digest(LOCALE_DIR)
    with override_settings(LOCALE_PATHS=[str(scratch_locale)]), contextlib.chdir(project):
        call_command("makemessages", locale=["ru"], no_location=True, keep_pot=True, verbosity=0)
    assert _tree_digest(LOCALE_DIR) == committed_before, "makemessages wrote into the committed locale/"
    pot = polib.pofile(str(scratch_locale / "django.pot"))
    return {_key(entry): entry for entry in pot if not entry.obsolete}


def test_fresh_extraction_finds_strings_of_templates_and_apps(fresh_extraction: dict[Key, polib.POEntry]) -> None:
    msgids = {msgid for _context, msgid in fresh_extraction}
    assert "Skip to main content" in msgids  # templates/base.html
    assert "Government focal point" in msgids  # participants/models.py
    assert "Dialogue Platform administration" in msgids  # dialogue_platform/admin_site.py


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_in_the_code_is_translated(lang: str, fresh_extraction: dict[Key, polib.POEntry]) -> None:
    committed = {_key(entry): entry for entry in _live(_catalogue(lang))}
    missing = []
    for key, source in sorted(fresh_extraction.items()):
        entry = committed.get(key)
        if entry is None or not _is_translated(entry, lang) or entry.msgid_plural != source.msgid_plural:
            missing.append(_show(key))
    assert not missing, (
        f"{len(missing)} string(s) in the code have no {lang} translation in "
        f"locale/{lang}/LC_MESSAGES/django.po. Run `make messages`, translate them, "
        "compile and commit (docs/translations.md):\n" + "\n".join(missing)
    )


# --- (c) the compiled catalogues match their sources ----------------------------------------


def _messages(catalogue: polib.POFile | polib.MOFile) -> dict[Key, tuple[str, ...]]:
    return {
        _key(entry): tuple(_forms(entry))
        for entry in catalogue
        if entry.msgid and not entry.obsolete and "fuzzy" not in entry.flags and all(_forms(entry))
    }


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_is_up_to_date_with_its_source(lang: str) -> None:
    mo_path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages` (or manage.py compilemessages)"
    po, mo = _catalogue(lang), polib.mofile(str(mo_path))
    po_messages, mo_messages = _messages(po), _messages(mo)
    stale = sorted(set(po_messages.items()) ^ set(mo_messages.items()))
    assert not stale, f"{lang}: django.mo differs from django.po; recompile. First differences: {stale[:5]}"
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


# --- (d) pages come out in the language of their URL ----------------------------------------

HOME_PAGE_MSGIDS = ("Dialogue Platform on the Human Dimension", "About the platform", "Who takes part", "In figures")
TITLE = {"ru": "Диалоговая платформа по человеческому измерению", "kk": "Адами өлшем жөніндегі диалог алаңы"}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_home_page_is_shown_in_the_language_of_its_url(client: Client, lang: str) -> None:
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert TITLE[lang] in html
    po = _catalogue(lang)
    # The header names the Platform in all three languages on purpose, each name marked with its lang: only the
    # English that is not so marked is a missing translation.
    unmarked = re.sub(r'<span lang="en">[^<]*</span>', "", html)
    for msgid in HOME_PAGE_MSGIDS:
        translation = po.find(msgid).msgstr
        assert escape(translation) in html, f"{lang}: {translation!r} missing from the home page"
        assert msgid not in unmarked, f"{lang}: the English {msgid!r} is still on the home page"
