"""The demo network's generated history; see tools/demo_network.py."""
