"""Hooks: a lower app calls them without knowing who filled them; with no provider they give nothing."""

from __future__ import annotations

from types import SimpleNamespace

from core.hooks import Hook, Link, LinkHook


def test_a_hook_collects_every_providers_results_in_registration_order() -> None:
    hook = Hook("test.account_links")
    assert hook.collect("anyone") == []
    hook.register("first", lambda user: [Link(text=f"A for {user}", url="/a/")])
    hook.register("second", lambda user: [])
    hook.register("third", lambda user: [Link(text="C", url="/c/")])
    assert [link.text for link in hook.collect("Aliya")] == ["A for Aliya", "C"]
    # A module registering again (reloaded) replaces its provider instead of doubling it.
    hook.register("first", lambda user: [Link(text="A again", url="/a/")])
    assert [link.text for link in hook.collect("Aliya")] == ["A again", "C"]


def test_a_link_hook_attaches_each_objects_links_and_an_empty_list_to_the_rest() -> None:
    hook = LinkHook("test.item_links")
    items = [SimpleNamespace(pk=1), SimpleNamespace(pk=2)]
    hook.attach(items)  # type: ignore[arg-type]  # any object with a pk will do
    assert [item.links for item in items] == [[], []]
    calls = []

    def provider(objects: list[SimpleNamespace]) -> dict[int, list[Link]]:
        calls.append([obj.pk for obj in objects])
        return {1: [Link(text="From a submission", url="/s/1/")]}

    hook.register("submissions", provider)
    hook.attach(items)  # type: ignore[arg-type]  # any object with a pk will do
    assert calls == [[1, 2]]  # one call for the whole page, not one per object
    assert [len(item.links) for item in items] == [1, 0]
    assert hook.links([]) == {} and calls == [[1, 2]]
