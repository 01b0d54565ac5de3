"""SQLite session store: state survives a restart, sessions stay apart."""

from agent.state import SQLiteSessionStore
from agent.types import OfferRecord


def test_state_survives_restart(tmp_path):
    path = tmp_path / "s.sqlite3"
    store = SQLiteSessionStore(path)
    st = store.load("a")
    assert st.turns == [] and st.decline_count == 0
    st.offers_made.append(OfferRecord(sku="PB-10K", kind="cross_sell", turn=0))
    st.declined_skus.append("PB-10K")
    st.decline_count = 1
    store.save(st)
    store.close()
    again = SQLiteSessionStore(path).load("a")
    assert again.declined_skus == ["PB-10K"] and again.offers_made[0].sku == "PB-10K"
    assert SQLiteSessionStore(path).load("b").declined_skus == []
