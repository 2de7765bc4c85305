package smarthome.ingest.pipeline;

import smarthome.ingest.pipeline.LoopProfile.Phase;

/**
 * One attempt at a batch: drop the events of deleted devices, write the rest (isolating what the
 * store refuses), deliver the dead letters, and erase again what a racing DELETE should have
 * removed. The loop calls it again with the same batch after a retriable failure, so everything
 * here may run twice; the dead letters still go out once per batch, not once per attempt, or a
 * store outage would multiply them.
 */
final class BatchWriter<T> {
  private final WatermarkGuard<T> guard;
  private final RejectIsolation<T> isolation;
  private final DeadLetters deadLetters;
  private final SinkMetrics metrics;
  private final LoopProfile profile;

  BatchWriter(String sinkName, Sink<T> sink, Watermarks watermarks, DeadLetters deadLetters,
      SinkMetrics metrics, LoopProfile profile) {
    this.guard = new WatermarkGuard<>(sinkName, watermarks, sink);
    this.isolation = new RejectIsolation<>(sink);
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.profile = profile;
  }

  /**
   * Writes the batch once; returns the events the store took.
   *
   * @throws SinkException as the store or the dead-letter topic failed; nothing may be committed
   */
  int attempt(Batch<T> batch) throws SinkException {
    long tw = System.nanoTime();
    WatermarkGuard.Admitted<T> admitted = guard.admit(batch.entries(), batch.devices());
    profile.spent(Phase.WATERMARKS, tw);
    long ts = System.nanoTime();
    batch.sendLetters(deadLetters);
    int rejected = isolation.write(admitted.kept(), batch::reject);
    batch.sendLetters(deadLetters); // what the store refused just now
    deliverLetters(batch);
    profile.spent(Phase.STORE, ts);
    metrics.droppedDeleted.increment(admitted.dropped());
    long te = System.nanoTime();
    metrics.erased.increment(guard.eraseIfDeletedMeanwhile(admitted));
    profile.spent(Phase.WATERMARKS, te);
    return admitted.kept().size() - rejected;
  }

  /** Waits for the dead-letter topic's acknowledgement; on failure the letters go out again. */
  private void deliverLetters(Batch<T> batch) throws SinkException {
    try {
      deadLetters.flush();
    } catch (SinkException e) {
      batch.lettersFlushed(false);
      throw e;
    }
    metrics.deadLetters.increment(batch.lettersFlushed(true));
  }
}
