import streamlit as st

st.title("ai_compare")
st.info("…")
