package smarthome.api.it;

import smarthome.ingest.app.IngestConfig;
import smarthome.ingest.app.Worker;

/** The real ingest worker in this JVM, on a thread of its own, until closed. */
final class InProcessWorker implements AutoCloseable {
  private final Worker worker;
  private final Thread thread;

  private InProcessWorker(Worker worker, Thread thread) {
    this.worker = worker;
    this.thread = thread;
  }

  static InProcessWorker start(IngestConfig cfg, String threadName) throws InterruptedException {
    Worker worker = new Worker(cfg);
    worker.start();
    Thread t = new Thread(() -> {
      try {
        worker.awaitStop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, threadName);
    t.start();
    return new InProcessWorker(worker, t);
  }

  @Override
  public void close() throws InterruptedException {
    worker.stop();
    thread.join(30_000);
    worker.close();
  }
}
