"""`jbz fetch`: the dossier's Kamerstukken from the official open-data service into a local mirror.

client (HTTP with timeouts, retries, a rate limit and a host allow-list) -> sru (the KOOP SRU
listing, read tolerantly) -> mirror (what is new or changed, written by temporary name then
rename) -> the indexer. metadata reads the publisher's metadata.xml beside a letter; it is the
only part `jbz index` uses, and nothing here is imported by any other command.
"""
