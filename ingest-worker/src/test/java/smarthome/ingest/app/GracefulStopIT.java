package smarthome.ingest.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import smarthome.testkit.TestStack;
import smarthome.testkit.WorkerProcess;

/**
 * SIGTERM on the real worker jar, logging to a file through a buffered appender (as operators
 * configure for speed): the process exits 0 and its last lines reach the file.
 */
class GracefulStopIT {
  static final Path DIR = Path.of("target", "it-logs");

  @Test
  void sigtermExitsZeroWithTheLastLogLinesWritten() throws Exception {
    // Given a worker whose log file is written through an 8 KiB buffer, not line by line
    Files.createDirectories(DIR);
    Path file = DIR.resolve("graceful-stop.log").toAbsolutePath();
    Path console = DIR.resolve("graceful-stop-console.log");
    Files.deleteIfExists(file);
    Path config = DIR.resolve("graceful-stop-logback.xml");
    Files.writeString(config, """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%msg%n</pattern></encoder>
          </appender>
          <appender name="FILE" class="ch.qos.logback.core.FileAppender">
            <file>FILE</file>
            <immediateFlush>false</immediateFlush>
            <encoder><pattern>%level %logger{20} - %msg%n</pattern></encoder>
          </appender>
          <logger name="smarthome" level="INFO"/>
          <root level="WARN"><appender-ref ref="OUT"/><appender-ref ref="FILE"/></root>
        </configuration>
        """.replace("FILE</file>", file + "</file>"));
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-Dlogback.configurationFile=" + config.toAbsolutePath(), "-jar", WorkerProcess.jar().toString(),
        "--sinks", "devices", "--metrics-port", "-1")
        .redirectErrorStream(true).redirectOutput(console.toFile());
    pb.environment().putAll(TestStack.env());
    pb.environment().put("INGEST_GROUP_PREFIX", "it-stop");
    Process worker = pb.start();
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> Files.readString(console).contains("devices: consuming"));

      // When it gets SIGTERM
      worker.destroy();
      assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "stopped within 60 s");

      // Then it exits 0, and the file holds the stop, down to the last line
      assertEquals(0, worker.exitValue());
      List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
      assertFalse(lines.isEmpty(), "the log file is empty: its buffer was never written");
      assertTrue(lines.stream().anyMatch(l -> l.endsWith("- stopping (signal)")),
          "the stop is in the file:\n" + String.join("\n", lines));
      assertTrue(lines.get(lines.size() - 1).endsWith("- stopped"), String.join("\n", lines));
    } finally {
      worker.destroyForcibly();
    }
  }
}
