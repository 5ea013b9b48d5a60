"""Stories: syndicated copies of one wire story folded together, same-event articles grouped.

Pure functions only (no SQL): `minhash` turns text into a stable MinHash signature and
LSH band keys, `grouping` decides which pairs of articles are copies or report the same
event and folds linked articles into stories. `newsloom.store.sql.stories` persists
the signatures, bands and links and calls these.
"""
