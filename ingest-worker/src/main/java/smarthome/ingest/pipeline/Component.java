package smarthome.ingest.pipeline;

/** A long-running part of the worker, on its own thread: a sink loop or the state processor. */
public interface Component extends Runnable {
  String name();

  /** Asks it to finish; {@link #run()} then returns. */
  void stop();

  /** Why it stopped on its own, or null. */
  Throwable failure();
}
