package smarthome.api.live;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import smarthome.api.http.Params;

/** Server-Sent Events: readings and state changes as Kafka delivers them. */
@Controller
@Tag(name = "live")
@SecurityRequirement(name = "bearerAuth")
public class LiveController {
  static final String STREAM = "Server-Sent Events. The stream opens with a comment; an event 'ready' "
      + "says the reader is positioned: everything published from then on is delivered. Events: "
      + "'reading' (data: the reading JSON of the Kafka contract), 'state' (the device-state JSON), "
      + "'deleted' ({device_id}), 'end' ({reason, message}: too_slow when the client did not keep "
      + "up, shutdown; the stream then closes). Each event has an id; reconnecting with "
      + "Last-Event-ID resumes after it from the events this instance still holds (the last 1000), "
      + "else from now. A comment every 15 s keeps the connection alive. At most "
      + "API_LIVE_MAX_SUBSCRIBERS streams per instance and API_LIVE_MAX_PER_KEY per key (429 with "
      + "Retry-After beyond).";

  private final LiveHub hub;
  private final DeviceLocations locations;

  public LiveController(LiveHub hub, DeviceLocations locations) {
    this.hub = hub;
    this.locations = locations;
  }

  @Get(uri = "/devices/{device_id}/live", produces = MediaType.TEXT_EVENT_STREAM)
  @Operation(summary = "A device's readings and state changes as they arrive (SSE)", description = STREAM)
  @ApiResponse(responseCode = "200", description = "the event stream",
      content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", description = "invalid device_id")
  @ApiResponse(responseCode = "429", description = "too many streams open (Retry-After)")
  public Publisher<Event<String>> device(@PathVariable("device_id") String deviceId,
      @Parameter(description = "the id of the last event received, to resume after it")
      @Nullable @Header("Last-Event-ID") String lastEventId, HttpRequest<?> request) {
    return stream(LiveFilter.device(Params.deviceId(deviceId)), lastEventId, request);
  }

  @Get(uri = "/devices/live", produces = MediaType.TEXT_EVENT_STREAM)
  @Operation(summary = "State changes of all devices as they arrive (SSE)", description = STREAM)
  @ApiResponse(responseCode = "200", description = "the event stream",
      content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", description = "invalid filter value")
  @ApiResponse(responseCode = "422", description = "unknown device_type or status")
  @ApiResponse(responseCode = "429", description = "too many streams open (Retry-After)")
  public Publisher<Event<String>> all(
      @Parameter(description = "only devices of this type")
      @Nullable @QueryValue("device_type") String deviceType,
      @Parameter(description = "only devices at this location")
      @Nullable @QueryValue("location") String location,
      @Parameter(description = "only changes to online or offline")
      @Nullable @QueryValue("status") String status,
      @Parameter(description = "the id of the last event received, to resume after it")
      @Nullable @Header("Last-Event-ID") String lastEventId, HttpRequest<?> request) {
    LiveFilter filter = new LiveFilter(null, Params.deviceType(deviceType), Params.text("location", location),
        Params.status(status, List.of("online", "offline")));
    return stream(filter, lastEventId, request);
  }

  private Publisher<Event<String>> stream(LiveFilter filter, String lastEventId, HttpRequest<?> request) {
    LiveSubscriber s = hub.subscribe(filter, keyId(request), lastEventId, locations::of);
    return Flux.<Event<String>>create(sink -> {
      sink.onDispose(() -> hub.unsubscribe(s));
      s.attach(sink);
    }, FluxSink.OverflowStrategy.ERROR).startWith(Event.of("").comment("stream open"));
  }

  /** Streams are counted per key without keeping the key: a digest of the Authorization header. */
  static String keyId(HttpRequest<?> request) {
    String auth = request.getHeaders().getAuthorization().orElse("");
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(auth.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
