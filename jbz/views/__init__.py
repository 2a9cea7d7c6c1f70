"""Answers -> what a person sees.

In: rows, timelines and stories from jbz.store, jbz.dossiers and jbz.search. Out: Rich renderables
for a terminal (`terminal`), tab-separated plain text for a pipe (`plain`, which never imports
Rich), self-contained HTML pages (`html`), and the consoles that keep a letter's control
characters off the terminal (`console`). JSON goes out with json.dumps in the CLI, never through here.
"""
