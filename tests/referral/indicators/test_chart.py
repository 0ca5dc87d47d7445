"""The funder's charts give nothing away about hidden cells."""

from __future__ import annotations

from referral.indicators.charts import bar_chart
from referral.indicators.tables import Row, Table


def table_with_hidden(value: int) -> Table:
    rows = [Row("x", "x", {"count": value}), Row("y", "y", {"count": 10})]
    table = Table("t", "T", "x", [("count", "n")], rows, Row("total", "Total", {"count": 0}))
    table.hidden = table.secret = {("x", "count")}
    return table


def test_a_hidden_cell_does_not_set_the_scale_of_the_bars():
    assert str(bar_chart(table_with_hidden(50))) == str(bar_chart(table_with_hidden(80)))


def test_a_hidden_cell_reads_its_label_in_the_chart():
    assert "secret" in str(bar_chart(table_with_hidden(50)))


def test_the_legend_is_a_list_under_the_chart_one_entry_per_column():
    columns = [("a", "accepté par le partenaire"), ("b", "refusé par le partenaire (motif)")]
    rows = [Row("x", "x", {"a": 7, "b": 9})]
    table = Table("t", "T", "x", columns, rows, Row("total", "Total", {}))
    chart, legend = str(bar_chart(table)).split("</svg>", 1)
    assert "partenaire" not in chart  # no legend text drawn at fixed places in the SVG
    entries = legend.split("<li>")[1:]
    assert [entry.split("</svg>")[1].split("</li>")[0] for entry in entries] == [
        "accepté par le partenaire",
        "refusé par le partenaire (motif)",
    ]
