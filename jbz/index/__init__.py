"""Files on disk -> stored rows.

In: paths (files and folders). The walk (`indexer`) skips what is unchanged by content hash and
hands each file to guarded worker processes (`workers`: time, memory and size limits), which read
it (jbz.read), parse it and cut it into passages with their stage claims (jbz.parse, jbz.language)
and place PDF pages (`pages`); the main process stores each batch (jbz.store). Out: rows in the
index, and a report of what was indexed, unchanged, skipped and why.
"""
