"""The /admin page's HTML: the login form and the merchant's figures over time, charts drawn on the server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template

from api.metrics_series import OFFER_KINDS, DayFigures, Figures, MetricsSeries
from evals.charts import Series, data_table, esc, line_chart

TEMPLATE = Template((Path(__file__).resolve().parent / "static" / "admin.html").read_text(encoding="utf-8"))
RANGES = (7, 30, 90)
Getter = Callable[[Figures], float | None]


def _money(v: float | None) -> str:
    return "n/a" if v is None else f"{v:,.2f}"


def _pct(v: float | None) -> str:
    return "n/a" if v is None else f"{v * 100:.1f}%"


def _count(v: float | None) -> str:
    return "n/a" if v is None else f"{v:,.0f}"


@dataclass(frozen=True)
class ChartSpec:
    """One chart of the page: its lines (name and figure) and how values read."""

    chart_id: str
    title: str
    desc: str
    lines: tuple[tuple[str, Getter], ...]
    fmt: Callable[[float | None], str]
    y_max: float | None = None
    integer: bool = False


def _kind_rate(kind: str) -> Getter:
    return lambda f: f.acceptance_by_kind[kind].acceptance_rate if kind in f.acceptance_by_kind else None


CHARTS = (
    ChartSpec("offers", "Offers shown and accepted per day", "Distinct offers shown each day and how many of them "
              "were accepted.", (("shown", lambda f: f.offers_shown), ("accepted", lambda f: f.offers_accepted)),
              _count, integer=True),
    ChartSpec("acceptance", "Acceptance rate by kind", "Share of the offers shown each day that were accepted, per "
              "kind of offer, and over all kinds.", (("all kinds", lambda f: f.acceptance_rate),
                                         *((k.replace("_", "-"), _kind_rate(k)) for k in OFFER_KINDS)), _pct, 1.0),
    ChartSpec("revenue", "Attributed revenue per day", "Catalog price of the offers accepted in chats that went on "
              "to purchase, on the day of the purchase.", (("attributed revenue", lambda f: f.attributed_revenue),),
              _money),
    ChartSpec("aov", "Average order value", "Mean order total each day, for orders in chats with an accepted offer "
              "and for the other orders.", (("with an accepted offer", lambda f: f.average_order_value_with_offer),
                                           ("without", lambda f: f.average_order_value_without_offer)), _money),
    ChartSpec("conversion", "Conversion of chats", "Share of chats that ended in a purchase, for chats where the "
              "agent offered something and for chats without an offer.",
              (("chats with offers", lambda f: f.conversion_with_offers),
               ("chats without", lambda f: f.conversion_without_offers)), _pct, 1.0),
    ChartSpec("repeat", "Repeat purchases after follow-ups", "Follow-up messages sent each day, and purchases by "
              "customers after a follow-up was sent to them.", (("follow-ups sent", lambda f: f.followups_sent),
                                                               ("repeat purchases", lambda f: f.repeat_purchases)),
              _count, integer=True),
)


def page(title: str, body: str, *, logged_in: bool) -> str:
    """The page shell (admin.html) around ``body``."""
    logout = (
        '<form method="post" action="/admin/logout"><button type="submit">Log out</button></form>' if logged_in else ""
    )
    return TEMPLATE.substitute(title=esc(title), body=body, logout=logout)


def login_page(error: str | None = None) -> str:
    """The login form: the admin key is posted once, never put in a URL."""
    err = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    body = (
        '<form class="login" method="post" action="/admin/login"><h2>Sign in</h2>'
        f'{err}<label for="key">Admin key</label>'
        '<input id="key" name="key" type="password" autocomplete="current-password" required>'
        '<button type="submit">Sign in</button><p class="muted">The key set as CARTWISE_ADMIN_API_KEY.</p></form>'
    )
    return page("Cartwise admin: sign in", body, logged_in=False)


def disabled_page() -> str:
    """Shown when no admin key is configured: the page stays closed."""
    return page("Cartwise admin", "<p>The admin page is disabled: no admin key is configured "
                "(set CARTWISE_ADMIN_API_KEY).</p>", logged_in=False)


def _chart_card(spec: ChartSpec, days: list[DayFigures], totals: Figures) -> str:
    labels = [d.day[5:] for d in days]  # MM-DD: the year is in the heading
    series = [Series(name, [get(d) for d in days]) for name, get in spec.lines]
    svg = line_chart(labels, series, chart_id=f"admin-{spec.chart_id}", title=spec.title, desc=spec.desc,
                     fmt=lambda v: spec.fmt(v), y_max=spec.y_max, integer=spec.integer)
    rows = [[d.day, *[spec.fmt(get(d)) for _, get in spec.lines]] for d in reversed(days)]
    table = data_table(spec.title + " (numbers)", ["day", *[name for name, _ in spec.lines]], rows)
    total = "; ".join(f"{name}: {spec.fmt(get(totals))}" for name, get in spec.lines)
    return (
        f'<section class="card" aria-labelledby="h-{spec.chart_id}"><h2 id="h-{spec.chart_id}">{esc(spec.title)}'
        f'</h2><p class="muted">{esc(spec.desc)} Over the period: {esc(total)}.</p>{svg}'
        f"<details><summary>Table</summary>{table}</details></section>"
    )


def _kpis(t: Figures) -> str:
    items = [
        (_count(t.offers_shown), "offers shown"),
        (_pct(t.acceptance_rate), "acceptance rate"),
        (_money(t.attributed_revenue), "attributed revenue"),
        (_money(t.average_order_value_with_offer), "order value with an accepted offer"),
        (_money(t.average_order_value_without_offer), "order value without"),
        (_pct(t.conversion_with_offers), "conversion, chats with offers"),
        (_pct(t.conversion_without_offers), "conversion, chats without"),
        (_count(t.repeat_purchases), "repeat purchases after follow-ups"),
    ]
    return '<ul class="kpis">' + "".join(f'<li class="kpi"><b>{esc(v)}</b><span>{esc(k)}</span></li>'
                                         for v, k in items) + "</ul>"


def dashboard_page(series: MetricsSeries, days: int, currency: str) -> str:
    """The merchant's figures over ``days`` days: totals, then one chart (and its table) per figure."""
    ranges = " ".join(
        f'<a href="/admin?days={n}"{" aria-current=page" if n == days else ""}>{n} days</a>' for n in RANGES
    )
    notes = (
        '<div class="notes" role="note"><ul>' + "".join(f"<li>{esc(n)}</li>" for n in series.notes) + "</ul></div>"
        if series.notes else ""
    )
    body = (
        f'<p class="range">{ranges}</p><p class="muted">{esc(series.start)} to {esc(series.end)} (UTC days); '
        f"amounts in {esc(currency)}. The same figures as JSON: <code>GET /v1/metrics/series?days={days}</code> "
        f"with X-API-Key.</p>{_kpis(series.totals)}{notes}"
        '<div class="grid">' + "".join(_chart_card(spec, series.days, series.totals) for spec in CHARTS) + "</div>"
    )
    return page("Cartwise admin: merchant view", body, logged_in=True)
