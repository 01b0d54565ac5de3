"""Cartwise agent: conversation state, need signals, the offer policy, replies, the model interface."""
