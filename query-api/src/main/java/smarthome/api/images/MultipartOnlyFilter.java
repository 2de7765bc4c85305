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
 * the multipart binder, which is not made for it; here it gets a clear 415.
 */
@ServerFilter("/devices/*/images")
public final class MultipartOnlyFilter implements Ordered {
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
    return null;
  }

  @Override
  public int getOrder() {
    // after the key check: an anonymous caller learns nothing about media types
    return ServerFilterPhase.SECURITY.after();
  }
}
