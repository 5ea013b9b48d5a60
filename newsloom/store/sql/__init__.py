"""What every SQL backend shares: the tables and their migrations (`schema`), the store's
logic over them (`store.SqlStore`: saving, merging copies, facts, places, events, stories,
runs, drops, shards) and the search contract (`search`).

The SQL here is written once, in what SQLite and PostgreSQL both understand, with
SQLite's placeholders (`dialect`); the backends (`newsloom.store.sqlite`,
`newsloom.store.postgres`) add only how they connect, lock, migrate and search.
"""
