package smarthome.api.generate;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** What POST /generate-and-store published. */
@Serdeable
public record GenerateResult(int numDevices, long devices, long readings, long logs, long images,
    String windowStart, String windowEnd, List<String> deviceIds, String status) {}
