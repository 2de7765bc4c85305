package smarthome.ingest.state;

import java.time.Duration;

/**
 * The live-state processor's settings.
 *
 * @param applicationId the Streams application id: its consumer group and the prefix of its
 *     internal topics, so two deployments on one cluster must not share it
 * @param instanceId the static group member id, so a restart takes its partitions back at once
 */
public record StateSettings(String applicationId, String stateDir, String instanceId,
    Duration punctuateEvery, int offlineMultiple, Duration offlineMin) {}
