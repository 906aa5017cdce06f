import streamlit as st

st.title("trends")
st.info("…")
