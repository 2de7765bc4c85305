package smarthome.api.limits;

import jakarta.inject.Singleton;
import smarthome.api.ApiConfig;

/** The two request kinds whose memory or Kafka traffic is large enough to need a cap of their own. */
@Singleton
public class WorkSlots {
  /** A 10 MiB upload takes about a second on a local network; a generate call several. */
  static final int UPLOAD_RETRY_AFTER_S = 1;
  static final int GENERATE_RETRY_AFTER_S = 5;

  public final Slots uploads;
  public final Slots generate;

  public WorkSlots(ApiConfig config) {
    this.uploads = new Slots("image uploads", config.maxUploads, UPLOAD_RETRY_AFTER_S);
    this.generate = new Slots("generate-and-store calls", config.maxGenerate, GENERATE_RETRY_AFTER_S);
  }
}
