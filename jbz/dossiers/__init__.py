"""The EU files the letters follow: which names are one file, and each file's story.

In: the stored passages, mentions and stage claims (jbz.store) and the built-in register of EU
Justice and Home Affairs files. Out: dossiers with their names, timelines and stories for the views.
"""
