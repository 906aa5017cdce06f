"""The meeting pack: the current view and saved links as one PPTX (editable charts) and one PDF.

The PDF is the same pack drawn by the renderer the images use: kaleido prints each page to a vector PDF page
through Chromium (title page, one page per chart, closing page of sources) and pypdf joins them. That keeps one
renderer with one CJK font for screen, images and PDF: text stays text (searchable, sharp at any size), and no
second layout engine (reportlab cannot embed Noto Sans CJK's CFF outlines) or office suite is needed at run time.
"""
from __future__ import annotations

import io
from datetime import date
from urllib.parse import urlsplit

import plotly.graph_objects as go

from dashboard import images, slides
from dashboard.charts import FONT
from dashboard.chart_views import CHART_PAGES, ChartView, page_of_path, tx, views, views_of_link

MAX_LINKS = 20


def normalize_link(line: str) -> str | None:
    """A pasted line as a link (a scheme added when missing), or None when it names no chart page."""
    link = line.strip()
    if not link:
        return None
    if "://" not in link:
        link = "http://" + link
    return link if page_of_path(urlsplit(link).path) in CHART_PAGES else None


def pack_views(links: list[str], lang: str, current: list[ChartView] | None = None) -> list[ChartView]:
    """The charts of the current view (if given) and of each saved link, in order."""
    out = list(current or [])
    for link in links[:MAX_LINKS]:
        out += views_of_link(link, lang)
    return [v for v in out if v.figure is not None or v.table is not None]


def _text_page(title: str, lines: list[str], size: int = 17) -> go.Figure:
    """A page of text (the PDF's title and closing pages) at slide size."""
    fig = go.Figure()
    fig.update_layout(width=images.WIDTH, height=images.HEIGHT, paper_bgcolor="white", plot_bgcolor="white",
                      font={"family": FONT}, xaxis={"visible": False}, yaxis={"visible": False},
                      margin={"l": 60, "r": 60, "t": 60, "b": 60})
    fig.add_annotation(text=f"<b>{_esc(title)}</b>", x=0, y=1, xref="paper", yref="paper", xanchor="left",
                       yanchor="top", showarrow=False, font={"size": 36, "color": "#17202a"})
    fig.add_annotation(text="<br>".join(_esc(x) for x in lines), x=0, y=0.86, xref="paper", yref="paper",
                       xanchor="left", yanchor="top", showarrow=False, align="left",
                       font={"size": size, "color": "#344054"})
    return fig


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_pdf(title: str, views: list[ChartView], lang: str, today: date | None = None) -> bytes:
    """The pack as one PDF: title page, one vector page per chart (with footer and link), sources page."""
    from pypdf import PdfWriter

    made = tx("pack.made", lang).format(day=(today or date.today()).isoformat())
    pages = [images.render_figure(_text_page(title, [f"{tx('pack.views', lang).format(n=len(views))} · {made}", ""]
                                             + [f"{i}. {v.title}" for i, v in enumerate(views, 1)]), "pdf")]
    pages += [images.render(v, "pdf") for v in views]
    pages.append(images.render_figure(_text_page(tx("pack.sources", lang), slides.every_source(views), 14), "pdf"))
    writer = PdfWriter()
    for page in pages:
        writer.append(io.BytesIO(page))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_pptx(title: str, views: list[ChartView], lang: str, today: date | None = None) -> bytes:
    return slides.build_pptx(title, views, lang, map_image=lambda v: images.render(v, "png", 2, bare=True),
                              today=today)


# The sidebar --------------------------------------------------------------------------------

def sidebar(page: str) -> None:
    """Pick views (the current one, saved links) and download the pack; built only when a button is clicked."""
    import streamlit as st

    from dashboard import present
    from dashboard.exports import file_stem
    from dashboard.i18n import lang, t

    with st.expander(t("pack.heading"), icon=":material/slideshow:"):
        current = st.checkbox(t("pack.current"), value=page in CHART_PAGES, key="pack.current",
                              disabled=page not in CHART_PAGES)
        text = st.text_area(t("pack.links"), key="pack.links", height=100, placeholder="http://…/map?layer=hubei")
        title = st.text_input(t("pack.title"), value=t("pack.default_title"), key="pack.title", max_chars=80)
        links = []
        for line in text.splitlines()[:MAX_LINKS]:
            link = normalize_link(line)
            if link:
                links.append(link)
            elif line.strip():
                st.caption(t("pack.bad_link").format(link=line.strip()[:60]))
        n = len(links) + (1 if current and page in CHART_PAGES else 0)
        if not n:
            st.caption(t("pack.none"))
            return
        st.caption(t("pack.views").format(n=n))
        code = lang()
        here = None
        if current and page in CHART_PAGES:   # read now: the download's callable runs outside the script run
            values = present.values_of(st.session_state["url"])
            here = (values, present.view_link(page, values))

        def chosen() -> list[ChartView]:
            return pack_views(links, code, views(page, here[0], code, here[1]) if here else None)

        stem = file_stem("meeting_pack", {"views": str(n)})
        st.download_button(t("pack.pptx"), data=lambda: build_pptx(title, chosen(), code), file_name=f"{stem}.pptx",
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           on_click="ignore", key="pack.pptx", icon=":material/download:", width="stretch")
        st.download_button(t("pack.pdf"), data=lambda: build_pdf(title, chosen(), code), file_name=f"{stem}.pdf",
                           mime="application/pdf", on_click="ignore", key="pack.pdf", icon=":material/download:",
                           width="stretch")
