package smarthome.api.headers;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Headers on every answer: nosniff everywhere; the API's answers (device data, errors) are never
 * stored by a cache or a browser; the documentation pages get a restrictive Content-Security-Policy
 * (their own scripts and styles only, no framing, no plugins, calls to this origin only); the
 * dashboard's files a stricter one and cache headers (they hold no device data).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class ResponseHeadersFilter implements Ordered {
  /**
   * Swagger UI and ReDoc as the build generates them: inline bootstrap scripts and styles, ReDoc's
   * web worker from a blob, images as data URIs; nothing from another origin.
   */
  static final String DOCS_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
      + "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";
  /**
   * The dashboard: no inline script or style at all; images also from blob: URLs, because a
   * thumbnail is fetched with the key in a header and shown from memory.
   */
  static final String UI_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  @ResponseFilter
  public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
    response.getHeaders().set("X-Content-Type-Options", "nosniff");
    String path = request.getPath();
    if (path.startsWith("/ui/") || path.startsWith("/webjars/uplot/")) {
      response.getHeaders().set("Content-Security-Policy", UI_CSP);
      response.getHeaders().set("X-Frame-Options", "DENY");
      // uPlot's path names its version, so it never changes; our pages may change with a release
      response.getHeaders().set("Cache-Control", path.startsWith("/webjars/")
          ? "public, max-age=31536000, immutable" : "public, max-age=300");
    } else if (isDocs(path)) {
      response.getHeaders().set("Content-Security-Policy", DOCS_CSP);
      response.getHeaders().set("X-Frame-Options", "DENY");
    } else {
      response.getHeaders().set("Cache-Control", "no-store");
    }
  }

  static boolean isDocs(String path) {
    return path.equals("/") || path.equals("/docs") || path.startsWith("/docs/")
        || path.equals("/redoc") || path.startsWith("/redoc/") || path.startsWith("/swagger/");
  }

  @Override
  public int getOrder() {
    // first in, last out: it also sees the answers of filters that refuse a request (401, 429)
    return ServerFilterPhase.FIRST.after();
  }
}
