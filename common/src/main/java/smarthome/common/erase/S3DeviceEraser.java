package smarthome.common.erase;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import smarthome.common.images.S3Keys;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A device's objects in S3: its images and its log archives, every page of them. */
public final class S3DeviceEraser {
  /** The most keys one DeleteObjects request may carry. */
  private static final int DELETE_BATCH = 1000;

  private final S3Client s3;
  private final String bucket;

  public S3DeviceEraser(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** Every object key under the device's prefixes that {@code keep} does not claim. */
  public List<String> objectsOf(String deviceId, Predicate<String> keep) {
    List<String> keys = new ArrayList<>();
    for (String prefix : List.of(S3Keys.imagePrefix(deviceId), S3Keys.logPrefix(deviceId))) {
      String token = null;
      do {
        String t = token;
        ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).continuationToken(t));
        for (S3Object o : page.contents()) {
          if (!keep.test(o.key())) {
            keys.add(o.key());
          }
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
    }
    return keys;
  }

  /**
   * Deletes the given keys of the device. Keys outside the device's prefixes are left alone, so a
   * corrupt index row can never remove another device's object. Returns how many were deleted.
   */
  public int delete(String deviceId, Collection<String> keys) {
    String images = S3Keys.imagePrefix(deviceId);
    String logs = S3Keys.logPrefix(deviceId);
    List<String> all = keys.stream().filter(k -> k.startsWith(images) || k.startsWith(logs)).toList();
    for (int i = 0; i < all.size(); i += DELETE_BATCH) {
      List<ObjectIdentifier> ids = all.subList(i, Math.min(all.size(), i + DELETE_BATCH)).stream()
          .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      s3.deleteObjects(r -> r.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
    }
    return all.size();
  }
}
