"""Dutch sentences -> what they say of EU files: the stage a sentence claims a file reached or
plans (the ladder, the claim reader) and, later, which files it names.

In: a passage's text and the letter's date. Out: plain dataclasses (`StageClaim`). Read once, at
index time, from the sentence alone: nothing here touches the store, so the indexer below the
store's readers can use it and the dossier queries above can too.
"""
