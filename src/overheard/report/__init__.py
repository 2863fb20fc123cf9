"""Reports: trends of casualty mentions and themes over time and place, each number with its evidence.

``trends.build_report`` aggregates the findings on every call's current transcript;
``formats`` renders a report as text, JSON or CSV; ``plots`` draws it with matplotlib,
with every bar of the SVG linking to the evidence behind it.
"""
