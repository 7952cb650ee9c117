"""The one-way rule between our apps (STYLE.md section 0, docs/architecture.md), checked on the source itself.

A later app may use an earlier one, never the reverse, so each app can be read and tested without the ones above
it. The rule holds in three places, each checked here:

- Python imports (`import meetings`, `from meetings.models import ...`);
- templates: a template belongs to the app of its folder under templates/ (templates/meetings/... is meetings');
  its `{% url 'ns:...' %}`, `{% include %}` and `{% extends %}` may name only its own app or lower ones, and its
  variables may not reach a higher app's relation (`item.ngo_submissions`). Templates outside an app folder
  (base.html, includes/, registration/, error pages) are the site's layout, which every app may extend or include;
- strings that name another app: ORM lookups (`meeting__status=`, `prefetch_related("ngo_submissions")`,
  `get_field("agenda_items")`), `apps.get_model("meetings", ...)`, dotted names (`"reports.tasks.x"`, a model as
  `"meetings.AgendaItem"`), URL names (`"submissions:moderate"`), template names (`"submissions/x.html"`) and
  migration dependencies on a higher app.

Apps not yet created are simply absent from the walk.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Model

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. core holds what every app shares and imports none of them; notifications sits right above
# participants because every app sends through it; submissions sits above meetings because an accepted proposal
# becomes an agenda item. dialogue_platform wires them together (settings, urls, celery, seed_demo): it is the top,
# and nothing but its own modules, manage.py and the settings wiring may name it.
APP_ORDER = [
    "core", "participants", "notifications", "recommendations", "meetings", "submissions", "reports", "api",
    "dialogue_platform",
]


def _rank(app: str) -> int:
    return APP_ORDER.index(app)


def _higher(app: str, other: str | None) -> bool:
    return other in APP_ORDER and _rank(other) > _rank(app)


# --- Python imports ---------------------------------------------------------------------------------------------


def _imported_apps(path: Path) -> set[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".", 1)[0]
            if top in APP_ORDER:
                found.add((top, node.lineno))
    return found


def _app_sources(app: str, *, migrations: bool = False) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if migrations or "migrations" not in p.parts)


def _violations(app: str) -> list[str]:
    bad = []
    for path in _app_sources(app):
        for other, line in sorted(_imported_apps(path)):
            if _higher(app, other):
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {other}")
    return bad


@pytest.mark.parametrize("app", [app for app in APP_ORDER if (ROOT / app).is_dir()])
def test_app_imports_only_apps_below_it(app: str) -> None:
    assert _violations(app) == []


# --- What each app's models may be reached by -----------------------------------------------------------------


def _app_of_model(model: type[Model]) -> str | None:
    label = model._meta.app_label
    return label if label in APP_ORDER else None


@cache
def _names_by_app() -> dict[str, Any]:
    """app -> the lookup names its models bring: their fields, and the relations they add to other apps' models.

    A reverse relation counts as the app of the model declaring it: Submission.agenda_item (related_name
    "ngo_submissions") puts "ngo_submissions" on AgendaItem, but it belongs to submissions. A field declared by an
    abstract base counts as the base's app: core.concurrency.VersionedModel's `version` is core's, on every model
    that inherits it.
    """
    from django.apps import apps

    names: dict[str, set[str]] = {app: set() for app in APP_ORDER}
    relations: dict[str, set[str]] = {app: set() for app in APP_ORDER}
    # Fields of Django's and third-party models (django-otp's TOTPDevice.key): any app may look those up, so a
    # higher app of ours having a field of the same name does not make such a lookup upward.
    outside: set[str] = set()
    for model in apps.get_models():
        owner = _app_of_model(model)
        declared_by: dict[str, str] = {}
        for base in reversed(model.__mro__[1:]):
            meta = getattr(base, "_meta", None)
            base_app = base.__module__.split(".", 1)[0]
            if meta is not None and meta.abstract and base_app in APP_ORDER:
                declared_by.update({f.name: base_app for f in (*meta.local_fields, *meta.local_many_to_many)})
        if owner is None:
            outside |= {f.name for f in model._meta.get_fields(include_hidden=True) if f.concrete}
        for field in model._meta.get_fields(include_hidden=True):
            if field.auto_created and not field.concrete:
                # A reverse relation: it belongs to the app of the model that declared the foreign key.
                declaring = _app_of_model(field.related_model)  # type: ignore[arg-type]  # a relation has its model
                if declaring is not None:
                    found = {n for n in (field.get_accessor_name(), field.name) if n}
                    names[declaring] |= found
                    relations[declaring] |= found
            elif owner is not None:
                declaring = declared_by.get(field.name, owner)
                names[declaring].add(field.name)
                if field.is_relation:
                    relations[declaring].add(field.name)
    return {"names": names, "relations": relations, "outside": outside}


@cache
def foreign_names(app: str, *, relations_only: bool = False) -> frozenset[str]:
    """Lookup names only a higher app's models have: a lower app writing one reaches into that app's tables.

    relations_only: only relations (to read in templates, where `.label` or `.url` are as often plain attributes).
    """
    names = _names_by_app()["names"]
    own = set().union(*(names[a] for a in APP_ORDER[: _rank(app) + 1]), _names_by_app()["outside"])
    higher = set().union(*(_names_by_app()["relations" if relations_only else "names"][a]
                           for a in APP_ORDER[_rank(app) + 1 :]))
    return frozenset(n for n in higher - own if not n.endswith("+"))


@cache
def url_namespaces() -> dict[str, str]:
    """URL namespace -> the app whose urls.py defines it ("open_data" is api's)."""
    from django.urls import get_resolver

    found = {}
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        module = getattr(resolver.urlconf_module, "__name__", "")
        top = module.split(".", 1)[0]
        if top in APP_ORDER:
            found[namespace] = top
    return found


# --- Strings naming another app in Python ---------------------------------------------------------------------

# Methods and expressions whose keyword names and string arguments are ORM lookups.
_LOOKUP_KEYWORDS = {"filter", "exclude", "get", "get_or_create", "update_or_create", "Q"}
_LOOKUP_STRINGS = {
    "filter", "exclude", "values", "values_list", "select_related", "prefetch_related", "order_by", "only", "defer",
    "distinct", "get_field", "F", "Count", "Sum", "Min", "Max", "Avg", "Prefetch", "OuterRef", "dates", "datetimes",
}
_DOTTED = re.compile(r"^([a-z_]+)\.[A-Za-z_][\w.]*$")
_URL_NAME = re.compile(r"^([a-z_]+):[\w-]+$")
_TEMPLATE_NAME = re.compile(r"^([a-z_]+)/[\w/.-]+\.(?:html|txt|xml|ics)$")
_MIGRATION_NAME = re.compile(r"^(?:\d{4}_\w+|__first__|__latest__)$")


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _lookup_head(text: str) -> str:
    return text.lstrip("-").split("__", 1)[0]


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            ids.add(id(node.value))
    return ids


def _string_lookups(path: Path, app: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    foreign = foreign_names(app)
    namespaces = url_namespaces()
    where = path.relative_to(ROOT)
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name in _LOOKUP_KEYWORDS:
                for keyword in node.keywords:
                    if keyword.arg and _lookup_head(keyword.arg) in foreign:
                        bad.append(f"{where}:{node.lineno} looks up {keyword.arg}= of a higher app")
            if name in _LOOKUP_STRINGS:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _lookup_head(arg.value) in foreign:
                        bad.append(f"{where}:{node.lineno} looks up {arg.value!r} of a higher app")
            if name == "get_model" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    label = first.value.split(".", 1)[0]
                    if _higher(app, label):
                        bad.append(f"{where}:{node.lineno} loads a model of {label}")
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
        ):
            label, migration = (e.value for e in node.elts)  # type: ignore[attr-defined]
            if _higher(app, label) and _MIGRATION_NAME.match(migration):
                bad.append(f"{where}:{node.lineno} depends on migration {label}.{migration}")
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docstrings:
            continue
        text = node.value.strip()
        for pattern, what in ((_DOTTED, "names"), (_TEMPLATE_NAME, "uses the template")):
            match = pattern.match(text)
            if match and _higher(app, match.group(1)):
                bad.append(f"{where}:{node.lineno} {what} {text!r} of a higher app")
        match = _URL_NAME.match(text)
        if match and _higher(app, namespaces.get(match.group(1))):
            bad.append(f"{where}:{node.lineno} links to {text!r} of a higher app")
    return bad


def _by_place(found: str) -> tuple[str, int, str]:
    place, _, what = found.partition(" ")
    path, _, line = place.rpartition(":")
    return path, int(line), what


def _string_violations(app: str) -> list[str]:
    found = {f for path in _app_sources(app, migrations=True) for f in _string_lookups(path, app)}
    return sorted(found, key=_by_place)


@pytest.mark.parametrize("app", [app for app in APP_ORDER if (ROOT / app).is_dir()])
def test_app_names_no_higher_app_in_strings(app: str) -> None:
    assert _string_violations(app) == []


# --- Templates --------------------------------------------------------------------------------------------------

_TAG = re.compile(r"{%\s*(url|include|extends)\s+(['\"])([^'\"]+)\2")
_EXPRESSION = re.compile(r"{{(.*?)}}|{%(.*?)%}", re.DOTALL)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_DOTTED_VARIABLE = re.compile(r"\b[A-Za-z_]\w*((?:\.\w+)+)")


def _template_app(path: Path) -> str | None:
    folder = path.relative_to(ROOT / "templates").parts[0]
    return folder if folder in APP_ORDER else None


def _template_violations_in(path: Path, app: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    where = path.relative_to(ROOT)
    namespaces = url_namespaces()
    foreign = foreign_names(app, relations_only=True)
    bad = []
    for match in _TAG.finditer(text):
        tag, target = match.group(1), match.group(3)
        line = text.count("\n", 0, match.start()) + 1
        other = namespaces.get(target.split(":", 1)[0]) if tag == "url" else target.split("/", 1)[0]
        if _higher(app, other):
            bad.append(f"{where}:{line} {tag} {target!r} of a higher app")
    for match in _EXPRESSION.finditer(text):
        expression = _QUOTED.sub("''", match.group(1) or match.group(2))
        line = text.count("\n", 0, match.start()) + 1
        for dotted in _DOTTED_VARIABLE.finditer(expression):
            for segment in dotted.group(1).split(".")[1:]:
                if segment in foreign:
                    bad.append(f"{where}:{line} reads .{segment} of a higher app")
    return bad


def _template_violations(app: str) -> list[str]:
    folder = ROOT / "templates" / app
    if not folder.is_dir():
        return []
    found = {f for path in folder.rglob("*") if path.is_file() for f in _template_violations_in(path, app)}
    return sorted(found, key=_by_place)


@pytest.mark.parametrize("app", [app for app in APP_ORDER if (ROOT / "templates" / app).is_dir()])
def test_app_templates_use_only_apps_below_them(app: str) -> None:
    assert _template_violations(app) == []


def test_every_template_folder_is_an_app_or_the_sites_layout() -> None:
    """A new folder under templates/ must be an app (then checked above) or knowingly part of the site's layout."""
    # "home": the role homes that dialogue_platform/home.py (the wiring, above every app) renders.
    site_layout = {"includes", "registration", "admin", "home", "translations"}
    folders = {p.name for p in (ROOT / "templates").iterdir() if p.is_dir()}
    assert folders - site_layout - set(APP_ORDER) == set()


# --- Guards of the guard ----------------------------------------------------------------------------------------


def test_the_checker_sees_an_upward_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A participants module importing meetings must be reported."""
    package = tmp_path / "participants"
    package.mkdir()
    (package / "bad.py").write_text("from meetings.models import Meeting\nimport participants.models\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert _violations("participants") == ["participants/bad.py:1 imports meetings"]


def test_the_checker_sees_an_upward_string_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each kind of string naming a higher app is reported; the same strings of the app's own or lower apps are not."""
    package = tmp_path / "recommendations"
    (package / "migrations").mkdir(parents=True)
    (package / "selectors.py").write_text(
        '"""A docstring may mention meetings.change and submissions:moderate."""\n'
        "def f(qs, apps, RoadMap):\n"
        '    qs.exclude(meeting__status="draft")\n'
        '    qs.prefetch_related("ngo_submissions", "actions")\n'
        '    RoadMap._meta.get_field("agenda_items")\n'
        '    apps.get_model("meetings", "AgendaItem")\n'
        '    reverse("submissions:moderate")\n'
        '    render(None, "reports/report_list.html")\n'
        '    qs.filter(status="done", road_map__number=1, lead_agency__name="x")\n'
        '    reverse("recommendations:tracker")\n'
    )
    (package / "migrations" / "0009_schedule.py").write_text(
        'dependencies = [("reports", "0003_annual_schedule"), ("participants", "0001_initial")]\n'
        'TASK = "reports.tasks.build_quarterly_digest"\n'
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert _string_violations("recommendations") == [
        "recommendations/migrations/0009_schedule.py:1 depends on migration reports.0003_annual_schedule",
        "recommendations/migrations/0009_schedule.py:2 names 'reports.tasks.build_quarterly_digest' of a higher app",
        "recommendations/selectors.py:3 looks up meeting__status= of a higher app",
        "recommendations/selectors.py:4 looks up 'ngo_submissions' of a higher app",
        "recommendations/selectors.py:5 looks up 'agenda_items' of a higher app",
        "recommendations/selectors.py:6 loads a model of meetings",
        "recommendations/selectors.py:7 links to 'submissions:moderate' of a higher app",
        "recommendations/selectors.py:8 uses the template 'reports/report_list.html' of a higher app",
    ]


def test_the_checker_sees_an_upward_template_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """url, include, extends and a higher app's relation in a template; the site's layout and lower apps pass."""
    folder = tmp_path / "templates" / "participants"
    folder.mkdir(parents=True)
    (folder / "bad.html").write_text(
        '{% extends "base.html" %}{% include "core/partials/bar_chart.html" %}\n'
        "<a href=\"{% url 'notifications:preferences' %}\">x</a>\n"
        '{% include "meetings/partials/rsvp.html" %}\n'
        '{% extends "submissions/base.html" %}\n'
        "{% url 'open_data:token-list' as tokens %}{{ user.get_full_name }} {% url 'participants:profile' %}\n"
        "{% for i in organization.co_chaired_subgroups.all %}{{ i }}{% endfor %}\n"
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert _template_violations("participants") == [
        "templates/participants/bad.html:2 url 'notifications:preferences' of a higher app",
        "templates/participants/bad.html:3 include 'meetings/partials/rsvp.html' of a higher app",
        "templates/participants/bad.html:4 extends 'submissions/base.html' of a higher app",
        "templates/participants/bad.html:5 url 'open_data:token-list' of a higher app",
        "templates/participants/bad.html:6 reads .co_chaired_subgroups of a higher app",
    ]


def test_every_app_of_ours_is_ranked() -> None:
    from django.conf import settings

    ours = [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").exists()]
    assert [app for app in ours if app not in APP_ORDER] == []
    # INSTALLED_APPS lists them in the same order, so reading settings tells the rule too.
    assert ours == [app for app in APP_ORDER if app in ours]
