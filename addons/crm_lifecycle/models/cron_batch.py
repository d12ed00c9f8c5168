"""Shared by the scheduled actions: batch size and the commit between batches."""
import threading

BATCH_SIZE = 500


def commit_batch(env):
    """Commit the batch just done, except in tests (they run in one transaction, rolled back at the end).

    A cron killed half-way thus keeps its finished batches; the next run picks up the rest.
    """
    if not getattr(threading.currentThread(), 'testing', False):
        env.cr.commit()
    env.cache.invalidate()
