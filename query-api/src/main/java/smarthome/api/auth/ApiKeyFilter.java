package smarthome.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Optional;
import smarthome.api.ApiConfig;
import smarthome.api.errors.Errors;
import smarthome.api.errors.PreflightRefusalFilter;

/**
 * API keys as {@code Authorization: Bearer <key>}: 401 without a valid key, 403 when the key's
 * role is too low (read: GETs; write: also POSTs; admin: also DELETE). Only health, the docs,
 * the OpenAPI document and the dashboard's static files are open. Runs before routing, so an unknown path without a key is a 401,
 * not a map of routes.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class ApiKeyFilter implements Ordered {
  static final String CHALLENGE = "Bearer realm=\"smarthome\"";
  private final ApiKeys keys;

  public ApiKeyFilter(ApiConfig config) {
    this.keys = config.keys;
  }

  @RequestFilter
  @Nullable
  public MutableHttpResponse<?> authorize(HttpRequest<?> request) {
    String path = request.getPath();
    if (PreflightRefusalFilter.isPreflight(request)) {
      return null;
    }
    if (isOpen(path)) {
      // open to all; a valid key, when sent, may see more (the per-store health states)
      request.getHeaders().getAuthorization().filter(ApiKeyFilter::isBearer)
          .flatMap(h -> keys.find(h.substring(7).strip()))
          .ifPresent(k -> request.setAttribute(ApiKey.ATTRIBUTE, k));
      return null;
    }
    Optional<String> header = request.getHeaders().getAuthorization();
    if (header.isEmpty()) {
      return unauthorized(request, "missing API key: send the header Authorization: Bearer <key>");
    }
    String h = header.get();
    if (!isBearer(h)) {
      return unauthorized(request, "the Authorization header must be: Bearer <key>");
    }
    Optional<ApiKey> key = keys.find(h.substring(7).strip());
    if (key.isEmpty()) {
      return unauthorized(request, "invalid API key");
    }
    // set before the checks, so even a refusal is logged under the key's name
    request.setAttribute(ApiKey.ATTRIBUTE, key.get());
    Role role = key.get().role();
    Role needed = needed(request.getMethod(), path);
    if (!role.allows(needed)) {
      return Errors.response(request, HttpStatus.FORBIDDEN, "a '" + role.wire()
          + "' key cannot " + request.getMethodName() + " here: it needs the '" + needed.wire() + "' role");
    }
    if (key.get().scoped()) {
      String device = DevicePath.deviceOf(path).orElse(null);
      if (device == null || !key.get().devices().contains(device)) {
        return Errors.response(request, HttpStatus.FORBIDDEN, "this key is scoped to its own "
            + "devices: it may only reach /devices/{device_id}/... of those");
      }
    }
    return null;
  }

  /** The metrics are for a metrics key; everything else by the method. */
  static Role needed(HttpMethod m, String path) {
    if (path.equals("/prometheus")) {
      return Role.METRICS;
    }
    return needed(m);
  }

  static Role needed(HttpMethod m) {
    return switch (m) {
      case GET, HEAD, OPTIONS -> Role.READ;
      case DELETE -> Role.ADMIN;
      default -> Role.WRITE;
    };
  }

  /** Health and the documentation (with the OpenAPI document) need no key. */
  static boolean isOpen(String path) {
    return path.equals("/") || path.equals("/health") || path.equals("/health/live")
        || path.equals("/health/ready") || path.equals("/openapi.json") || path.equals("/openapi.yml")
        || path.equals("/docs") || path.startsWith("/docs/")
        || path.equals("/redoc") || path.startsWith("/redoc/") || path.startsWith("/swagger/")
        || path.equals("/favicon.ico") || isDashboard(path);
  }

  /** The dashboard's files: the key is asked for by the page and sent only on its API calls. */
  static boolean isDashboard(String path) {
    return path.equals("/ui") || path.startsWith("/ui/") || path.startsWith("/webjars/uplot/");
  }

  private static boolean isBearer(String h) {
    return h.length() >= 8 && h.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  private static MutableHttpResponse<?> unauthorized(HttpRequest<?> request, String message) {
    return Errors.response(request, HttpStatus.UNAUTHORIZED, message)
        .header("WWW-Authenticate", CHALLENGE);
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }
}
