"""The newsfuse pipeline on Apache Spark (``newsfuse spark``): past one machine.

First version (docs/scaling.md says what comes next): the per-article stages run unchanged inside
``mapPartitions`` on the executors (:mod:`.partition`, the spaCy model loaded once per Python worker);
the corpus stages run on the driver over the collected annotations, through the very code the
embedded run uses (:mod:`.corpus`), so both give the same stories, copies and figure statuses. The
outputs are Parquet tables partitioned by date (:mod:`.tables`). Bad input never fails the job: it
becomes a row of the ``quarantine`` table with its reason.

pyspark is imported only by :mod:`.runner`, when a job starts.
"""
