package smarthome.api.images;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import smarthome.api.errors.Errors;

/**
 * An upload must be multipart/form-data. A request without any Content-Type would otherwise reach
 * the multipart binder, which is not made for it; here it gets a clear 415. One that declares more
 * than 11 MiB and waits for 100 Continue gets its 413 here, before its body is sent.
 */
@ServerFilter("/devices/*/images")
public final class MultipartOnlyFilter implements Ordered {
  /** An image of at most 10 MiB plus a generous multipart envelope. */
  static final long MAX_REQUEST_BYTES = 11L * 1024 * 1024;

  @RequestFilter
  @Nullable
  public MutableHttpResponse<?> check(HttpRequest<?> request) {
    if (request.getMethod() != HttpMethod.POST) {
      return null;
    }
    boolean multipart = request.getContentType()
        .map(t -> t.getName().equalsIgnoreCase(MediaType.MULTIPART_FORM_DATA))
        .orElse(false);
    if (!multipart) {
      return Errors.response(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "an upload must be multipart/form-data with the image in the field 'file'");
    }
    // a client that waits for 100 Continue hears its 413 before it sends the body; one that sends
    // the body anyway has it read and dropped by ImageUploads, so it too hears the 413
    boolean expects = request.getHeaders().get("Expect", String.class)
        .map(v -> v.equalsIgnoreCase("100-continue")).orElse(false);
    if (expects && request.getContentLength() > MAX_REQUEST_BYTES) {
      return Errors.response(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, ImageUploads.TOO_LARGE);
    }
    return null;
  }

  @Override
  public int getOrder() {
    // after the key check: an anonymous caller learns nothing about media types
    return ServerFilterPhase.SECURITY.after();
  }
}
