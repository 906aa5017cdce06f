"""The floor a page is measured against: a selectbox, a plotly chart and a table, no database."""
import pandas as pd
import plotly.express as px
import streamlit as st

choice = st.selectbox("年份 Year", ["2024", "2025", "2026"], key="w.year")
frame = pd.DataFrame({"region": [f"区{i}" for i in range(20)], "policies": [(i * 37 + int(choice)) % 97 for i in range(20)]})
st.plotly_chart(px.bar(frame, x="region", y="policies"))
st.dataframe(frame, hide_index=True)
