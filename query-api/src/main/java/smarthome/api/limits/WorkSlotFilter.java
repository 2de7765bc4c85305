package smarthome.api.limits;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import smarthome.api.errors.Errors;
import smarthome.api.errors.TooManyRequestsException;

/**
 * Takes an upload or generate slot when the request's headers arrive, before any byte of its body
 * is read, and gives it back with the response (whatever its status, also when the connection
 * failed or idled out and the answer is an error). Beyond the slots: 429 with Retry-After.
 */
@ServerFilter(patterns = {"/devices/*/images", "/generate-and-store"})
public final class WorkSlotFilter implements Ordered {
  static final String PERMIT = "smarthome.work-slot";
  private final WorkSlots slots;

  public WorkSlotFilter(WorkSlots slots) {
    this.slots = slots;
  }

  @RequestFilter
  @Nullable
  public MutableHttpResponse<?> take(HttpRequest<?> request) {
    if (request.getMethod() != HttpMethod.POST) {
      return null;
    }
    Slots which = request.getPath().equals("/generate-and-store") ? slots.generate : slots.uploads;
    try {
      request.setAttribute(PERMIT, which.take());
      return null;
    } catch (TooManyRequestsException e) {
      return Errors.response(request, e.status(), e.getMessage())
          .header("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
  }

  @ResponseFilter
  public void giveBack(HttpRequest<?> request) {
    request.getAttribute(PERMIT, Slots.Permit.class).ifPresent(Slots.Permit::close);
  }

  @Override
  public int getOrder() {
    // after the key and rate checks: an anonymous or throttled caller takes no slot
    return ServerFilterPhase.SECURITY.after() + 10;
  }
}
