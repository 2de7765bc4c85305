package smarthome.ingest.app;

import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the worker process ends, on SIGTERM or after its main thread is done: the hook asks the
 * worker to stop, waits until the main thread has finished the last batches and closed the
 * stores, flushes the logs, and only then halts with the main thread's exit code.
 *
 * <p>Why halt: during a signal's shutdown {@code System.exit} would block and the JVM would exit
 * 143; a stop that finished cleanly must exit 0. Why flush first: halt skips everything that
 * would run after it, so a buffered or asynchronous appender would lose the last lines.
 */
final class ShutdownSequence {
  private static final Logger log = LoggerFactory.getLogger(ShutdownSequence.class);

  private final Runnable stopWorker;
  private final Runnable flushLogs;
  private final IntConsumer halt;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile int exitCode;

  ShutdownSequence(Runnable stopWorker, Runnable flushLogs, IntConsumer halt) { // visible for testing
    this.stopWorker = stopWorker;
    this.flushLogs = flushLogs;
    this.halt = halt;
  }

  /** Registers the sequence as the JVM's shutdown hook for this worker. */
  static ShutdownSequence install(Worker worker) {
    ShutdownSequence s = new ShutdownSequence(worker::stop, ShutdownSequence::stopLogging,
        Runtime.getRuntime()::halt);
    Runtime.getRuntime().addShutdownHook(new Thread(s::onShutdown, "shutdown"));
    return s;
  }

  /** The main thread is done, the worker closed: the process may end with this code. */
  void finished(int code) {
    exitCode = code;
    finished.countDown();
  }

  /** The shutdown hook's body. */
  void onShutdown() {
    if (finished.getCount() > 0) {
      log.info("stopping (signal)");
    }
    stopWorker.run();
    try {
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushLogs.run();
    halt.accept(exitCode);
  }

  /** Stops logback: its appenders write out what they buffer and close their files. */
  static void stopLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
