package smarthome.ingest.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import smarthome.common.json.InvalidEventException;
import smarthome.common.logs.LogCodec;
import smarthome.common.logs.LogEvent;

/**
 * Writes one device-day's archive to a local gzip file: the day's stored object (if any) merged
 * with the rows, in (timestamp, id) order, each log once, with the size and checksums the upload
 * is verified against. Nothing of the day is held in memory but one log from each side.
 */
final class DayArchiveFile {
  /** The day's rows, oldest first; null at the end. */
  @FunctionalInterface
  interface Rows {
    LogEvent next() throws SQLException;
  }

  /** What was written: gzip size, SHA-256 and MD5 (the ETag of a single-part upload), lines. */
  record Written(long bytes, String sha256, String md5, long lines) {}

  private final ArchiveObjects objects;
  private final LogCodec codec;

  DayArchiveFile(ArchiveObjects objects, LogCodec codec) {
    this.objects = objects;
    this.codec = codec;
  }

  /**
   * Writes the merged day to {@code tmp}; lines of the stored object stamped at or before the
   * window's {@code after} (a deleted life) are left out.
   */
  Written write(DayWindow w, Rows rows, Path tmp) throws IOException, SQLException {
    MessageDigest sha = digest("SHA-256");
    MessageDigest md5 = digest("MD5");
    long lines = 0;
    try (OutputStream file = Files.newOutputStream(tmp);
         DigestOutputStream d1 = new DigestOutputStream(file, sha);
         DigestOutputStream d2 = new DigestOutputStream(d1, md5);
         GZIPOutputStream gz = new GZIPOutputStream(d2, 64 * 1024);
         InputStream stored = objects.open(w.key());
         BufferedReader existing = ArchiveObjects.lines(stored, w.key())) {
      LogEvent a = next(existing, w.after(), w.key());
      LogEvent b = rows.next();
      while (a != null || b != null) {
        LogEvent pick;
        if (b == null || (a != null && compare(a, b) < 0)) {
          pick = a;
          a = next(existing, w.after(), w.key());
        } else if (a == null || compare(a, b) > 0) {
          pick = b;
          b = rows.next();
        } else { // the same log on both sides: once
          pick = b;
          a = next(existing, w.after(), w.key());
          b = rows.next();
        }
        codec.write(pick, gz);
        gz.write('\n');
        lines++;
      }
    }
    return new Written(Files.size(tmp), HexFormat.of().formatHex(sha.digest()),
        HexFormat.of().formatHex(md5.digest()), lines);
  }

  private static int compare(LogEvent x, LogEvent y) {
    int c = x.timestamp().compareTo(y.timestamp());
    return c != 0 ? c : x.eventId().toString().compareTo(y.eventId().toString());
  }

  private LogEvent next(BufferedReader r, Instant after, String key) throws IOException {
    for (String line = r.readLine(); line != null && !line.isEmpty(); line = r.readLine()) {
      LogEvent e;
      try {
        e = codec.decode(line.getBytes(StandardCharsets.UTF_8));
      } catch (InvalidEventException ex) {
        throw new IOException("archive " + key + " holds a line that is not a log: " + ex.getMessage(), ex);
      }
      if (e.timestamp().isAfter(after)) {
        return e;
      }
    }
    return null;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has " + algorithm, e);
    }
  }
}
