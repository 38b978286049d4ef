"""Small SVG charts drawn from data (no JavaScript, no external library), deterministic.

Every chart has a title and a description for screen readers, and the page shows the same
figures as a table.
"""

from __future__ import annotations

from html import escape

WIDTH = 720
BAR_HEIGHT = 26
LABEL_WIDTH = 330
# Distinct colours (one per document type at most), dark enough for white text around.
COLOURS = (
    "#3f51b5",
    "#e8710a",
    "#188038",
    "#a142f4",
    "#d93025",
    "#007b83",
    "#9e6a03",
    "#5f6368",
    "#c2185b",
    "#00838f",
    "#6d4c41",
    "#1e88e5",
    "#7cb342",
    "#8e24aa",
    "#f4511e",
    "#3949ab",
)


def _svg(height: int, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="t d" '
        'font-family="sans-serif" font-size="13">\n'
        f'<title id="t">{escape(title)}</title>\n<desc id="d">{escape(description)}</desc>\n'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>\n'
        + "\n".join(body)
        + "\n</svg>\n"
    )


def horizontal_bars(title: str, rows: list[tuple[str, float, str]], maximum: float = 100) -> str:
    """One bar per row: (label, value, text shown at the end of the bar)."""
    height = 40 + BAR_HEIGHT * len(rows)
    span = WIDTH - LABEL_WIDTH - 70
    body = [f'<text x="10" y="22" font-weight="bold">{escape(title)}</text>']
    for index, (label, value, shown) in enumerate(rows):
        y = 34 + index * BAR_HEIGHT
        length = max(1.0, span * value / maximum) if maximum else 1.0
        short = label if len(label) <= 48 else label[:46] + "…"
        body += [
            f'<text x="10" y="{y + 17}">{escape(short)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length:.1f}" height="{BAR_HEIGHT - 8}" '
            f'fill="{COLOURS[0]}"/>',
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 17}">{escape(shown)}</text>',
        ]
    description = "; ".join(f"{label} : {shown}" for label, _, shown in rows)
    return _svg(height, title, description, body)


def stacked_columns(title: str, columns: list[str], series: dict[str, list[int]]) -> str:
    """Columns (e.g. years), each split by series (e.g. document types), with a legend."""
    totals = [sum(values[i] for values in series.values()) for i in range(len(columns))]
    top = max(totals, default=1) or 1
    plot_height, left, bottom = 220, 40, 250
    step = (WIDTH - left - 20) / max(len(columns), 1)
    body = [f'<text x="10" y="22" font-weight="bold">{escape(title)}</text>']
    for index, column in enumerate(columns):
        x, y = left + index * step, float(bottom)
        for colour, values in zip(COLOURS * 2, series.values(), strict=False):
            height = plot_height * values[index] / top
            if height:
                y -= height
                body.append(
                    f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{step - 4:.1f}" '
                    f'height="{height:.1f}" fill="{colour}"/>'
                )
        body += [
            f'<text x="{x + step / 2:.1f}" y="{bottom + 16}" text-anchor="middle" '
            f'font-size="11">{escape(column)}</text>',
            f'<text x="{x + step / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="11">{totals[index]}</text>',
        ]
    legend_y = bottom + 36
    for index, (name, colour) in enumerate(zip(series, COLOURS * 2, strict=False)):
        x = 10 + (index % 4) * 175
        y = legend_y + (index // 4) * 18
        body += [
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>',
            f'<text x="{x + 16}" y="{y}">{escape(name)}</text>',
        ]
    height = legend_y + 18 * ((len(series) + 3) // 4) + 6
    description = "; ".join(f"{c} : {t}" for c, t in zip(columns, totals, strict=True))
    return _svg(height, title, description, body)


def timeline(title: str, events: list[tuple[str, str]]) -> str:
    """Events (date, label) on a vertical line, oldest first."""
    height = 40 + 30 * len(events)
    body = [
        f'<text x="10" y="22" font-weight="bold">{escape(title)}</text>',
        f'<line x1="110" y1="34" x2="110" y2="{height - 10}" stroke="#9e9e9e" stroke-width="2"/>',
    ]
    for index, (date, label) in enumerate(events):
        y = 48 + index * 30
        short = label if len(label) <= 80 else label[:78] + "…"
        body += [
            f'<text x="10" y="{y + 4}" font-weight="bold">{escape(date)}</text>',
            f'<circle cx="110" cy="{y}" r="6" fill="{COLOURS[0]}"/>',
            f'<text x="124" y="{y + 4}">{escape(short)}</text>',
        ]
    description = "; ".join(f"{date} : {label}" for date, label in events)
    return _svg(height, title, description, body)
