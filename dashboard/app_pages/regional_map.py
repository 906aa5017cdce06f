import streamlit as st

st.title("regional_map")
st.info("…")
