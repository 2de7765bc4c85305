package smarthome.ingest.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The end of the process: stop, wait for the main thread, flush the logs, then halt with its code. */
class ShutdownSequenceTest {
  final List<String> steps = new CopyOnWriteArrayList<>();
  final ShutdownSequence shutdown = new ShutdownSequence(() -> steps.add("stop worker"),
      () -> steps.add("flush logs"), code -> steps.add("halt " + code));

  @Test
  void aSignalStopsTheWorkerAndHaltsOnlyAfterTheMainThreadAndTheLogsAreDone() throws Exception {
    // Given SIGTERM while the worker runs
    Thread hook = new Thread(shutdown::onShutdown);
    hook.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> steps.contains("stop worker"));
    Thread.sleep(100);
    assertEquals(List.of("stop worker"), steps, "nothing more until the main thread is done");

    // When the main thread has written and committed its last batch
    shutdown.finished(0);
    hook.join(5000);

    // Then the logs are flushed before the halt, which carries the main thread's code
    assertEquals(List.of("stop worker", "flush logs", "halt 0"), steps);
  }

  @Test
  void anExitAfterAFatalErrorKeepsItsCode() throws Exception {
    shutdown.finished(1);
    shutdown.onShutdown();
    assertEquals(List.of("stop worker", "flush logs", "halt 1"), steps);
  }
}
