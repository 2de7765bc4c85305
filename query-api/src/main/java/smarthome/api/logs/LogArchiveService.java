package smarthome.api.logs;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smarthome.api.http.KnownDevices;
import smarthome.api.http.PresignedUrls;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The days of a device's logs that the archiver moved to S3, each with an expiring URL. */
@Singleton
public class LogArchiveService {
  private static final Pattern DAY = Pattern.compile(".*/(\\d{4})/(\\d{2})/(\\d{2})\\.jsonl\\.gz");

  private final LogArchiveRepository archives;
  private final PresignedUrls urls;
  private final KnownDevices known;

  public LogArchiveService(LogArchiveRepository archives, PresignedUrls urls, KnownDevices known) {
    this.archives = archives;
    this.urls = urls;
    this.known = known;
  }

  /** Oldest first; none is a 200 for a known device and a 404 for an id no store has heard of. */
  public List<ArchiveView> archives(String id) {
    String expires = urls.expiresAt();
    List<ArchiveView> out = new ArrayList<>();
    for (S3Object o : archives.objectsOf(id)) {
      Matcher m = DAY.matcher(o.key());
      if (m.matches()) {
        out.add(new ArchiveView(m.group(1) + "-" + m.group(2) + "-" + m.group(3), o.key(), o.size(),
            urls.url(o.key()), expires));
      }
    }
    if (out.isEmpty()) {
      known.require(id);
    }
    return out;
  }
}
