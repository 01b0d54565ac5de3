"""Follow-up planning: cross-sell never an upgrade nor a re-buy, replenish timing, declines, as-of, languages."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from agent.followups.memory import CustomerFacts, SessionMemory
from agent.followups.models import Order, OrderItem
from agent.followups.orders import read_orders
from agent.followups.plan import FollowUpPlanner
from agent.followups.rules import is_upgrade_of
from agent.settings import FollowUpSettings
from agent.sql_store import SQLSessionStore
from agent.types import SessionState
from knowledge.catalog import Catalog
from knowledge.importers import load_catalog
from knowledge.models import CatalogError, Product
from knowledge.relations import Relations

SUITE = Path(__file__).resolve().parents[2] / "evals" / "suites" / "followups"
T0 = datetime(2026, 1, 30, 10, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(load_catalog(SUITE / "catalog.jsonl"))


class Memory:
    """Fixed chat facts per customer."""

    def __init__(self, **facts: CustomerFacts):
        self.known = facts

    def facts(self, customer_id: str) -> CustomerFacts:
        return self.known.get(customer_id, CustomerFacts())


def planner(catalog: Catalog, memory=None, search=None, **settings) -> FollowUpPlanner:
    return FollowUpPlanner(catalog, Relations.build(catalog), FollowUpSettings(**settings), memory=memory,
                           search=search)


def order(oid: str, *skus: str, customer="c1", at=T0, qty=1, locale=None) -> Order:
    return Order(order_id=oid, customer_id=customer, created_at=at,
                 items=tuple(OrderItem(sku=s, quantity=qty) for s in skus), locale=locale)


def test_cross_sell_complements_and_is_never_an_upgrade(catalog):
    result = planner(catalog).plan([order("o1", "ESP-100")])
    [f] = result.followups
    assert f.kind == "cross_sell" and f.sku == "MILK-FROTH"  # the merchant's first curated cross-sell
    assert f.send_at == "2026-02-02T10:00:00+00:00"
    assert (f.price, f.currency, f.name) == (39.0, "USD", "Milk frother")
    relations = Relations.build(catalog)
    esp100 = catalog.get("ESP-100")
    assert is_upgrade_of(catalog.get("ESP-200"), esp100, relations)
    assert not is_upgrade_of(catalog.get("MILK-FROTH"), esp100, relations)
    # A pricier product of the same kind is a version of it even outside any family.
    assert is_upgrade_of(catalog.get("CAT-TREE"), catalog.get("SCRATCH"), relations)


def test_a_curated_upgrade_is_skipped_for_the_next_complement(catalog):
    # SCRATCH's merchant-curated cross-sells start with the dearer cat tree: never that one.
    [f] = planner(catalog).plan([order("o1", "SCRATCH")]).followups
    assert f.sku == "CATNIP"


def test_never_something_the_customer_ever_bought(catalog):
    earlier = order("o0", "MILK-FROTH", "DESC-KIT", at=T0 - timedelta(days=20))
    later = order("o2", "BEANS-1K", at=T0 + timedelta(days=5))
    result = planner(catalog).plan([earlier, order("o1", "ESP-100"), later])
    by_order = {f.order_id: f for f in result.followups}
    # MILK-FROTH and DESC-KIT were bought before, BEANS-1K after: nothing of the machine's is left.
    assert "o1" not in by_order
    assert [s.reason for s in result.skipped if s.order_id == "o1"] == ["nothing to propose"]


def test_purchases_remembered_in_chat_count_as_bought(catalog):
    memory = Memory(c1=CustomerFacts(bought=frozenset({"MILK-FROTH"})))
    [f] = planner(catalog, memory).plan([order("o1", "ESP-100")]).followups
    assert f.sku == "DESC-KIT"


def test_replenish_when_due_per_unit_bought_less_the_lead(catalog):
    [f] = planner(catalog).plan([order("o1", "TONER-M1", qty=2)]).followups
    assert f.kind == "replenish" and f.sku == "TONER-M1"
    assert datetime.fromisoformat(f.send_at) == T0 + timedelta(days=2 * 60 - 3)
    assert f.reason == "replenish: Toner cartridge M1 lasts about 120 days"
    [g] = planner(catalog, followup_lead_days=5).plan([order("o1", "LITTER-10")]).followups
    assert datetime.fromisoformat(g.send_at) == T0 + timedelta(days=21 - 5)


def test_replenish_wins_over_cross_sell_and_the_first_to_run_out_is_chosen(catalog):
    [f] = planner(catalog).plan([order("o1", "ESP-100", "DESC-KIT", "BEANS-1K")]).followups
    assert (f.kind, f.sku) == ("replenish", "BEANS-1K")  # 30 days before the kit's 90


def test_an_out_of_stock_consumable_gets_no_reminder(catalog):
    [f] = planner(catalog).plan([order("o1", "FILTER-W", "ESP-100")]).followups
    assert f.kind == "cross_sell"


def test_declines_are_respected(catalog):
    memory = Memory(c1=CustomerFacts(declined=frozenset({"MILK-FROTH", "BEANS-1K"})))
    [f] = planner(catalog, memory).plan([order("o1", "ESP-100")]).followups
    assert f.sku == "DESC-KIT"
    # A declined consumable gets no reminder either.
    result = planner(catalog, memory).plan([order("o2", "BEANS-1K")])
    assert all(f.sku != "BEANS-1K" for f in result.followups)


def test_declines_are_read_from_the_sessions_linked_to_the_customer(catalog, tmp_path):
    store = SQLSessionStore.from_url(f"sqlite:///{tmp_path / 's.sqlite3'}")
    store.save(SessionState(session_id="s1", customer_id="c1", declined_skus=["MILK-FROTH"]))
    store.save(SessionState(session_id="s2", customer_id="c2", declined_skus=["DESC-KIT"]))
    store.save(SessionState(session_id="s3", declined_skus=["DESC-KIT"]))  # no customer: not c1's
    assert store.sessions_of_customer("c1") == ["s1"]
    [f] = planner(catalog, SessionMemory(store)).plan([order("o1", "ESP-100")]).followups
    assert f.sku == "DESC-KIT"
    store.close()


def test_bought_again_since_means_no_reminder(catalog):
    first = order("o1", "CATFOOD-2K", at=T0 - timedelta(days=25))
    again = order("o2", "CATFOOD-2K", at=T0 - timedelta(days=5))
    result = planner(catalog).plan([first, again])
    assert [(f.order_id, f.kind) for f in result.followups] == [("o2", "replenish")]


def test_as_of_sends_slightly_overdue_now_and_skips_old_and_future_orders(catalog):
    as_of = datetime(2026, 2, 1, tzinfo=timezone.utc)
    recent = order("o1", "HP-1", customer="a", at=as_of - timedelta(days=4))   # due 1 day ago: send now
    old = order("o2", "HP-1", customer="b", at=as_of - timedelta(days=20))     # due 17 days ago: skip
    future = order("o3", "HP-1", customer="c", at=as_of + timedelta(days=1))   # not seen
    result = planner(catalog).plan([recent, old, future], as_of=as_of)
    assert [(f.order_id, f.send_at) for f in result.followups] == [("o1", "2026-02-01T00:00:00+00:00")]
    assert [(s.order_id, s.reason) for s in result.skipped] == [
        ("o3", "placed after the as-of time"), ("o2", "cross_sell was due 17 days before the as-of time")]


def test_unknown_skus_are_left_out_with_a_warning(catalog):
    result = planner(catalog).plan([order("o1", "GONE-1", "PRN-LASER"), order("o2", "GONE-2")], file="x.csv")
    assert [f.order_id for f in result.followups] == ["o1"]
    assert len(result.warnings) == 2 and "unknown sku 'GONE-1'" in result.warnings[0]
    assert result.skipped[0].reason == "no sku of the order is in the catalog"


def test_retrieval_is_the_last_resort_in_the_same_department_never_of_the_same_kind(catalog):
    from knowledge.models import SearchHit

    garden = [Product(sku="HOSE-2", name="Garden hose 30 m", price=30.0, category="Garden > Watering"),
              Product(sku="REEL", name="Hose reel", price=25.0, category="Garden > Storage")]
    wider = Catalog([*catalog, *garden])
    asked = []
    hits = [SearchHit(sku=s, score=0.9) for s in ("HOSE", "CATNIP", "HOSE-2", "REEL")]

    def search(query, filters):
        asked.append(query)
        return hits

    # No relation for a hose: the bought hose, a cat toy (another department) and another hose are passed over.
    [f] = planner(wider, search=search).plan([order("o1", "HOSE")]).followups
    assert f.sku == "REEL" and asked == ["accessories for Garden hose 20 m"]
    planner(wider, search=search).plan([order("o2", "ESP-100", customer="z")])
    assert len(asked) == 1  # the relations answered: no search
    hits[:] = [SearchHit(sku="REEL", score=0.2)]
    assert planner(wider, search=search).plan([order("o3", "HOSE", customer="y")]).followups == []


def test_messages_are_localised(catalog):
    fr = planner(catalog).plan([order("o1", "DESC-KIT", locale="fr-FR")]).followups[0]
    de = planner(catalog, memory=Memory(c1=CustomerFacts(locale="de"))).plan([order("o1", "DESC-KIT")]).followups[0]
    en = planner(catalog, followup_locale="xx").plan([order("o1", "DESC-KIT")]).followups[0]
    assert fr.subject == "Bientôt à court de Descaling kit ?"
    assert "12,00" in fr.text and 'lang="fr"' in fr.html
    assert de.subject == "Geht Ihnen Descaling kit bald aus?" and "Tage" in de.text and 'lang="de"' in de.html
    assert en.subject == "Running low on Descaling kit?" and "$12.00" in en.text


def test_html_is_escaped_and_text_is_not(catalog):
    odd = Product(sku="ODD", name='Frother <script>alert("x")</script> & co', price=9.0, category="Kitchen > Misc",
                  url="javascript:alert(1)")
    machine = catalog.get("ESP-100").model_copy(update={"cross_sells": ["ODD"]})
    small = Catalog([machine, odd])
    [f] = planner(small).plan([order("o1", "ESP-100")]).followups
    assert "<script>" not in f.html and "&lt;script&gt;" in f.html and "&amp; co" in f.html
    assert "javascript:" not in f.html  # only http(s) links are rendered
    assert '<script>alert("x")</script> & co' in f.text and f.subject.endswith("& co")


def test_bad_orders_files_name_the_file_line_and_field(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(
        "order_id,sku,customer_id,created_at\n"
        "o1,A,c1,2026-01-01\n"
        "o1,B,c2,2026-01-01\n"       # another customer on the same order
        "o2,A,,2026-01-01\n"         # no customer
        "o3,A,c3,yesterday\n",       # unreadable time
        encoding="utf-8",
    )
    with pytest.raises(CatalogError) as exc:
        read_orders(path)
    shown = [str(e) for e in exc.value.errors]
    assert shown[0].startswith(f"{path}:3: field 'customer_id'")
    assert shown[1] == f"{path}:4: field 'customer_id': required for follow-ups"
    assert shown[2].startswith(f"{path}:5: field 'created_at': not an ISO 8601")


def test_order_times_read_iso_dates_and_shopify_exports(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("order_id,sku,customer_id,created_at,locale\no1,A,c1,2026-01-05 10:12:33 -0500,es\n"
                    "o2,A,c1,2026-01-06,\n", encoding="utf-8")
    o1, o2 = read_orders(path)
    assert o1.created_at == datetime(2026, 1, 5, 15, 12, 33, tzinfo=timezone.utc) and o1.locale == "es"
    assert o2.created_at == datetime(2026, 1, 6, tzinfo=timezone.utc) and o2.line == 3


def test_a_broken_index_disables_retrieval_once_for_the_run(catalog):
    from types import SimpleNamespace

    from agent.followups.service import make_planner
    from agent.settings import Settings
    from knowledge.index import IndexMissingError

    calls = []

    def search(query, filters=None, k=10):
        calls.append(query)
        raise IndexMissingError("no index")

    knowledge = SimpleNamespace(snapshot=SimpleNamespace(catalog=catalog, relations=Relations.build(catalog)),
                                search=search)
    p = make_planner(knowledge, Settings(_env_file=None), None)
    result = p.plan([order("o1", "HOSE"), order("o2", "HOSE", customer="c2"), order("o3", "ESP-100")])
    assert len(calls) == 1 and [f.order_id for f in result.followups] == ["o3"]
