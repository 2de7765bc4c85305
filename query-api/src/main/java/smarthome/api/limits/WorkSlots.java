package smarthome.api.limits;

import jakarta.inject.Singleton;
import smarthome.api.ApiConfig;

/**
 * The request kinds whose memory, Kafka traffic or held S3 connections are large enough to need a
 * cap of their own.
 */
@Singleton
public class WorkSlots {
  /** A 10 MiB upload takes about a second on a local network; a generate call several. */
  static final int UPLOAD_RETRY_AFTER_S = 1;
  static final int GENERATE_RETRY_AFTER_S = 5;
  static final int DOWNLOAD_RETRY_AFTER_S = 1;

  public final Slots uploads;
  public final Slots generate;
  /** Image bytes streamed from S3: taken by ImageObjects, given back when the stream is closed. */
  public final Slots downloads;

  public WorkSlots(ApiConfig config) {
    this.uploads = new Slots("image uploads", config.maxUploads, UPLOAD_RETRY_AFTER_S);
    this.generate = new Slots("generate-and-store calls", config.maxGenerate, GENERATE_RETRY_AFTER_S);
    this.downloads = new Slots("image downloads", config.maxDownloads, DOWNLOAD_RETRY_AFTER_S);
  }
}
