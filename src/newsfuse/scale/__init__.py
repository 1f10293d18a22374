"""The newsfuse pipeline on Apache Spark (``newsfuse spark``): past one machine.

The per-article stages run unchanged inside ``mapPartitions`` on the executors (:mod:`.partition`,
the spaCy model loaded once per Python worker), and the annotated articles stay there. The corpus
stages run as Spark jobs over them (:mod:`.corpus_jobs`): the store's filing of versions (keys on
the driver), story features and their document frequencies on the executors with the embedded
clusterer's sequential pass on the driver, then one briefing per story (its reuse index, its figure
reconciliation, its rows) on the executors, grouped by story id, each task writing its own Parquet
files. All of it calls the embedded code (:mod:`newsfuse.corpus`, :mod:`newsfuse.output`), so both
give the same stories, copies and figure statuses (tests/scale). The outputs are Parquet tables
partitioned by date (:mod:`.tables`). Bad input never fails the job: it becomes a row of the
``quarantine`` table with its reason.

pyspark is imported only when a job starts (:mod:`.runner`, :mod:`.corpus_jobs`).
"""
