package smarthome.api.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Lists a page at a time: a repository is asked for one row more than the page, and when that row
 * came back the answer carries {@code Link: <next>; rel="next"}.
 */
public final class Paging {
  private Paging() {}

  /**
   * The first {@code limit} of {@code rows} (fetched with limit + 1); when there were more, a Link
   * header to the page after the last row shown, which {@code next} builds from that row.
   */
  public static <T> MutableHttpResponse<List<T>> page(List<T> rows, int limit, Function<T, Link> next) {
    Page<T> p = cut(rows, limit);
    return withNext(HttpResponse.ok(p.rows()), p.more() ? next.apply(p.last()) : null);
  }

  /** One page of rows fetched with limit + 1, and whether there are more after it. */
  public record Page<T>(List<T> rows, boolean more) {
    /** The last row shown, where the next page starts after. */
    public T last() {
      return rows.get(rows.size() - 1);
    }
  }

  public static <T> Page<T> cut(List<T> rows, int limit) {
    return rows.size() <= limit ? new Page<>(rows, false) : new Page<>(rows.subList(0, limit), true);
  }

  /** The response with {@code Link: <next>; rel="next"}, or as it is when next is null (the last page). */
  public static <B> MutableHttpResponse<B> withNext(MutableHttpResponse<B> response, Link next) {
    return next == null ? response : response.header("Link", "<" + next + ">; rel=\"next\"");
  }

  /** A relative link with query parameters, each value URL-encoded; absent ones are left out. */
  public static final class Link {
    private final StringBuilder uri;
    private char separator = '?';

    private Link(String path) {
      this.uri = new StringBuilder(path);
    }

    /** @param path already safe in a URL (built from validated ids only) */
    public static Link to(String path) {
      return new Link(path);
    }

    public Link param(String name, Object value) {
      if (value != null) {
        uri.append(separator).append(name).append('=')
            .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
        separator = '&';
      }
      return this;
    }

    @Override
    public String toString() {
      return uri.toString();
    }
  }
}
