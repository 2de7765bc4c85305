package smarthome.ingest.images;

import smarthome.common.images.ImageMeta;

/** A validated image: its metadata and bytes (type sniffed, digest checked). */
public record ImageEvent(ImageMeta meta, byte[] bytes) {}
