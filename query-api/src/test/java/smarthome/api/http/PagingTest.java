package smarthome.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTest {
  @Test
  void oneRowMoreThanThePageIsALinkToTheNextPage() {
    MutableHttpResponse<List<String>> r = Paging.page(List.of("a", "b", "c"), 2,
        last -> Paging.Link.to("/devices").param("limit", 2).param("after", last));
    assertEquals(List.of("a", "b"), r.body());
    assertEquals("</devices?limit=2&after=b>; rel=\"next\"", r.getHeaders().get("Link"));
  }

  @Test
  void aFullPageWithNothingAfterItHasNoLink() {
    MutableHttpResponse<List<String>> r = Paging.page(List.of("a", "b"), 2, last -> Paging.Link.to("/x"));
    assertEquals(List.of("a", "b"), r.body());
    assertFalse(r.getHeaders().contains("Link"));
  }

  @Test
  void valuesAreEncodedAndAbsentOnesLeftOut() {
    assertEquals("/devices?after=a%3Ab&location=living+room&status=online",
        Paging.Link.to("/devices").param("after", "a:b").param("device_type", null)
            .param("location", "living room").param("status", "online").toString());
    assertEquals("/devices/d/logs?start_time=2026-01-01T00%3A00%3A00%2B01%3A00&level=",
        Paging.Link.to("/devices/d/logs").param("start_time", "2026-01-01T00:00:00+01:00")
            .param("level", "").toString());
  }
}
