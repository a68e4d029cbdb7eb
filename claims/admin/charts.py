"""Small server-rendered SVG charts for the dashboard: no JavaScript, no CDN, every label escaped."""

from collections.abc import Mapping, Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# One colour per claim status, shared by the charts, the legend and the article workbench's CSS.
STATUS_COLOURS = {
    "proposed": "#9aa5b1",
    "accepted": "#3b82c4",
    "rejected": "#c0392b",
    "in_review": "#e6a23c",
    "reviewed": "#8e44ad",
    "published": "#2e8b57",
}

ROW_HEIGHT = 22
LABEL_WIDTH = 180
BAR_WIDTH = 360


def _truncate(label: str, length: int = 28) -> str:
    return label if len(label) <= length else label[: length - 1] + "…"


def stacked_bar_chart(
    rows: Sequence[tuple[str, Mapping[str, int]]], *, colours: Mapping[str, str], title: str
) -> SafeString:
    """Horizontal bars, one per row, each split into coloured segments (e.g. claims by status)."""
    biggest = max((sum(parts.values()) for _, parts in rows), default=0) or 1
    height = ROW_HEIGHT * max(len(rows), 1) + 4
    width = LABEL_WIDTH + BAR_WIDTH + 50
    elements: list[SafeString] = []
    for index, (label, parts) in enumerate(rows):
        y = index * ROW_HEIGHT + 2
        elements.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>',
                LABEL_WIDTH - 6,
                y + 14,
                _truncate(label),
            )
        )
        x = float(LABEL_WIDTH)
        for key, colour in colours.items():
            value = parts.get(key, 0)
            if not value:
                continue
            w = BAR_WIDTH * value / biggest
            elements.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} {}</title></rect>',
                    f"{x:.1f}",
                    y,
                    f"{w:.1f}",
                    ROW_HEIGHT - 6,
                    colour,
                    label,
                    value,
                    key.replace("_", " "),
                )
            )
            x += w
        elements.append(
            format_html(
                '<text x="{}" y="{}" class="chart-value">{}</text>', f"{x + 4:.1f}", y + 14, sum(parts.values())
            )
        )
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 {} {}">{}</svg>',
        title,
        width,
        height,
        width,
        height,
        mark_safe("".join(elements)),
    )


def column_chart(columns: Sequence[tuple[str, int]], *, title: str, colour: str = "#3b82c4") -> SafeString:
    """Vertical bars over time (e.g. claims per month), values above; a label's lines stack below its bar."""
    biggest = max((value for _, value in columns), default=0) or 1
    column_width, gap, plot_height = 44, 10, 140
    width = max(len(columns), 1) * (column_width + gap) + gap
    height = plot_height + 52
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
        '<text x="{}" y="{}" text-anchor="middle" class="chart-value">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" class="chart-label">{}</text>',
        (
            (
                gap + i * (column_width + gap),
                f"{20 + plot_height * (1 - value / biggest):.1f}",
                column_width,
                f"{plot_height * value / biggest:.1f}",
                colour,
                label.replace("\n", " "),
                value,
                gap + i * (column_width + gap) + column_width / 2,
                f"{16 + plot_height * (1 - value / biggest):.1f}",
                value,
                gap + i * (column_width + gap) + column_width / 2,
                plot_height + 36,
                _label_lines(label, gap + i * (column_width + gap) + column_width / 2),
            )
            for i, (label, value) in enumerate(columns)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 {} {}">{}</svg>',
        title,
        width,
        height,
        width,
        height,
        bars,
    )


def _label_lines(label: str, x: float) -> SafeString:
    """A label's lines (month, then year) as stacked tspans, so neighbouring labels never overlap."""
    first, *rest = label.split("\n")
    return format_html(
        "{}{}", first, format_html_join("", '<tspan x="{}" dy="1.2em">{}</tspan>', ((x, line) for line in rest))
    )
