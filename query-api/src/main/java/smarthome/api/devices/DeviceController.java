package smarthome.api.devices;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import smarthome.api.ApiConfig;
import smarthome.api.http.KnownDevices;
import smarthome.api.http.Paging;
import smarthome.api.http.Params;

/** Device metadata: list, one, delete everywhere; the distinct types and locations. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "devices")
@SecurityRequirement(name = "bearerAuth")
public class DeviceController {
  private final DeviceRepository devices;
  private final DeviceDeletion deletion;
  private final ApiConfig config;

  public DeviceController(DeviceRepository devices, DeviceDeletion deletion, ApiConfig config) {
    this.devices = devices;
    this.deletion = deletion;
    this.config = config;
  }

  @Get("/devices")
  @Operation(summary = "List devices, their metadata and live state",
      description = "Ordered by device_id, one page at a time; a Link header with rel=\"next\" "
          + "points at the next page when there is more. status, last_seen and latest come from "
          + "the state processor (ingest-worker --sinks state); status is unknown before it has "
          + "seen a reading of the device.")
  @ApiResponse(responseCode = "200", description = "a page of devices")
  @ApiResponse(responseCode = "400", description = "malformed parameter")
  @ApiResponse(responseCode = "422", description = "unknown device_type or limit out of range")
  public MutableHttpResponse<List<DeviceView>> list(
      @Parameter(description = "only devices of this type, e.g. thermostat")
      @Nullable @QueryValue("device_type") String deviceType,
      @Parameter(description = "only devices in this location, e.g. kitchen")
      @Nullable @QueryValue("location") String location,
      @Parameter(description = "only devices in this live status: online, offline or unknown")
      @Nullable @QueryValue("status") String status,
      @Parameter(description = "page size (default 100, at most 1000)")
      @Nullable @QueryValue("limit") String limit,
      @Parameter(description = "cursor: the last device_id of the previous page")
      @Nullable @QueryValue("after") String after) {
    Params.deviceType(deviceType);
    String loc = Params.text("location", location);
    Params.status(status, List.of("online", "offline", "unknown"));
    String cursor = after == null ? null : Params.deviceId(after);
    int n = Params.limit(limit, config.pageSize, config.maxPageSize);
    return Paging.page(devices.list(deviceType, loc, status, cursor, n + 1), n,
        last -> Paging.Link.to("/devices").param("limit", n).param("after", last.deviceId())
            .param("device_type", deviceType).param("location", loc).param("status", status));
  }

  @Get("/devices/{device_id}")
  @Operation(summary = "One device's metadata")
  @ApiResponse(responseCode = "200", description = "the device")
  @ApiResponse(responseCode = "400", description = "invalid device_id")
  @ApiResponse(responseCode = "404", description = "unknown device")
  public DeviceView get(@PathVariable("device_id") String deviceId) {
    String id = Params.deviceId(deviceId);
    return devices.find(id).orElseThrow(() -> KnownDevices.notFound(id));
  }

  @Delete("/devices/{device_id}")
  @Operation(summary = "Delete all data of a device (admin)",
      description = "Erases the device's points in InfluxDB, its rows in PostgreSQL, its objects in "
          + "S3, publishes a tombstone, and records the deletion so that events still in flight, "
          + "stamped at or before it, are never stored. Repeating it is harmless.")
  @ApiResponse(responseCode = "200", description = "what was removed, per store")
  @ApiResponse(responseCode = "404", description = "the device is unknown in every store")
  @ApiResponse(responseCode = "503", description = "a store is unavailable; repeat the DELETE later")
  public DeletionReport delete(@PathVariable("device_id") String deviceId) {
    return deletion.delete(Params.deviceId(deviceId));
  }

  @Get("/device-types")
  @Operation(summary = "The device types of the known devices")
  public List<String> types() {
    return devices.distinct("device_type");
  }

  @Get("/device-locations")
  @Operation(summary = "The locations of the known devices")
  public List<String> locations() {
    return devices.distinct("location");
  }
}
