"""Session store (SQLite by URL): state survives a restart, sessions stay apart."""

from agent.sql_store import SQLSessionStore
from agent.types import OfferRecord


def test_state_survives_restart(tmp_path):
    path = tmp_path / "s.sqlite3"
    store = SQLSessionStore.from_url(f"sqlite:///{path}")
    st = store.load("a")
    assert st.turns == [] and st.decline_count == 0
    st.offers_made.append(OfferRecord(sku="PB-10K", kind="cross_sell", turn=0))
    st.declined_skus.append("PB-10K")
    st.decline_count = 1
    store.save(st)
    store.close()
    again = SQLSessionStore.from_url(f"sqlite:///{path}").load("a")
    assert again.declined_skus == ["PB-10K"] and again.offers_made[0].sku == "PB-10K"
    assert SQLSessionStore.from_url(f"sqlite:///{path}").load("b").declined_skus == []
