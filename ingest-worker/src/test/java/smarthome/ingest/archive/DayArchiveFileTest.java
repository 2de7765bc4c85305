package smarthome.ingest.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smarthome.common.logs.LogCodec;
import smarthome.common.logs.LogEvent;
import smarthome.common.logs.LogLevel;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** A device-day's archive file: the stored object merged with the rows, and the object always closed. */
class DayArchiveFileTest {
  static final LocalDate DAY = LocalDate.of(2026, 1, 10);
  static final Instant T = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
  final LogCodec codec = new LogCodec(Clock.fixed(T.plusSeconds(86_400 * 60), ZoneOffset.UTC));
  final AtomicBoolean closed = new AtomicBoolean();

  @TempDir
  Path dir;

  /** An S3 that holds one object with these bytes, and records whether its stream was closed. */
  S3Client holding(byte[] object) {
    return new S3Client() {
      @Override
      public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest r) {
        var body = new ByteArrayInputStream(object) {
          @Override
          public void close() throws IOException {
            closed.set(true);
            super.close();
          }
        };
        return new ResponseInputStream<>(GetObjectResponse.builder().build(),
            AbortableInputStream.create(body));
      }

      @Override
      public String serviceName() {
        return "s3";
      }

      @Override
      public void close() {}
    };
  }

  DayArchiveFile file(byte[] object) {
    return new DayArchiveFile(new ArchiveObjects(holding(object), "b"), codec);
  }

  static DayWindow window() {
    return DayWindow.of("d1", DAY, DAY.plusDays(5).atStartOfDay().toInstant(ZoneOffset.UTC), null);
  }

  static LogEvent log(int second) {
    return new LogEvent(new UUID(0, second), "d1", T.plusSeconds(second), LogLevel.INFO, "tick",
        "tick " + second);
  }

  byte[] gzip(List<LogEvent> logs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      for (LogEvent e : logs) {
        codec.write(e, gz);
        gz.write('\n');
      }
    }
    return out.toByteArray();
  }

  @Test
  void aStoredObjectThatIsNotGzipIsClosedWhenReadingItFails() {
    DayArchiveFile f = file("not gzip at all".getBytes(StandardCharsets.UTF_8));
    assertThrows(IllegalStateException.class, () -> f.write(window(), () -> null, dir.resolve("a.gz")));
    assertTrue(closed.get(), "the object's stream is closed, not leaked with its HTTP connection");
  }

  @Test
  void theStoredLogsAndTheRowsAreMergedInTimeOrderEachOnce() throws Exception {
    DayArchiveFile f = file(gzip(List.of(log(1), log(3))));
    Deque<LogEvent> rows = new ArrayDeque<>(List.of(log(2), log(3), log(4)));
    Path tmp = dir.resolve("b.gz");
    DayArchiveFile.Written w = f.write(window(), rows::poll, tmp);
    assertEquals(4, w.lines());
    assertEquals(Files.size(tmp), w.bytes());
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(tmp)), StandardCharsets.UTF_8))) {
      List<String> messages = r.lines().map(l -> {
        try {
          return codec.decode(l.getBytes(StandardCharsets.UTF_8)).message();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }).toList();
      assertEquals(List.of("tick 1", "tick 2", "tick 3", "tick 4"), messages);
    }
    assertTrue(closed.get());
  }
}
