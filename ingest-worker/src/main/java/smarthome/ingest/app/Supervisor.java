package smarthome.ingest.app;

import java.util.ArrayList;
import java.util.List;
import smarthome.ingest.pipeline.Component;

/**
 * The worker's long-running components, each on its own thread, watched together: when one
 * stops on its own (a fatal error, or any end nobody asked for), the others are stopped too, so
 * the process exits and its supervisor (systemd, Kubernetes) can restart it.
 */
final class Supervisor {
  private final List<Component> components = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;

  void add(Component c) {
    components.add(c);
  }

  void startAll() {
    for (Component c : components) {
      Thread t = new Thread(c, "sink-" + c.name());
      threads.add(t);
      t.start();
    }
  }

  /** Blocks until every component has stopped; returns the first fatal failure, or null. */
  Throwable awaitStop() throws InterruptedException {
    while (true) {
      for (int i = 0; i < threads.size(); i++) {
        if (threads.get(i).isAlive()) {
          continue;
        }
        Throwable f = components.get(i).failure();
        if (f == null && !stopping) {
          stop();
          return new IllegalStateException("sink " + components.get(i).name() + " stopped");
        }
        stop();
        for (Thread other : threads) {
          other.join(30_000);
        }
        return f;
      }
      Thread.sleep(200);
    }
  }

  void stop() {
    stopping = true;
    components.forEach(Component::stop);
  }

  boolean stopping() {
    return stopping;
  }

  boolean healthy() {
    return !stopping && threads.stream().allMatch(Thread::isAlive);
  }
}
