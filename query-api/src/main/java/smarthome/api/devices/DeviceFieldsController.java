package smarthome.api.devices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;

/**
 * GET /device-fields: the fields each device type reports, with kind and unit, read from common's
 * FieldSpec, so a client labels values without a copy of that table. Apart from /device-types,
 * which lists the types of the devices actually known, as plain strings.
 */
@Controller
@Tag(name = "devices")
@SecurityRequirement(name = "bearerAuth")
public class DeviceFieldsController {
  private static final List<TypeFields> ALL = Arrays.stream(DeviceType.values())
      .map(t -> new TypeFields(t.wire(), t.fields().stream().map(FieldView::of).toList())).toList();

  /** One device type and its fields in the order the type declares them. */
  @Serdeable
  public record TypeFields(String deviceType, List<FieldView> fields) {}

  /**
   * One field: kind number or boolean; for numbers the unit ("" when dimensionless) and the
   * accepted range, null for booleans.
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record FieldView(String name, String kind, @Nullable String unit, @Nullable Double min,
      @Nullable Double max) {
    static FieldView of(FieldSpec f) {
      return f.isNumber()
          ? new FieldView(f.name(), "number", f.unit(), f.min(), f.max())
          : new FieldView(f.name(), "boolean", null, null, null);
    }
  }

  @Get("/device-fields")
  @Operation(summary = "Every device type with its fields: kind, unit and accepted range",
      description = "The same for every deployment (it describes the event contract, not the "
          + "stored devices); a reading's value outside [min, max] is rejected at ingest.")
  @ApiResponse(responseCode = "200", description = "the device types and their fields")
  @ApiResponse(responseCode = "401", description = "missing or invalid key")
  public List<TypeFields> fields() {
    return ALL;
  }
}
